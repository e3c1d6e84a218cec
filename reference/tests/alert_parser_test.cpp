// SPDX-License-Identifier: Apache-2.0
// alert_parser against the alert contract, conformance/PROTOCOL.md section 2 (cited below as
// "contract"), and the rule-priority parsing of each profile (priority.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "falco_ref/alert_parser.hpp"

namespace falco_ref {
namespace {

using namespace std::string_literals;

struct parsed {
    bool ok;
    alert a;
    std::string error;
};

parsed parse(std::string_view line, profile_id id = profile_id::v0_44) {
    parsed p;
    p.ok = alert_parser(get_profile(id)).parse(line, p.a, p.error);
    return p;
}

const std::string k_base = R"("rule":"r","priority":"Warning","message":"m")";

std::string with(const std::string& extra) {
    return "{" + k_base + "," + extra + "}";
}

TEST(alert_parser, full_alert) {
    const parsed p =
        parse(R"({"time":1507591916746609046,"rule":"Write below binary dir","priority":"Error",)"
              R"j("source":"k8s_audit","tags":["b","a","b"],"message":"File (user=root)",)j"
              R"("output_fields":{"fd.name":"/bin/hack","n":null,"b":true,"l":[1,"x"]},)"
              R"("output_template":"%fd.name","unknown":{"deep":[1,{"x":2}]}})");
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(p.a.time_ns, 1507591916746609046);
    EXPECT_EQ(p.a.rule, "Write below binary dir");
    EXPECT_EQ(p.a.prio, priority::error);
    EXPECT_EQ(p.a.priority_text, "Error");
    EXPECT_EQ(p.a.source, "k8s_audit");
    EXPECT_EQ(p.a.tags, (std::vector<std::string>{"b", "a", "b"}));  // as written
    EXPECT_EQ(p.a.message, "File (user=root)");
    ASSERT_EQ(p.a.output_fields.size(), 4u);
    EXPECT_EQ(std::get<std::string>(p.a.output_fields.at("fd.name").get()), "/bin/hack");
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(p.a.output_fields.at("n").get()));
    EXPECT_EQ(std::get<bool>(p.a.output_fields.at("b").get()), true);
    const auto& list = std::get<json_value::array>(p.a.output_fields.at("l").get());
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(std::get<std::int64_t>(list[0].get()), 1);
    EXPECT_EQ(std::get<std::string>(list[1].get()), "x");
}

// contract: source defaults to "syscall", tags to [], output_fields to {}.
TEST(alert_parser, defaults) {
    const parsed p = parse(with(R"("time":0)"));
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(p.a.source, "syscall");
    EXPECT_TRUE(p.a.tags.empty());
    EXPECT_TRUE(p.a.output_fields.empty());
}

// contract: numbers keep their kind; integers beyond int64 up to 2^64-1 are unsigned.
TEST(alert_parser, number_kinds) {
    const parsed p = parse(
        with(R"("time":1,"output_fields":{"i":-9223372036854775808,"j":9223372036854775807,)"
             R"("u":18446744073709551615,"d":2.0,"e":1e-07,"f":0.1,"g":1.7976931348623157e308,)"
             R"("h":5e-324,"big":18446744073709551616})"));
    ASSERT_TRUE(p.ok) << p.error;
    const auto& f = p.a.output_fields;
    EXPECT_EQ(std::get<std::int64_t>(f.at("i").get()), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(std::get<std::int64_t>(f.at("j").get()), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(std::get<std::uint64_t>(f.at("u").get()), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(std::get<double>(f.at("d").get()), 2.0);
    EXPECT_EQ(std::get<double>(f.at("e").get()), 1e-07);
    EXPECT_EQ(std::get<double>(f.at("f").get()), 0.1);
    EXPECT_EQ(std::get<double>(f.at("g").get()), 1.7976931348623157e308);
    EXPECT_EQ(std::get<double>(f.at("h").get()), 5e-324);
    EXPECT_EQ(std::get<double>(f.at("big").get()), 18446744073709551616.0);
}

// Full precision: a value that the fast (non-full-precision) path rounds wrongly.
TEST(alert_parser, doubles_are_correctly_rounded) {
    const parsed p = parse(
        with(R"("time":1,"output_fields":{"x":2.2250738585072011e-308,"y":0.30000000000000004})"));
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(std::get<double>(p.a.output_fields.at("x").get()), 2.2250738585072011e-308);
    EXPECT_EQ(std::get<double>(p.a.output_fields.at("y").get()), 0.30000000000000004);
}

// contract: strings byte for byte; \u0000 gives NUL, raw invalid UTF-8 stays.
TEST(alert_parser, strings_kept_byte_for_byte) {
    const std::string line =
        "{" + k_base.substr(0, k_base.find("\"message\"")) +
        "\"message\":\"a\\u0000b\x80\xff\xc3\x28\xed\xa0\x80 \\u00e9 \\ud83d\\ude00 \\t\\\"\","
        "\"time\":1,\"output_fields\":{\"k\\u0000\xfe\":\"v\\u0000\x80\"}}";
    const parsed p = parse(line);
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(p.a.message, "a\0b\x80\xff\xc3\x28\xed\xa0\x80 \xc3\xa9 \xf0\x9f\x98\x80 \t\""s);
    ASSERT_EQ(p.a.output_fields.count("k\0\xfe"s), 1u);
    EXPECT_EQ(std::get<std::string>(p.a.output_fields.at("k\0\xfe"s).get()), "v\0\x80"s);
}

// contract: time is an integer 0 <= t < 2^63 ...
TEST(alert_parser, integer_time_bounds) {
    EXPECT_EQ(parse(with(R"("time":9223372036854775807)")).a.time_ns,
              std::numeric_limits<std::int64_t>::max());
    EXPECT_TRUE(parse(with(R"("time":0)")).ok);
    for (const char* bad :
         {"-1", "9223372036854775808", "1.5", "1e3", "true", "null", "[1]", "{}"}) {
        const parsed p = parse(with("\"time\":"s + bad));
        EXPECT_FALSE(p.ok) << bad;
        EXPECT_NE(p.error.find("\"time\""), std::string::npos) << p.error;
    }
}

// ... or an RFC 3339 string with up to 9 fraction digits and Z or +-HH:MM.
TEST(alert_parser, rfc3339_time) {
    const std::pair<const char*, std::int64_t> ok[] = {
        {"2017-10-09T23:31:56.746609046Z", 1507591916746609046},
        {"2017-10-09T16:31:56.746609046-07:00", 1507591916746609046},
        {"2017-10-10T05:01:56.746609046+05:30", 1507591916746609046},
        {"2017-10-09t23:31:56.7466z", 1507591916746600000},
        {"2017-10-09T23:31:56Z", 1507591916000000000},
        {"1970-01-01T00:00:00Z", 0},
        {"2262-04-11T23:47:16.854775807Z", std::numeric_limits<std::int64_t>::max()},
        {"2016-02-29T00:00:00Z", 1456704000000000000},
    };
    for (auto [text, ns] : ok) {
        const parsed p = parse(with("\"time\":\""s + text + "\""));
        ASSERT_TRUE(p.ok) << text << ": " << p.error;
        EXPECT_EQ(p.a.time_ns, ns) << text;
    }
    const char* bad[] = {"2017-10-09T23:31:56.7466090461Z",  // 10 digits
                         "2017-10-09T23:31:56.Z",
                         "2017-10-09T23:31:56",  // no zone
                         "2017-10-09 23:31:56Z",
                         "2017-02-29T00:00:00Z",  // not a leap year
                         "2017-10-09T24:00:00Z",
                         "2017-10-09T23:60:00Z",
                         "2017-10-09T23:59:60Z",
                         "2017-10-09T23:31:56+0700",
                         "1969-12-31T23:59:59Z",            // before the epoch
                         "2262-04-11T23:47:16.854775808Z",  // 2^63
                         "2017-10-09T23:31:56Zx",
                         ""};
    for (const char* text : bad) {
        const parsed p = parse(with("\"time\":\""s + text + "\""));
        EXPECT_FALSE(p.ok) << text;
        EXPECT_EQ(p.error, "\"time\" must be an integer (0 <= t < 2^63) or an RFC 3339 string");
    }
}

// contract: priority parsed as the profile parses rule priorities; priority_text as given.
TEST(alert_parser, priority_per_profile) {
    auto prio = [](const char* text, profile_id id) {
        return parse("{\"time\":1,\"rule\":\"r\",\"message\":\"m\",\"priority\":\""s + text + "\"}",
                     id);
    };
    EXPECT_EQ(prio("WARNING", profile_id::v0_44).a.prio, priority::warning);
    EXPECT_EQ(prio("WARNING", profile_id::v0_44).a.priority_text, "WARNING");
    EXPECT_EQ(prio("info", profile_id::v0_44).a.prio, priority::informational);
    EXPECT_FALSE(prio("warn", profile_id::v0_44).ok);  // 0.44: full name or "info"
    EXPECT_EQ(prio("warn", profile_id::legacy).a.prio, priority::warning);  // legacy: prefix
    EXPECT_EQ(prio("INFO", profile_id::legacy).a.prio, priority::informational);
    EXPECT_EQ(prio("e", profile_id::legacy).a.prio, priority::emergency);  // first match wins
    const parsed bad = prio("loud", profile_id::legacy);
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(bad.error, "\"priority\" is not a known priority name");
}

TEST(alert_parser, missing_keys) {
    EXPECT_EQ(parse(R"({"rule":"r","priority":"Warning","message":"m"})").error,
              "missing key \"time\"");
    EXPECT_EQ(parse(R"({"time":1,"priority":"Warning","message":"m"})").error,
              "missing key \"rule\"");
    EXPECT_EQ(parse(R"({"time":1,"rule":"r","message":"m"})").error, "missing key \"priority\"");
    EXPECT_EQ(parse(R"({"time":1,"rule":"r","priority":"Warning"})").error,
              "missing key \"message\"");
}

TEST(alert_parser, mistyped_keys_name_the_key) {
    auto err = [](const std::string& line) { return parse(line).error; };
    EXPECT_EQ(err(R"({"time":1,"rule":1,"priority":"Warning","message":"m"})"),
              "\"rule\" must be a string");
    EXPECT_EQ(err(R"({"time":1,"rule":"r","priority":null,"message":"m"})"),
              "\"priority\" must be a string");
    EXPECT_EQ(err(R"({"time":1,"rule":"r","priority":"Warning","message":["m"]})"),
              "\"message\" must be a string");
    EXPECT_EQ(err(with(R"("time":1,"source":{})")), "\"source\" must be a string");
    EXPECT_EQ(err(with(R"("time":1,"tags":"a")")), "\"tags\" must be an array of strings");
    EXPECT_EQ(err(with(R"("time":1,"tags":["a",1])")), "\"tags\" must be an array of strings");
    EXPECT_EQ(err(with(R"("time":1,"tags":[["a"]])")), "\"tags\" must be an array of strings");
    EXPECT_EQ(err(with(R"("time":1,"output_fields":[1])")), "\"output_fields\" must be an object");
    EXPECT_EQ(err(with(R"("time":1,"output_fields":"x")")), "\"output_fields\" must be an object");
}

TEST(alert_parser, not_an_object_or_not_json) {
    EXPECT_EQ(parse("[1,2]").error, "not a JSON object");
    EXPECT_EQ(parse("\"x\"").error, "not a JSON object");
    EXPECT_EQ(parse("42").error, "not a JSON object");
    const parsed p = parse(R"({"time":1,)");
    EXPECT_FALSE(p.ok);
    EXPECT_EQ(p.error.rfind("invalid JSON at offset 10: ", 0), 0u) << p.error;
    EXPECT_EQ(parse(with(R"("time":1} x)")).error.rfind("invalid JSON at offset", 0), 0u);
    EXPECT_EQ(parse("").error.rfind("invalid JSON at offset 0: ", 0), 0u);
    EXPECT_EQ(parse(with(R"("time":NaN)")).error.rfind("invalid JSON", 0), 0u);
    // A raw control byte inside a string is invalid JSON (RFC 8259 section 7), NUL included,
    // also when the line would be valid up to it.
    EXPECT_EQ(parse(with(R"("time":1)") + "\0"s).error.rfind("invalid JSON at offset 56: ", 0), 0u);
    EXPECT_EQ(parse(with("\"time\":1,\"source\":\"a\tb\"")).error.rfind("invalid JSON", 0), 0u);
}

// Every raw byte below 0x20 in a string is rejected at its offset, wherever it stands in the
// line. (The RapidJSON 1.1.0 parser used before, built with RAPIDJSON_SSE2, let 0x1A-0x1F
// through when its 16-byte block scan covered them: its SSE2 compare stops at 0x19.)
TEST(alert_parser, every_raw_control_byte_in_a_string_is_rejected) {
    const std::string head = with(R"("time":1,"source":")");
    for (int b = 0x01; b < 0x20; ++b) {
        for (std::size_t at = 0; at < 40; ++at) {
            std::string text(48, 's');
            text[at] = static_cast<char>(b);
            const std::string line = head.substr(0, head.size() - 1) + text + "\"}";
            const std::size_t offset = head.size() - 1 + at;
            EXPECT_EQ(parse(line).error.rfind(
                          "invalid JSON at offset " + std::to_string(offset) + ": ", 0),
                      0u)
                << "byte " << b << " at " << at << ": " << parse(line).error;
        }
    }
}

// contract: a lone surrogate escape makes the line invalid.
TEST(alert_parser, lone_surrogate_escapes) {
    for (const char* s : {R"(\ud800)", R"(\uDBFFx)", R"(\udc00)", R"(a\uDFFF)", R"(\ude00\ud83d)",
                          R"(\ud800\u0041)"}) {
        const parsed p = parse(with("\"time\":1,\"source\":\""s + s + "\""));
        EXPECT_FALSE(p.ok) << s;
        EXPECT_EQ(p.error.rfind("invalid JSON at offset", 0), 0u) << p.error;
    }
    // An escaped backslash followed by "udc00" is text, not an escape.
    const parsed p = parse(with(R"("time":1,"source":"\\udc00")"));
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(p.a.source, "\\udc00");
}

TEST(alert_parser, depth_is_capped) {
    auto nested = [](std::size_t levels) {  // output_fields nested so the total depth is levels
        std::string open, close;
        for (std::size_t i = 2; i < levels; ++i) {
            open += "{\"k\":";
            close += "}";
        }
        return with(R"("time":1,"output_fields":)" + open + "{}" + close);
    };
    // The cap is 512 levels, the alert object itself included (alert_parser.cpp k_max_depth).
    EXPECT_TRUE(parse(nested(512)).ok);
    const parsed p = parse(nested(513));
    EXPECT_FALSE(p.ok);
    EXPECT_EQ(p.error, "nesting deeper than 512 levels");
    // Far deeper than any call stack would survive recursively: still just an error.
    EXPECT_EQ(parse(std::string(200000, '[')).error, "not a JSON object");
    EXPECT_EQ(parse(with("\"x\":" + std::string(200000, '['))).error,
              "nesting deeper than 512 levels");
}

TEST(alert_parser, unknown_keys_ignored_duplicates_last_wins) {
    const parsed p = parse(with(
        R"("time":1,"time":2,"x":{"rule":5,"tags":[1]},"y":[{"message":1}],"tags":["a"],"tags":["b"])"));
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_EQ(p.a.time_ns, 2);
    EXPECT_EQ(p.a.tags, (std::vector<std::string>{"b"}));
    EXPECT_EQ(p.a.rule, "r");
}

TEST(alert_parser, parser_is_reusable) {
    const alert_parser parser(get_profile(profile_id::v0_44));
    alert a;
    std::string error;
    ASSERT_TRUE(parser.parse(with(R"("time":1,"source":"s","tags":["t"],"output_fields":{"a":1})"),
                             a, error));
    ASSERT_TRUE(parser.parse(with(R"("time":2)"), a, error)) << error;
    EXPECT_EQ(a.source, "syscall");
    EXPECT_TRUE(a.tags.empty());
    EXPECT_TRUE(a.output_fields.empty());
}

// The reading thread parses every line into the same alert, whose map nodes and strings are
// reused: nothing of the previous alert may show through.
TEST(alert_parser, reused_alert_holds_only_the_latest_line) {
    const alert_parser parser(get_profile(profile_id::v0_44));
    alert a;
    std::string error;
    ASSERT_TRUE(parser.parse(
        with(
            R"("time":1,"tags":["t1","t2","t3"],"output_fields":{"a":"long string value one","b":2,"c":{"d":[1,"x"]},"z":null})"),
        a, error))
        << error;
    ASSERT_TRUE(parser.parse(
        with(
            R"("time":2,"tags":["u"],"output_fields":{"c":"now a string","b":"two","a":true,"a":1.5})"),
        a, error))
        << error;
    EXPECT_EQ(a.tags, (std::vector<std::string>{"u"}));
    ASSERT_EQ(a.output_fields.size(), 3u);
    auto it = a.output_fields.begin();
    EXPECT_EQ(it->first, "a");  // repeated key: the last value, at its sorted place
    EXPECT_EQ(std::get<double>(it->second.get()), 1.5);
    ++it;
    EXPECT_EQ(it->first, "b");
    EXPECT_EQ(std::get<std::string>(it->second.get()), "two");
    ++it;
    EXPECT_EQ(it->first, "c");
    EXPECT_EQ(std::get<std::string>(it->second.get()), "now a string");

    // A repeated output_fields key replaces the whole object, reused nodes included.
    ASSERT_TRUE(parser.parse(
        with(R"("time":3,"output_fields":{"p":"1","q":"2"},"output_fields":{"r":"3"})"), a, error))
        << error;
    ASSERT_EQ(a.output_fields.size(), 1u);
    EXPECT_EQ(std::get<std::string>(a.output_fields.at("r").get()), "3");
    EXPECT_TRUE(a.tags.empty());

    // A line that fails half-way, then a good one: only the good one's content.
    EXPECT_FALSE(parser.parse(
        with(R"("time":4,"tags":["v","w"],"output_fields":{"s":"4"},"rule":1)"), a, error));
    ASSERT_TRUE(parser.parse(with(R"("time":5,"output_fields":{"t":"5"})"), a, error)) << error;
    EXPECT_EQ(a.time_ns, 5);
    EXPECT_TRUE(a.tags.empty());
    ASSERT_EQ(a.output_fields.size(), 1u);
    EXPECT_EQ(std::get<std::string>(a.output_fields.at("t").get()), "5");
}

}  // namespace
}  // namespace falco_ref
