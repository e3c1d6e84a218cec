// SPDX-License-Identifier: Apache-2.0
// Expected values: conformance/PROTOCOL.md section 2; epoch seconds from `date -u -d`.
#include "alert_reader.hpp"

#include <gtest/gtest.h>

using replay::alert_reader;
using replay::replay_alert;
using replay::replay_value;

namespace {

replay_alert must_read(std::string_view line) {
    auto r = alert_reader::read(line);
    if (const auto* why = std::get_if<std::string>(&r)) {
        ADD_FAILURE() << *why;
    }
    return std::get<replay_alert>(r);
}

bool invalid(std::string_view line) {
    return std::holds_alternative<std::string>(alert_reader::read(line));
}

}  // namespace

TEST(alert_reader, reads_every_key) {
    const auto a = must_read(
        R"({"time":1470327477881781397,"rule":"r","priority":"warning","source":"k8s_audit",)"
        R"("tags":["b","a"],"message":"m","output_fields":{"x.y":2,"x.z":2.0,"x.w":null},)"
        R"("output_template":"t %x.y"})");
    EXPECT_EQ(a.time_ns, 1470327477881781397u);
    EXPECT_EQ(a.rule, "r");
    EXPECT_EQ(a.priority, "Warning");
    EXPECT_EQ(a.source, "k8s_audit");
    EXPECT_EQ(a.tags, (std::vector<std::string>{"b", "a"}));
    ASSERT_EQ(a.output_fields.size(), 3u);
    // "Numbers keep their kind: 2 is an integer, 2.0 a floating-point number".
    EXPECT_EQ(a.field("x.y")->what, replay_value::kind::int64);
    EXPECT_EQ(a.field("x.z")->what, replay_value::kind::floating);
    EXPECT_EQ(a.field("x.w")->what, replay_value::kind::null);
    EXPECT_EQ(*a.output_template, "t %x.y");
}

TEST(alert_reader, defaults_and_byte_strings) {
    const auto a = must_read(
        "{\"time\":0,\"rule\":\"r\",\"priority\":\"info\",\"message\":"
        "\"nul\\u0000 raw\xff\"}");
    EXPECT_EQ(a.source, "syscall");
    EXPECT_TRUE(a.tags.empty());
    EXPECT_EQ(a.priority, "Informational");  // docs/spec/0.44.md#input.priority.parse
    EXPECT_EQ(a.message, std::string("nul\0 raw\xff", 9));
    EXPECT_FALSE(a.output_template);
}

TEST(alert_reader, unsigned_beyond_int64) {
    const auto a = must_read(R"({"time":1,"rule":"r","priority":"Debug","message":"m",)"
                             R"("output_fields":{"u.v":18446744073709551615,"n.m":-1}})");
    EXPECT_EQ(a.field("u.v")->what, replay_value::kind::uint64);
    EXPECT_EQ(a.field("u.v")->uint64, 18446744073709551615u);
    EXPECT_FALSE(a.field("n.m")->is_unsigned_integer());
}

// PROTOCOL.md section 2: RFC 3339 with up to 9 fraction digits, Z or +-HH:MM.
TEST(alert_reader, rfc3339_times) {
    std::uint64_t ns = 0;
    ASSERT_TRUE(alert_reader::parse_rfc3339("2017-10-09T23:31:56.746609046Z", ns));
    EXPECT_EQ(ns, 1507591916746609046u);  // date -u -d 2017-10-09T23:31:56Z +%s = 1507591916
    ASSERT_TRUE(alert_reader::parse_rfc3339("2017-10-09T23:31:56.5+05:30", ns));
    EXPECT_EQ(ns, 1507572116500000000u);  // 18:01:56Z = 1507572116
    ASSERT_TRUE(alert_reader::parse_rfc3339("2019-06-12T08:00:04Z", ns));
    EXPECT_EQ(ns, 1560326404000000000u);
    EXPECT_FALSE(alert_reader::parse_rfc3339("2017-10-09T23:31:56.1234567890Z", ns));
    EXPECT_FALSE(alert_reader::parse_rfc3339("2017-10-09 23:31:56Z", ns));
    EXPECT_FALSE(alert_reader::parse_rfc3339("2017-02-29T00:00:00Z", ns));
    EXPECT_FALSE(alert_reader::parse_rfc3339("1969-12-31T23:59:59Z", ns));
}

TEST(alert_reader, blank_lines) {
    EXPECT_TRUE(std::holds_alternative<alert_reader::blank>(alert_reader::read("")));
    EXPECT_TRUE(std::holds_alternative<alert_reader::blank>(alert_reader::read(" \t\r")));
}

// PROTOCOL.md section 2: "A line that is not a valid alert".
TEST(alert_reader, invalid_lines) {
    EXPECT_TRUE(invalid("not json"));
    EXPECT_TRUE(invalid("[1]"));
    EXPECT_TRUE(invalid(R"({"rule":"r","priority":"Debug","message":"m"})"));
    EXPECT_TRUE(invalid(R"({"time":-1,"rule":"r","priority":"Debug","message":"m"})"));
    EXPECT_TRUE(invalid(R"({"time":1.5,"rule":"r","priority":"Debug","message":"m"})"));
    EXPECT_TRUE(invalid(R"({"time":1,"rule":"r","priority":"warn","message":"m"})"));
    EXPECT_TRUE(invalid(R"({"time":1,"rule":"r","priority":"Debug","message":1})"));
    EXPECT_TRUE(invalid(R"({"time":1,"rule":"r","priority":"Debug","message":"m","tags":[1]})"));
    EXPECT_TRUE(invalid(R"({"time":1,"rule":"r","priority":"Debug","message":"\udc00"})"));
    EXPECT_TRUE(invalid(R"({"time":1,"rule":"r","priority":"Debug","message":"\ud800x"})"));
    EXPECT_FALSE(invalid(R"({"time":1,"rule":"r","priority":"Debug","message":"\ud83d\ude00"})"));
    // A raw NUL byte ends RapidJSON's input; the contract calls such a line invalid.
    EXPECT_TRUE(
        invalid(std::string_view("{\"time\":1,\"rule\":\"r\",\"priority\":\"Debug\","
                                 "\"message\":\"m\"}\0junk",
                                 59)));
}
