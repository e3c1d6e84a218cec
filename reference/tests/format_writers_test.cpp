// SPDX-License-Identifier: Apache-2.0
// The two JSON writers and the time renderings on their own. Expected strings come from
// docs/spec/0.44.md#5-json (nlohmann 3.11.3), docs/spec/legacy.md#5-json and the jsoncpp 0.10.6
// source (cited per test), and the libsinsp time functions.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "falco_ref/format/jsoncpp_writer.hpp"
#include "falco_ref/format/nlohmann_writer.hpp"
#include "falco_ref/format/time_format.hpp"

namespace falco_ref {
namespace {

using namespace std::string_literals;

std::string nl(std::string_view s) {
    std::string out;
    nlohmann_writer{}.append_string(out, s);
    return out;
}

std::string jc(std::string_view s) {
    std::string out;
    jsoncpp_writer{}.append_string(out, s);
    return out;
}

std::string nl_value(const json_value& v) {
    std::string out;
    nlohmann_writer{}.append_value(out, v);
    return out;
}

std::string jc_value(const json_value& v) {
    std::string out;
    jsoncpp_writer{}.append_value(out, v);
    return out;
}

// docs/spec/common.md#json.escape.named, docs/spec/0.44.md#json.escape.control.
TEST(nlohmann_writer, escapes_quote_backslash_and_named_controls) {
    EXPECT_EQ(nl("a\"b"), R"("a\"b")");
    EXPECT_EQ(nl("a\\b"), R"("a\\b")");
    EXPECT_EQ(nl("\b\t\n\f\r"), R"("\b\t\n\f\r")");
    EXPECT_EQ(nl("a/b"), R"("a/b")");  // '/' is not escaped
}

TEST(nlohmann_writer, other_controls_are_lowercase_u00xx) {
    EXPECT_EQ(nl("\0"s), R"("\u0000")");
    EXPECT_EQ(nl("\x0b"), R"("\u000b")");
    EXPECT_EQ(nl("\x1b[0m"), R"("\u001b[0m")");
    EXPECT_EQ(nl("\x01\x1f"), R"("\u0001\u001f")");
    EXPECT_EQ(nl("a\0b"s), R"("a\u0000b")");
}

TEST(nlohmann_writer, del_and_valid_utf8_are_raw) {
    EXPECT_EQ(nl("\x7f"), "\"\x7f\"");
    EXPECT_EQ(nl("\xc2\x85"), "\"\xc2\x85\"");                  // C1 NEL as UTF-8
    EXPECT_EQ(nl("\xe2\x80\xa8"), "\"\xe2\x80\xa8\"");          // U+2028
    EXPECT_EQ(nl("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");  // U+1F600, 4 bytes
    EXPECT_EQ(nl("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

// docs/spec/0.44.md#json.utf8: the cases it lists.
TEST(nlohmann_writer, invalid_utf8_is_replaced_per_maximal_subpart) {
    const std::string r = "\xef\xbf\xbd";
    EXPECT_EQ(nl("\x80"), "\"" + r + "\"");
    EXPECT_EQ(nl("\xff"), "\"" + r + "\"");
    EXPECT_EQ(nl("\xc0\x80"), "\"" + r + r + "\"");
    EXPECT_EQ(nl("\xed\xa0\x80"), "\"" + r + r + r + "\"");
    EXPECT_EQ(nl("\xf4\x90\x80\x80"), "\"" + r + r + r + r + "\"");
    EXPECT_EQ(nl("\xc3\x28"), "\"" + r + "(\"");
    EXPECT_EQ(nl("\xe2\x28\xa1"), "\"" + r + "(" + r + "\"");
    EXPECT_EQ(nl("ab\xe2\x82"), "\"ab" + r + "\"");
}

// docs/spec/0.41-0.43.md#json.utf8.fatal: dump() without a handler throws type_error 316 at
// the byte its decoder rejects (its index in the string, upper-case hex), or names the last byte
// of a sequence the end cuts short (nlohmann@v3.11.3:include/nlohmann/detail/output/
// serializer.hpp:507-513,600-606).
std::string strict_error(std::string_view s) {
    std::string out;
    try {
        nlohmann_writer(nlohmann_writer::utf8_errors::strict).append_string(out, s);
    } catch (const nlohmann_writer::invalid_utf8& e) {
        return e.what();
    }
    return "no error: " + out;
}

TEST(nlohmann_writer, strict_invalid_utf8_throws_nlohmanns_type_error_316) {
    const std::string t = "[json.exception.type_error.316] ";
    EXPECT_EQ(strict_error("caf\xc3\xa9 ok"), "no error: \"caf\xc3\xa9 ok\"");
    EXPECT_EQ(strict_error("ab\xff"), t + "invalid UTF-8 byte at index 2: 0xFF");
    EXPECT_EQ(strict_error("\x80"), t + "invalid UTF-8 byte at index 0: 0x80");
    EXPECT_EQ(strict_error("x\xc0\x80"), t + "invalid UTF-8 byte at index 1: 0xC0");
    EXPECT_EQ(strict_error("\xc3\x28"), t + "invalid UTF-8 byte at index 1: 0x28");
    EXPECT_EQ(strict_error("\xed\xa0\x80"), t + "invalid UTF-8 byte at index 1: 0xA0");
    EXPECT_EQ(strict_error("\xf4\x90\x80\x80"), t + "invalid UTF-8 byte at index 1: 0x90");
    EXPECT_EQ(strict_error("\xe2\x82\xe2"), t + "invalid UTF-8 byte at index 2: 0xE2");
    EXPECT_EQ(strict_error("ab\xe2\x82"), t + "incomplete UTF-8 string; last byte: 0x82");
    EXPECT_EQ(strict_error("\xf0"), t + "incomplete UTF-8 string; last byte: 0xF0");
}

// Integers over the full int64/uint64 ranges (serializer.hpp:714, dump_integer).
TEST(nlohmann_writer, integers) {
    EXPECT_EQ(nl_value(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
    EXPECT_EQ(nl_value(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
    EXPECT_EQ(nl_value(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
    EXPECT_EQ(nl_value(std::int64_t{0}), "0");
}

// docs/spec/0.44.md#json.number.float: shortest round-trip form `0.1`, `2.0`, `1e-07`, `1.5e+300`;
// the rest follow nlohmann's to_chars layout (to_chars.hpp:980-1065): `-0.0`, denormal min,
// max, and `null` for non-finite values (serializer.hpp:799-812).
TEST(nlohmann_writer, doubles) {
    EXPECT_EQ(nl_value(0.1), "0.1");
    EXPECT_EQ(nl_value(2.0), "2.0");
    EXPECT_EQ(nl_value(1e-07), "1e-07");
    EXPECT_EQ(nl_value(1.5e300), "1.5e+300");
    EXPECT_EQ(nl_value(-0.0), "-0.0");
    EXPECT_EQ(nl_value(5e-324), "5e-324");
    EXPECT_EQ(nl_value(1.7976931348623157e308), "1.7976931348623157e+308");
    EXPECT_EQ(nl_value(0.0001), "0.0001");  // n = -3 > min_exp: fixed
    EXPECT_EQ(nl_value(1e15), "1e+15");     // 16 digits > max_exp 15: scientific
    EXPECT_EQ(nl_value(123456789012345.0), "123456789012345.0");
    EXPECT_EQ(nl_value(std::numeric_limits<double>::infinity()), "null");
    EXPECT_EQ(nl_value(std::numeric_limits<double>::quiet_NaN()), "null");
}

TEST(nlohmann_writer, nested_values_sorted_compact) {
    json_value::object inner{{"b", json_value(true)}, {"a", json_value(nullptr)}};
    json_value::array arr{json_value(std::int64_t{1}), json_value(std::string("x")),
                          json_value(inner), json_value(json_value::array{})};
    json_value::object outer{{"z", json_value(arr)},
                             {"\xc3\xa9", json_value(false)},
                             {"A", json_value(json_value::object{})}};
    EXPECT_EQ(nl_value(outer),
              "{\"A\":{},\"z\":[1,\"x\",{\"a\":null,\"b\":true},[]],\"\xc3\xa9\":false}");
}

// docs/spec/legacy.md#53-string-escaping; jsoncpp@0.10.6:src/lib_json/
// json_writer.cpp:244-286.
TEST(jsoncpp_writer, escaping) {
    EXPECT_EQ(jc("a\"b\\c/"), R"("a\"b\\c/")");
    EXPECT_EQ(jc("\b\f\n\r\t"), R"("\b\f\n\r\t")");
    EXPECT_EQ(jc("\0"s), R"("\u0000")");
    EXPECT_EQ(jc("\x1b\x0b\x1f"), R"("\u001B\u000B\u001F")");
    EXPECT_EQ(jc("\x7f"), "\"\x7f\"");
    EXPECT_EQ(jc("\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80"),
              "\"\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80\"");
    // No UTF-8 validation: invalid bytes are copied.
    EXPECT_EQ(jc("\x80\xff\xc0\x80\xed\xa0\x80\xc3\x28\xe2\x82"),
              "\"\x80\xff\xc0\x80\xed\xa0\x80\xc3\x28\xe2\x82\"");
}

// The same rules, stated per byte straight from docs/spec/legacy.md#53-string-escaping, against the
// writer on random strings long enough to exercise its 8-byte scan.
TEST(jsoncpp_writer, random_strings_follow_the_escape_table) {
    std::mt19937_64 rng(15);
    for (int i = 0; i < 20'000; ++i) {
        std::string s(rng() % 40, '\0');
        for (char& c : s) {
            c = static_cast<char>(rng() % 2 ? 'a' + rng() % 26 : rng() % 256);
        }
        std::string expected = "\"";
        for (unsigned char c : s) {
            switch (c) {
                case '"':
                    expected += "\\\"";
                    break;
                case '\\':
                    expected += "\\\\";
                    break;
                case '\b':
                    expected += "\\b";
                    break;
                case '\f':
                    expected += "\\f";
                    break;
                case '\n':
                    expected += "\\n";
                    break;
                case '\r':
                    expected += "\\r";
                    break;
                case '\t':
                    expected += "\\t";
                    break;
                default:
                    if (c < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04X", c);
                        expected += buf;
                    } else {
                        expected += static_cast<char>(c);
                    }
            }
        }
        expected += "\"";
        ASSERT_EQ(jc(s), expected);
    }
}

// valueToString(LargestInt/LargestUInt), json_writer.cpp:81-103.
TEST(jsoncpp_writer, integers) {
    EXPECT_EQ(jc_value(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
    EXPECT_EQ(jc_value(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
    EXPECT_EQ(jc_value(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
}

// valueToString(double) = "%.17g" (json_writer.cpp:117-147); expected strings are C printf's
// %.17g of each value (checked with Python's '%.17g' formatting, which is correctly rounded
// like glibc's).
TEST(jsoncpp_writer, doubles) {
    EXPECT_EQ(jc_value(0.1), "0.10000000000000001");
    EXPECT_EQ(jc_value(2.0), "2");
    EXPECT_EQ(jc_value(1e-07), "9.9999999999999995e-08");
    EXPECT_EQ(jc_value(1.5e300), "1.5000000000000001e+300");
    EXPECT_EQ(jc_value(-0.0), "-0");
    EXPECT_EQ(jc_value(5e-324), "4.9406564584124654e-324");
    EXPECT_EQ(jc_value(1.7976931348623157e308), "1.7976931348623157e+308");
    EXPECT_EQ(jc_value(std::numeric_limits<double>::quiet_NaN()), "null");
    EXPECT_EQ(jc_value(std::numeric_limits<double>::infinity()), "1e+9999");
    EXPECT_EQ(jc_value(-std::numeric_limits<double>::infinity()), "-1e+9999");
}

TEST(jsoncpp_writer, nested_values_sorted_compact) {
    json_value::object obj{
        {"b", json_value(json_value::array{json_value(nullptr), json_value(true)})},
        {"a", json_value(std::int64_t{-1})}};
    EXPECT_EQ(jc_value(obj), R"({"a":-1,"b":[null,true]})");
}

// libs@0.25.4:userspace/libsinsp/utils.cpp:869-906 (ts_to_string) and 907-930
// (ts_to_iso_8601); falco@0.44.1:userspace/engine/formats.cpp:96-108 (JSON time).
TEST(time_format, clock_time_applies_offset) {
    std::string out;
    append_clock_time(out, 1470327477881781397, 0);
    EXPECT_EQ(out, "16:17:57.881781397");  // docs/spec/0.44.md#51-layout example, TZ=UTC0
    out.clear();
    append_clock_time(out, 1507591916746609046, -7 * 3600);
    EXPECT_EQ(out, "16:31:56.746609046");  // docs/spec/legacy.md#51-layout example, UTC-7
    out.clear();
    append_clock_time(out, 1470327477881781397, 5 * 3600 + 30 * 60);
    EXPECT_EQ(out, "21:47:57.881781397");
    out.clear();
    append_clock_time(out, 5, 0);
    EXPECT_EQ(out, "00:00:00.000000005");
}

TEST(time_format, clock_time_before_first_day_wraps_as_unsigned) {
    // (sec + thiszone) is uint64 arithmetic in libsinsp: 0 + (-3600) wraps to 2^64 - 3600, and
    // (2^64 - 3600) % 86400 = 21616 (2^64 % 86400 = 25216), i.e. 06:00:16, not 23:00:00.
    std::string out;
    append_clock_time(out, 0, -3600);
    EXPECT_EQ(out, "06:00:16.000000000");
}

TEST(time_format, iso8601_and_json_time) {
    std::string out;
    append_iso8601_time(out, 1470327477881781397);
    EXPECT_EQ(out, "2016-08-04T16:17:57.881781397+0000");  // docs/spec/common.md#time.iso8601
    out.clear();
    append_json_time(out, 1507591916746609046);
    EXPECT_EQ(out, "2017-10-09T23:31:56.746609046Z");  // docs/spec/legacy.md#51-layout
    out.clear();
    append_json_time(out, std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(out, "2262-04-11T23:47:16.854775807Z");
    out.clear();
    append_json_time(out, 0);
    EXPECT_EQ(out, "1970-01-01T00:00:00.000000000Z");
}

}  // namespace
}  // namespace falco_ref
