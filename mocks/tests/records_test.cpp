// SPDX-License-Identifier: Apache-2.0
// Record encoding and reading (mocks/README.md, "records"), argument parsing.
#include <gtest/gtest.h>

#include <fstream>

#include "mocks/arg_parser.hpp"
#include "mocks/base64.hpp"
#include "mocks/json_line.hpp"
#include "mocks/records.hpp"
#include "test_dir.hpp"

namespace {

using mocks::testing::test_dir;

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// RFC 4648 section 10 test vectors.
TEST(base64, rfc4648_vectors) {
    const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(mocks::base64_encode(plain), encoded);
        EXPECT_EQ(mocks::base64_decode(encoded), plain);
    }
    EXPECT_EQ(mocks::base64_encode(std::string("\xff\x00\x80", 3)), "/wCA");
    EXPECT_THROW(mocks::base64_decode("Zg="), std::invalid_argument);
    EXPECT_THROW(mocks::base64_decode("Z=g="), std::invalid_argument);
}

// RFC 3629: overlong forms, surrogates, > U+10FFFF and truncated sequences are not UTF-8.
TEST(utf8, valid_and_invalid) {
    EXPECT_TRUE(mocks::is_valid_utf8("plain"));
    EXPECT_TRUE(mocks::is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
    EXPECT_TRUE(mocks::is_valid_utf8(std::string("a\0b", 3)));
    EXPECT_FALSE(mocks::is_valid_utf8("\xff"));
    EXPECT_FALSE(mocks::is_valid_utf8("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(mocks::is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
    EXPECT_FALSE(mocks::is_valid_utf8("\xf4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(mocks::is_valid_utf8("\xe2\x82"));          // truncated
}

TEST(json_line, bytes_become_base64_key_when_not_utf8) {
    mocks::json_line line;
    line.number("seq", 1)
        .bytes("ok", "t\"ext\n")
        .bytes("raw", "\xff\xfe")
        .optional_bytes("none", std::nullopt)
        .bytes_array("argv", {"a", "b"})
        .pairs("headers", {{"Host", "x"}});
    EXPECT_EQ(line.finish(),
              "{\"seq\":1,\"ok\":\"t\\\"ext\\n\",\"raw_base64\":\"//4=\",\"none\":null,"
              "\"argv\":[\"a\",\"b\"],\"headers\":[[\"Host\",\"x\"]]}\n");
}

TEST(records, readers_decode_base64_and_skip_an_unfinished_last_line) {
    test_dir dir;
    write_file(dir.file("c.jsonl"),
               "{\"event\":\"start\",\"pid\":5,\"ppid\":4,\"pgid\":4,\"sid\":1,\"argv\":[\"c\"],"
               "\"t_ns\":10}\n"
               "{\"event\":\"read\",\"pid\":5,\"data_base64\":\"/wA=\",\"t_ns\":11}\n"
               "{\"event\":\"eof\",\"pid\":5,");
    const auto events = mocks::read_capture_events(dir.file("c.jsonl"));
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].event, "start");
    EXPECT_EQ(events[0].ppid, 4);
    EXPECT_EQ(events[0].argv, std::vector<std::string>{"c"});
    EXPECT_EQ(events[1].data, std::string("\xff\x00", 2));
    EXPECT_EQ(events[1].t_ns, 11u);
}

TEST(records, invalid_line_names_file_and_line) {
    test_dir dir;
    write_file(dir.file("s.jsonl"), "{\"seq\":1}\n");
    try {
        mocks::read_syslog_records(dir.file("s.jsonl"));
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(dir.file("s.jsonl") + ":1: invalid record"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(mocks::read_http_records(dir.file("missing.jsonl")).empty());
}

TEST(records, http_reader_separates_connections_from_requests) {
    test_dir dir;
    write_file(dir.file("h.jsonl"),
               "{\"event\":\"connection\",\"conn_id\":1,\"tls\":false,\"remote_port\":1}\n"
               "{\"seq\":1,\"conn_id\":1,\"tls\":false,\"method\":\"POST\",\"target\":\"/\","
               "\"version\":\"HTTP/1.1\",\"headers_base64\":[[\"SG9zdA==\",\"/w==\"]],"
               "\"body\":\"b\",\"status\":null,\"fault\":\"hang\"}\n");
    const auto requests = mocks::read_http_records(dir.file("h.jsonl"));
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].headers,
              (std::vector<std::pair<std::string, std::string>>{{"Host", "\xff"}}));
    EXPECT_EQ(requests[0].header("host"), "\xff");
    EXPECT_EQ(requests[0].status, 0);
    EXPECT_EQ(requests[0].fault, "hang");
    EXPECT_EQ(mocks::read_http_connection_count(dir.file("h.jsonl")), 1u);
}

TEST(arg_parser, errors_name_the_argument) {
    mocks::arg_parser p;
    p.flag("--udp").option("--out");
    auto message = [&](std::vector<std::string> args) {
        try {
            mocks::arg_parser q = p;
            q.parse(args);
        } catch (const mocks::usage_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(message({"--nope"}), "unknown argument: --nope");
    EXPECT_EQ(message({"--out"}), "missing value for --out");
    EXPECT_EQ(message({"--udp=1"}), "--udp takes no value");
    EXPECT_EQ(message({"--out=x", "--udp"}), "");
    p.parse({"--out", "a", "--out=b"});
    EXPECT_EQ(p.value("--out"), "b");
    EXPECT_EQ(p.values("--out"), (std::vector<std::string>{"a", "b"}));
    EXPECT_THROW(mocks::parse_integer("--n", "12x", 0, 100), mocks::usage_error);
    EXPECT_EQ(mocks::parse_integer("--n", "12", 0, 100), 12);
}

}  // namespace
