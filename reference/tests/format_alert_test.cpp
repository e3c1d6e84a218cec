// SPDX-License-Identifier: Apache-2.0
// alert_formatter in every profile. Expected lines are the examples of the "Falco Alerts"
// documentation page of the Falco 0.15 era (doc:"Falco Alerts"@0.15) and the rules of
// docs/spec/common.md, docs/spec/0.44.md, docs/spec/0.38.md and docs/spec/legacy.md (sections 3 to
// 5, and 8 for syslog); each test names its source.
#include <gtest/gtest.h>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <variant>

#include "falco_ref/format/alert_formatter.hpp"
#include "jsoncpp_fast_writer.hpp"

#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#define FALCO_REF_HAVE_NLOHMANN 1
#endif

namespace falco_ref {
namespace {

using namespace std::string_literals;

// Sets TZ for one test (local time is read through TZ, as Falco's is; PROTOCOL.md section 1).
class tz_guard {
public:
    explicit tz_guard(const char* tz) {
        if (const char* old = std::getenv("TZ")) {
            old_ = old;
        }
        setenv("TZ", tz, 1);
        tzset();
    }
    ~tz_guard() {
        if (old_) {
            setenv("TZ", old_->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }

private:
    std::optional<std::string> old_;
};

config make_config(profile_id id, bool json) {
    config cfg;
    cfg.prof = &get_profile(id);
    cfg.json_output = json;
    cfg.hostname = "h";
    return cfg;
}

// The alert of the example of docs/spec/0.44.md#51-layout.
alert open_from_cat() {
    alert a;
    a.time_ns = 1470327477881781397;
    a.rule = "open_from_cat";
    a.prio = priority::warning;
    a.priority_text = "WARNING";
    a.message = "An open was seen (command=cat /dev/null)";
    a.tags = {"testing", "process", "filesystem", "process"};  // unsorted, one duplicate
    a.output_fields = {{"proc.cmdline", json_value(std::string("cat /dev/null"))}};
    return a;
}

// The alert of the JSON example of the "Falco Alerts" page (doc:"Falco Alerts"@0.15, JSON
// Output; docs/spec/legacy.md#51-layout).
alert write_below_binary_dir() {
    alert a;
    a.time_ns = 1507591916746609046;
    a.rule = "Write below binary dir";
    a.prio = priority::error;
    a.priority_text = "Error";
    a.message =
        "File below a known binary directory opened for writing (user=root command=touch "
        "/bin/hack file=/bin/hack)";
    a.output_fields = {{"fd.name", json_value(std::string("/bin/hack"))},
                       {"proc.cmdline", json_value(std::string("touch /bin/hack"))},
                       {"user.name", json_value(std::string("root"))}};
    return a;
}

output_message formatted(const config& cfg, const alert& a) {
    output_message msg;
    alert_formatter(cfg).format(a, msg);
    return msg;
}

std::string format_line(const config& cfg, const alert& a) {
    return formatted(cfg, a).line;
}

// ---- text lines --------------------------------------------------------------------------

// The standard output example of the "Falco Alerts" page (doc:"Falco Alerts"@0.15, Standard
// Output; docs/spec/common.md#3-text-line), verbatim. Chosen input: 2019-06-07T17:20:05.408091526Z
// (the page's syslog example is dated Jun 7) under TZ=<-07>7 (UTC-7) gives 10:20:05.408091526.
TEST(alert_formatter_text, seed_stdout_example) {
    const tz_guard tz("<-07>7");
    alert a;
    a.time_ns = 1559928005408091526;
    a.rule = "Read sensitive file untrusted";
    a.prio = priority::warning;
    a.message =
        "Sensitive file opened for reading by non-trusted program (user=root "
        "command=cat /etc/shadow file=/etc/shadow)";
    const std::string expected =
        "10:20:05.408091526: Warning Sensitive file opened for reading by non-trusted program "
        "(user=root command=cat /etc/shadow file=/etc/shadow)";
    for (profile_id id : {profile_id::v0_44, profile_id::legacy}) {
        const config cfg = make_config(id, false);
        EXPECT_EQ(format_line(cfg, a), expected);
    }
}

// docs/spec/common.md#time.local: the offset (here +05:30, a non-hour zone) is applied to the event
// time.
TEST(alert_formatter_text, fixed_half_hour_offset) {
    const tz_guard tz("<+0530>-5:30");
    const config cfg = make_config(profile_id::v0_44, false);
    EXPECT_EQ(format_line(cfg, open_from_cat()),
              "21:47:57.881781397: Warning An open was seen (command=cat /dev/null)");
}

TEST(alert_formatter_text, utc) {
    const tz_guard tz("UTC0");
    const config cfg = make_config(profile_id::v0_44, false);
    EXPECT_EQ(format_line(cfg, open_from_cat()),
              "16:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
}

// docs/spec/common.md#time.iso8601 with time_format_iso_8601 (always +0000, TZ does not
// matter), for both profiles; the alert is that of the example of docs/spec/0.44.md#51-layout.
TEST(alert_formatter_text, iso8601_ignores_tz) {
    const tz_guard tz("<+0530>-5:30");
    for (profile_id id : {profile_id::v0_44, profile_id::legacy}) {
        config cfg = make_config(id, false);
        cfg.time_format_iso_8601 = true;
        EXPECT_EQ(format_line(cfg, open_from_cat()),
                  "2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat "
                  "/dev/null)");
    }
}

// docs/spec/common.md#text.priority.words, in both profiles.
TEST(alert_formatter_text, all_eight_priority_words) {
    const tz_guard tz("UTC0");
    const std::pair<priority, const char*> cases[] = {{priority::emergency, "Emergency"},
                                                      {priority::alert, "Alert"},
                                                      {priority::critical, "Critical"},
                                                      {priority::error, "Error"},
                                                      {priority::warning, "Warning"},
                                                      {priority::notice, "Notice"},
                                                      {priority::informational, "Informational"},
                                                      {priority::debug, "Debug"}};
    for (profile_id id : {profile_id::v0_44, profile_id::legacy}) {
        const config cfg = make_config(id, false);
        for (auto [p, word] : cases) {
            alert a = open_from_cat();
            a.prio = p;
            const output_message m = formatted(cfg, a);
            EXPECT_EQ(m.line,
                      "16:17:57.881781397: "s + word + " An open was seen (command=cat /dev/null)");
            EXPECT_EQ(m.prio, p);
        }
    }
}

// docs/spec/common.md#text.escape.none: raw bytes, no escaping, no UTF-8 repair, in both
// profiles; docs/spec/0.44.md#text.nul keeps a NUL and what follows in the line.
TEST(alert_formatter_text, raw_bytes_in_text_mode) {
    const tz_guard tz("UTC0");
    alert a = open_from_cat();
    a.message = "q\" b\\ t\t n\n esc\x1b del\x7f bad\x80\xc3\x28 c1\xc2\x85 end"s;
    for (profile_id id : {profile_id::v0_44, profile_id::legacy}) {
        const config cfg = make_config(id, false);
        EXPECT_EQ(format_line(cfg, a), "16:17:57.881781397: Warning " + a.message);
    }
    a.message = "before nul\0 after"s;
    EXPECT_EQ(format_line(make_config(profile_id::v0_44, false), a),
              "16:17:57.881781397: Warning " + a.message);
}

// docs/spec/legacy.md#text.nul: the line reaches the channels as a C string, so it ends at the
// first NUL of the message, and so does the syslog message (falco@0.15.3:userspace/engine/
// formats.cpp:264); in JSON mode the NUL is escaped instead.
TEST(alert_formatter_text, legacy_line_ends_at_the_first_nul) {
    const tz_guard tz("UTC0");
    alert a = open_from_cat();
    a.message = "before nul\0 after\0 end"s;
    const output_message m = formatted(make_config(profile_id::legacy, false), a);
    EXPECT_EQ(m.line, "16:17:57.881781397: Warning before nul");
    EXPECT_EQ(m.syslog_body(), "before nul");
    const output_message j = formatted(make_config(profile_id::legacy, true), a);
    EXPECT_NE(j.line.find("before nul\\u0000 after\\u0000 end"), std::string::npos) << j.line;
}

// docs/spec/legacy.md#syslog.message: in text mode syslog carries the rule output only; 0.44
// sends the line itself (docs/spec/0.44.md#syslog.message).
TEST(alert_formatter_text, syslog_body_per_profile) {
    const tz_guard tz("UTC0");
    const alert a = open_from_cat();
    const config legacy = make_config(profile_id::legacy, false);
    const output_message lm = formatted(legacy, a);
    ASSERT_TRUE(lm.syslog_line.has_value());
    EXPECT_EQ(*lm.syslog_line, "An open was seen (command=cat /dev/null)");
    EXPECT_EQ(lm.syslog_body(), "An open was seen (command=cat /dev/null)");

    const config v044 = make_config(profile_id::v0_44, false);
    const output_message m = formatted(v044, a);
    EXPECT_FALSE(m.syslog_line.has_value());
    EXPECT_EQ(m.syslog_body(), m.line);
}

// ---- 0.39 to 0.43 JSON: strict dump() ------------------------------------------------------

// The JSON's text, or the type_error 316 the profile's serialiser throws instead.
std::string format_or_error(const config& cfg, const alert& a) {
    try {
        return format_line(cfg, a);
    } catch (const nlohmann_writer::invalid_utf8& e) {
        return e.what();
    }
}

// docs/spec/0.41-0.43.md#json.utf8.fatal: the first ill-formed string in the order dump() writes
// the object (hostname, message, output, output_fields, priority, rule, source, tags, time)
// throws, with the index inside that string: `output` starts with the 28-byte
// "16:17:57.881781397: Warning " prefix, so byte 7 of the message is index 35.
TEST(alert_formatter_json_strict, ill_formed_utf8_throws_at_its_index_in_the_first_string) {
    const tz_guard tz("UTC0");
    const std::string t = "[json.exception.type_error.316] ";
    for (const profile_id id : {profile_id::v0_41_to_0_43, profile_id::v0_39_to_0_40}) {
        config cfg = make_config(id, true);
        alert a = open_from_cat();
        a.message = "An open\xff was seen";
        EXPECT_EQ(format_or_error(cfg, a), t + "invalid UTF-8 byte at index 35: 0xFF");
        cfg.json_include_message_property = true;  // "message" is written before "output"
        EXPECT_EQ(format_or_error(cfg, a), t + "invalid UTF-8 byte at index 7: 0xFF");
        cfg.json_include_message_property = false;
        cfg.json_include_output_property = false;
        a.rule = "r\xc3";
        EXPECT_EQ(format_or_error(cfg, a), t + "incomplete UTF-8 string; last byte: 0xC3");
        a.rule = "r";
        a.tags = {"ok", "t\x80"};
        EXPECT_EQ(format_or_error(cfg, a), t + "invalid UTF-8 byte at index 1: 0x80");
        cfg.json_output = false;  // the text line is not JSON: raw bytes, no error
        a.message = "raw \xff";
        EXPECT_EQ(format_or_error(cfg, a), "16:17:57.881781397: Warning raw \xff");
    }
}

// docs/spec/0.41-0.43.md#json.utf8: output_fields reach Falco's nlohmann object as libsinsp's
// JSON text, parsed again, so they never throw; the contract keeps 0.44's replacement there.
TEST(alert_formatter_json_strict, output_fields_never_throw) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_41_to_0_43, true);
    cfg.json_include_output_property = false;
    cfg.json_include_tags_property = false;
    alert a = open_from_cat();
    a.output_fields = {{"proc.cmdline", json_value(std::string("cat \xff"))}};
    EXPECT_EQ(
        format_or_error(cfg, a),
        "{\"hostname\":\"h\",\"output_fields\":{\"evt.time\":1470327477881781397,"
        "\"proc.cmdline\":\"cat \xef\xbf\xbd\"},\"priority\":\"Warning\",\"rule\":"
        "\"open_from_cat\",\"source\":\"syscall\",\"time\":\"2016-08-04T16:17:57.881781397Z\"}");
}

// ---- 0.44 JSON -----------------------------------------------------------------------------

// The example of docs/spec/0.44.md#51-layout (defaults, TZ=UTC0) verbatim (tags given unsorted with
// a duplicate: "tags" is a std::set).
TEST(alert_formatter_json044, profile_example_defaults) {
    const tz_guard tz("UTC0");
    const config cfg = make_config(profile_id::v0_44, true);
    EXPECT_EQ(
        format_line(cfg, open_from_cat()),
        R"j({"hostname":"h","output":"16:17:57.881781397: Warning An open was seen (command=cat /dev/null)","output_fields":{"evt.time":1470327477881781397,"proc.cmdline":"cat /dev/null"},"priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z"})j");
}

// The example of docs/spec/0.44.md#52-optional-keys (output and output_fields off) verbatim.
TEST(alert_formatter_json044, profile_example_output_and_fields_off) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_output_property = false;
    cfg.json_include_output_fields_property = false;
    EXPECT_EQ(
        format_line(cfg, open_from_cat()),
        R"({"hostname":"h","priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z"})");
}

// docs/spec/0.44.md#json.include.message: message when json_include_message_property;
// docs/spec/0.44.md#json.include.tags: tags only when json_include_tags_property.
TEST(alert_formatter_json044, message_on_tags_off) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_message_property = true;
    cfg.json_include_tags_property = false;
    cfg.json_include_output_fields_property = false;
    EXPECT_EQ(
        format_line(cfg, open_from_cat()),
        R"j({"hostname":"h","message":"An open was seen (command=cat /dev/null)","output":"16:17:57.881781397: Warning An open was seen (command=cat /dev/null)","priority":"Warning","rule":"open_from_cat","source":"syscall","time":"2016-08-04T16:17:57.881781397Z"})j");
}

// The alert of docs/spec/0.44.md#51-layout with time_format_iso_8601
// (docs/spec/common.md#config.iso8601): evt.time.iso8601 in output_fields
// (docs/spec/common.md#json.fields.time), `time` unchanged (docs/spec/common.md#time.json). TZ does
// not matter, and "tags" is [] when the rule has none (docs/spec/0.44.md#json.tags).
TEST(alert_formatter_json044, iso8601) {
    const tz_guard tz("<-07>7");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.time_format_iso_8601 = true;
    alert a = open_from_cat();
    EXPECT_EQ(
        format_line(cfg, a),
        R"j({"hostname":"h","output":"2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)","output_fields":{"evt.time.iso8601":1470327477881781397,"proc.cmdline":"cat /dev/null"},"priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z"})j");
    a.tags.clear();
    a.source = "k8s_audit";
    cfg.json_include_output_property = false;
    cfg.json_include_output_fields_property = false;
    EXPECT_EQ(
        format_line(cfg, a),
        R"({"hostname":"h","priority":"Warning","rule":"open_from_cat","source":"k8s_audit","tags":[],"time":"2016-08-04T16:17:57.881781397Z"})");
}

// docs/spec/common.md#json.fields.time: the time field overwrites a same-named field; an
// output with no fields gives {"evt.time":N}; other keys keep bytewise order around it.
TEST(alert_formatter_json044, evt_time_merged_in_order) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_output_property = false;
    cfg.json_include_tags_property = false;
    alert a = open_from_cat();
    a.output_fields = {{"evt.time", json_value(std::string("overwritten"))},
                       {"evt", json_value(std::int64_t{1})},
                       {"evt.time.s", json_value(std::int64_t{2})},
                       {"a", json_value(nullptr)},
                       {"z", json_value(json_value::array{
                                 json_value(std::int64_t{1}),
                                 json_value(json_value::object{{"k", json_value(0.5)}})})}};
    EXPECT_EQ(
        format_line(cfg, a),
        R"({"hostname":"h","output_fields":{"a":null,"evt":1,"evt.time":1470327477881781397,"evt.time.s":2,"z":[1,{"k":0.5}]},"priority":"Warning","rule":"open_from_cat","source":"syscall","time":"2016-08-04T16:17:57.881781397Z"})");
    a.output_fields.clear();
    EXPECT_EQ(
        format_line(cfg, a),
        R"({"hostname":"h","output_fields":{"evt.time":1470327477881781397},"priority":"Warning","rule":"open_from_cat","source":"syscall","time":"2016-08-04T16:17:57.881781397Z"})");
}

// docs/spec/0.44.md#json.utf8, docs/spec/0.44.md#json.escape.control: escaping and U+FFFD
// replacement apply to every string of the dump:
// output, message, rule, hostname, tags, source and output_fields keys and values.
TEST(alert_formatter_json044, escaping_everywhere) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_message_property = true;
    cfg.hostname = "h\x01";
    alert a = open_from_cat();
    a.time_ns = 0;
    a.rule = "r\"\\";
    a.source = "s\x80";
    a.tags = {"t\n"};
    a.message = "m\0\x1b\x7f\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80\xe2\x28\xa1"s;
    a.output_fields = {{"k\t", json_value(std::string("v\xed\xa0\x80"))}};
    const std::string r = "\xef\xbf\xbd";
    const std::string m = "m\\u0000\\u001b\x7f\xc2\x85\xe2\x80\xa8\xf0\x9f\x98\x80" + r + "(" + r;
    EXPECT_EQ(format_line(cfg, a),
              "{\"hostname\":\"h\\u0001\",\"message\":\"" + m +
                  "\",\"output\":\"00:00:00.000000000: Warning " + m +
                  "\",\"output_fields\":{\"evt.time\":0,\"k\\t\":\"v" + r + r + r +
                  "\"},\"priority\":\"Warning\",\"rule\":\"r\\\"\\\\\",\"source\":\"s" + r +
                  "\",\"tags\":[\"t\\n\"],\"time\":\"1970-01-01T00:00:00.000000000Z\"}");
}

TEST(alert_formatter_json044, all_eight_priorities) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_output_property = false;
    cfg.json_include_output_fields_property = false;
    cfg.json_include_tags_property = false;
    const char* words[] = {"Emergency", "Alert",  "Critical",      "Error",
                           "Warning",   "Notice", "Informational", "Debug"};
    for (int p = 0; p < 8; ++p) {
        alert a = open_from_cat();
        a.prio = static_cast<priority>(p);
        EXPECT_EQ(format_line(cfg, a), "{\"hostname\":\"h\",\"priority\":\""s + words[p] +
                                           "\",\"rule\":\"open_from_cat\",\"source\":\"syscall\","
                                           "\"time\":\"2016-08-04T16:17:57.881781397Z\"}");
    }
}

// ---- differential tests on random alerts -----------------------------------------------------

// Random alerts: short strings of letters and arbitrary bytes (so that every kind of ill-formed
// UTF-8 occurs), integers of both signs, doubles of every magnitude, unsorted and repeated tags.
class random_alerts {
public:
    explicit random_alerts(std::uint64_t seed) : rng_(seed) {}

    bool coin() { return rng_() % 2 == 0; }

    std::string text() {
        std::string s(rng_() % 10, '\0');
        for (char& c : s) {
            c = static_cast<char>(rng_() % 3 == 0 ? rng_() % 256 : 'a' + rng_() % 26);
        }
        return s;
    }

    alert next() {
        alert a;
        a.time_ns = static_cast<std::int64_t>(rng_() >> 1);
        a.rule = text();
        a.prio = static_cast<priority>(rng_() % 8);
        a.source = text();
        a.message = text();
        for (int f = 0, n = static_cast<int>(rng_() % 4); f < n; ++f) {
            a.output_fields.insert_or_assign(text(), field_value());
        }
        for (int t = 0, n = static_cast<int>(rng_() % 4); t < n; ++t) {
            a.tags.push_back(t > 0 && rng_() % 3 == 0 ? a.tags.front() : text());
        }
        return a;
    }

private:
    json_value field_value() {
        switch (rng_() % 4) {
            case 0:
                return json_value(static_cast<std::int64_t>(rng_()));
            case 1:
                return json_value(std::bit_cast<double>(rng_() & 0x7FEFFFFFFFFFFFFFULL));
            case 2:
                return json_value(text());
            default:
                return json_value(static_cast<std::uint64_t>(rng_() | (1ULL << 63)));
        }
    }

    std::mt19937_64 rng_;
};

// The three renderings of an alert's time under TZ=UTC0, composed here from the spec
// (docs/spec/common.md#time.local, docs/spec/common.md#time.iso8601,
// docs/spec/common.md#time.json): `HH:MM:SS.nnnnnnnnn`, `...+0000` and `...Z`.
struct alert_times {
    std::string clock;
    std::string iso;
    std::string json;
};

alert_times times_of(std::int64_t ns) {
    const auto sec = static_cast<std::time_t>(ns / 1'000'000'000);
    const auto fraction = static_cast<int>(ns % 1'000'000'000);
    std::tm tm{};
    gmtime_r(&sec, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%FT%T", &tm);
    char clock[32];
    std::snprintf(clock, sizeof clock, "%02d:%02d:%02d.%09d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                  fraction);
    char iso[64];
    std::snprintf(iso, sizeof iso, "%s.%09d+0000", date, fraction);
    char json[64];
    std::snprintf(json, sizeof json, "%s.%09dZ", date, fraction);
    return {clock, iso, json};
}

// The alert's `output` string: the text line (docs/spec/common.md#json.output).
std::string output_of(const config& cfg, const alert& a) {
    const alert_times t = times_of(a.time_ns);
    return (cfg.time_format_iso_8601 ? t.iso : t.clock) + ": " +
           std::string(priority_name(a.prio)) + " " + a.message;
}

#ifdef FALCO_REF_HAVE_NLOHMANN
nlohmann::json to_nlohmann(const json_value& v) {
    return std::visit(
        [](const auto& x) -> nlohmann::json {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, json_value::array> ||
                          std::is_same_v<T, json_value::object>) {
                ADD_FAILURE() << "random_alerts writes scalars only";
                return nullptr;
            } else {
                return x;
            }
        },
        v.get());
}

// The whole 0.44 object against nlohmann building the same keys as
// falco@0.44.1:userspace/engine/formats.cpp:94-161 does
// (std::map object, dump(-1,' ',false,replace)), for random alerts.
TEST(alert_formatter_json044, random_alerts_match_nlohmann) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_44, true);
    cfg.json_include_message_property = true;
    random_alerts random(44);
    int mismatches = 0;
    for (int i = 0; i < 2000 && mismatches < 3; ++i) {
        const alert a = random.next();
        cfg.hostname = random.text();
        nlohmann::json fields = nlohmann::json::object();
        for (const auto& [key, value] : a.output_fields) {
            fields[key] = to_nlohmann(value);
        }
        fields["evt.time"] = static_cast<std::uint64_t>(a.time_ns);
        nlohmann::json j;
        j["hostname"] = cfg.hostname;
        j["message"] = a.message;
        j["output"] = output_of(cfg, a);
        j["output_fields"] = fields;
        j["priority"] = std::string(priority_name(a.prio));
        j["rule"] = a.rule;
        j["source"] = a.source;
        j["tags"] = std::set<std::string>(a.tags.begin(), a.tags.end());
        j["time"] = times_of(a.time_ns).json;
        const std::string expected =
            j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (format_line(cfg, a) != expected) {
            ++mismatches;
            ADD_FAILURE() << "alert " << i << "\n ours:     " << format_line(cfg, a)
                          << "\n nlohmann: " << expected;
        }
    }
    EXPECT_EQ(mismatches, 0);
}
#endif

Json::Value to_jsoncpp(const json_value& v) {
    return std::visit(
        [](const auto& x) -> Json::Value {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                return Json::Value(static_cast<Json::Int64>(x));
            } else if constexpr (std::is_same_v<T, std::uint64_t>) {
                return Json::Value(static_cast<Json::UInt64>(x));
            } else if constexpr (std::is_same_v<T, double>) {
                return Json::Value(x);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return Json::Value(x.data(), x.data() + x.size());
            } else {
                ADD_FAILURE() << "random_alerts writes no null, bool, array or object";
                return Json::Value();
            }
        },
        v.get());
}

// The whole 0.38 alert against Debian's jsoncpp 1.9.5 driven as Falco 0.38.2's format_event
// drives it (falco@0.38.2:userspace/engine/formats.cpp:49-129): a Json::Value with time, rule,
// priority, source, hostname, then output and tags (a std::set, formats.h:33) behind their
// options; FastWriter's text without its last `}`, then `, "output_fields": `, libsinsp's own
// FastWriter text of the fields with the time member
// (libs@0.17.3:userspace/libsinsp/eventformatter.cpp:266-292) and `}`
// (docs/spec/0.38.md#json.layout, docs/spec/0.38.md#json.utf8,
// docs/spec/0.38.md#json.number.float). Random alerts under every combination of the options
// 0.38 reads: how many the formatter of profile `id` writes differently, the first in `first`.
int jsoncpp_0_38_mismatches(profile_id id, int count, std::string& first) {
    config cfg = make_config(id, true);
    random_alerts random(38);
    int mismatches = 0;
    for (int i = 0; i < count; ++i) {
        cfg.json_include_output_property = random.coin();
        cfg.json_include_tags_property = random.coin();
        cfg.time_format_iso_8601 = random.coin();
        cfg.hostname = random.text();
        const alert a = random.next();
        Json::Value event;
        event["time"] = times_of(a.time_ns).json;
        event["rule"] = to_jsoncpp(json_value(a.rule));
        event["priority"] = std::string(priority_name(a.prio));
        event["source"] = to_jsoncpp(json_value(a.source));
        event["hostname"] = to_jsoncpp(json_value(cfg.hostname));
        if (cfg.json_include_output_property) {
            event["output"] = to_jsoncpp(json_value(output_of(cfg, a)));
        }
        if (cfg.json_include_tags_property) {
            Json::Value tags = Json::arrayValue;
            Json::ArrayIndex n = 0;
            for (const auto& tag : std::set<std::string>(a.tags.begin(), a.tags.end())) {
                tags[n++] = to_jsoncpp(json_value(tag));
            }
            event["tags"] = tags;
        }
        Json::Value fields(Json::objectValue);
        for (const auto& [key, value] : a.output_fields) {
            fields[key] = to_jsoncpp(value);
        }
        fields[cfg.time_format_iso_8601 ? "evt.time.iso8601" : "evt.time"] =
            Json::Value(static_cast<Json::UInt64>(a.time_ns));
        std::string expected = testing::jsoncpp_fast_write(event);
        expected.pop_back();
        expected += ", \"output_fields\": " + testing::jsoncpp_fast_write(fields) + "}";
        const std::string got = format_line(cfg, a);
        if (got != expected && mismatches++ == 0) {
            first = "alert " + std::to_string(i) + "\n ours:    " + got + "\n jsoncpp: " + expected;
        }
    }
    return mismatches;
}

TEST(alert_formatter_json038, random_alerts_match_falco_with_jsoncpp) {
    const tz_guard tz("UTC0");
    std::string first;
    EXPECT_EQ(jsoncpp_0_38_mismatches(profile_id::v0_38, 4000, first), 0) << first;
}

// The comparison tells the other layouts apart: legacy's (jsoncpp 0.10.6, no hostname, source or
// tags) and nlohmann's object (0.44's, which replaces ill-formed UTF-8 where 0.39 to 0.43 throw)
// differ from it on every alert.
TEST(alert_formatter_json038, the_comparison_catches_the_neighbouring_layouts) {
    const tz_guard tz("UTC0");
    std::string first;
    EXPECT_EQ(jsoncpp_0_38_mismatches(profile_id::legacy, 200, first), 200);
    EXPECT_EQ(jsoncpp_0_38_mismatches(profile_id::v0_44, 200, first), 200);
}

// ---- 0.38 JSON -----------------------------------------------------------------------------

// The example of docs/spec/0.38.md#51-layout (defaults, TZ=UTC0, FALCO_HOSTNAME=h) verbatim: the
// jsoncpp object sorted, output_fields grafted last with its spaces.
TEST(alert_formatter_json038, profile_example_defaults) {
    const tz_guard tz("UTC0");
    const config cfg = make_config(profile_id::v0_38, true);
    EXPECT_EQ(
        format_line(cfg, open_from_cat()),
        R"j({"hostname":"h","output":"16:17:57.881781397: Warning An open was seen (command=cat /dev/null)","priority":"Warning","rule":"open_from_cat","source":"syscall","tags":["filesystem","process","testing"],"time":"2016-08-04T16:17:57.881781397Z", "output_fields": {"evt.time":1470327477881781397,"proc.cmdline":"cat /dev/null"}})j");
}

// The example of docs/spec/0.38.md#json.include.message (output and tags off) verbatim: no
// message and always output_fields, whatever the flags of the newer options say (the loader does
// not read them in 0.38). An alert without tags writes `[]`.
TEST(alert_formatter_json038, profile_example_output_and_tags_off) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_38, true);
    cfg.json_include_output_property = false;
    cfg.json_include_tags_property = false;
    cfg.json_include_message_property = true;
    cfg.json_include_output_fields_property = false;
    EXPECT_EQ(
        format_line(cfg, open_from_cat()),
        R"({"hostname":"h","priority":"Warning","rule":"open_from_cat","source":"syscall","time":"2016-08-04T16:17:57.881781397Z", "output_fields": {"evt.time":1470327477881781397,"proc.cmdline":"cat /dev/null"}})");
    cfg.json_include_tags_property = true;
    alert a = open_from_cat();
    a.tags.clear();
    a.source = "k8s_audit";
    a.output_fields.clear();
    EXPECT_EQ(
        format_line(cfg, a),
        R"({"hostname":"h","priority":"Warning","rule":"open_from_cat","source":"k8s_audit","tags":[],"time":"2016-08-04T16:17:57.881781397Z", "output_fields": {"evt.time":1470327477881781397}})");
}

// The examples of docs/spec/0.38.md#json.utf8: every code point from U+0080 up as \u with
// lower-case digits (astral ones as a surrogate pair), jsoncpp's lenient decoding of ill-formed
// bytes, in the output, the hostname, the tags and the keys and values of output_fields alike;
// controls as docs/spec/common.md#json.escape.named and \u00xx, DEL raw.
TEST(alert_formatter_json038, every_string_escaped_by_jsoncpp_1_9_5) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_38, true);
    cfg.hostname = "h\xc3\xa9";
    alert a = open_from_cat();
    a.time_ns = 0;
    a.rule = "r\"\\";
    a.message = "\xc3\xa9\xe2\x82\xac\xc2\x85\xe2\x80\xa8\xef\xbb\xbf\xf0\x9f\x98\x80\0\x1b\x7f"s;
    a.tags = {"t\x80"};
    a.output_fields = {{"a", json_value("\x80"s)},
                       {"b", json_value("\xff"s)},
                       {"c", json_value("\xc0\x80"s)},
                       {"d", json_value("\xed\xa0\x80"s)},
                       {"e", json_value("\xc3\x28"s)},
                       {"f", json_value("\x80\x61"s)},
                       {"g", json_value("\xe2\x28\xa1"s)},
                       {"h", json_value("x\xe2\x82"s)},
                       {"i", json_value("\xf4\x90\x80\x80"s)},
                       {"j", json_value("\xf7\xbf\xbf\xbf"s)},
                       {"k\xc3\xa9", json_value("\t\x01"s)}};
    EXPECT_EQ(format_line(cfg, a),
              R"({"hostname":"h\u00e9","output":"00:00:00.000000000: Warning )"
              R"(\u00e9\u20ac\u0085\u2028\ufeff\ud83d\ude00\u0000\u001b)"
              "\x7f"
              R"(","priority":"Warning","rule":"r\"\\","source":"syscall","tags":["t\ufffd"],)"
              R"("time":"1970-01-01T00:00:00.000000000Z", "output_fields": {"a":"\ufffd",)"
              R"("b":"\ufffd","c":"\ufffd","d":"\ufffd","e":"\u00e8","evt.time":0,)"
              R"("f":"\ufffd","g":"\u2a21","h":"x\ufffd\ufffd","i":"\ud800\udc00",)"
              R"("j":"\udbbf\udfff","k\u00e9":"\t\u0001"}})");
}

// The examples of docs/spec/0.38.md#json.number.float: %.17g and `.0` for an integral result.
TEST(alert_formatter_json038, doubles_in_output_fields) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::v0_38, true);
    cfg.json_include_output_property = false;
    cfg.json_include_tags_property = false;
    alert a = open_from_cat();
    a.time_ns = 0;
    const double values[] = {
        2.0, 100.0, 0.0, -0.0, 0.1, 123.456, 1e-07, 1.5e300, 1e16, 1e17, 1.8446744073709552e+29};
    const char* const written[] = {"2.0",
                                   "100.0",
                                   "0.0",
                                   "-0.0",
                                   "0.10000000000000001",
                                   "123.456",
                                   "9.9999999999999995e-08",
                                   "1.5000000000000001e+300",
                                   "10000000000000000.0",
                                   "1e+17",
                                   "1.8446744073709552e+29"};
    for (std::size_t i = 0; i < std::size(values); ++i) {
        a.output_fields = {{"x", json_value(values[i])}};
        EXPECT_EQ(format_line(cfg, a),
                  R"({"hostname":"h","priority":"Warning","rule":"open_from_cat","source":)"
                  R"("syscall","time":"1970-01-01T00:00:00.000000000Z", "output_fields": )"
                  R"({"evt.time":0,"x":)"s +
                      written[i] + "}}")
            << written[i];
    }
}

// ---- legacy JSON ---------------------------------------------------------------------------

// The JSON example of the "Falco Alerts" page (doc:"Falco Alerts"@0.15, JSON Output), as
// docs/spec/legacy.md#51-layout gives it, byte for byte, TZ=<-07>7.
TEST(alert_formatter_json_legacy, seed_example) {
    const tz_guard tz("<-07>7");
    const config cfg = make_config(profile_id::legacy, true);
    const output_message m = formatted(cfg, write_below_binary_dir());
    EXPECT_EQ(
        m.line,
        R"j({"output":"16:31:56.746609046: Error File below a known binary directory opened for writing (user=root command=touch /bin/hack file=/bin/hack)","priority":"Error","rule":"Write below binary dir","time":"2017-10-09T23:31:56.746609046Z", "output_fields": {"evt.time":1507591916746609046,"fd.name":"/bin/hack","proc.cmdline":"touch /bin/hack","user.name":"root"}})j");
    // docs/spec/legacy.md#syslog.message: JSON mode sends the JSON line to syslog too.
    EXPECT_FALSE(m.syslog_line.has_value());
}

// docs/spec/common.md#json.include.output: json_include_output_property false drops it;
// docs/spec/legacy.md#json.hostname, docs/spec/legacy.md#json.source,
// docs/spec/legacy.md#json.tags, docs/spec/legacy.md#json.include.message: no
// hostname/source/tags/message whatever the json_include_* options say.
TEST(alert_formatter_json_legacy, output_off_and_no_newer_keys) {
    const tz_guard tz("<-07>7");
    config cfg = make_config(profile_id::legacy, true);
    cfg.json_include_output_property = false;
    cfg.json_include_message_property = true;
    cfg.json_include_tags_property = true;
    cfg.json_include_output_fields_property = false;  // no such option in 0.15.3
    alert a = write_below_binary_dir();
    a.tags = {"x"};
    EXPECT_EQ(
        format_line(cfg, a),
        R"({"priority":"Error","rule":"Write below binary dir","time":"2017-10-09T23:31:56.746609046Z", "output_fields": {"evt.time":1507591916746609046,"fd.name":"/bin/hack","proc.cmdline":"touch /bin/hack","user.name":"root"}})");
}

// docs/spec/common.md#json.fields.time, docs/spec/common.md#config.iso8601: evt.time.iso8601 with
// time_format_iso_8601, the text time in ISO form, `time` unchanged.
TEST(alert_formatter_json_legacy, iso8601) {
    const tz_guard tz("<-07>7");
    config cfg = make_config(profile_id::legacy, true);
    cfg.time_format_iso_8601 = true;
    alert a = write_below_binary_dir();
    a.output_fields = {{"evt.time.iso8601", json_value(std::string("x"))}};
    EXPECT_EQ(
        format_line(cfg, a),
        R"j({"output":"2017-10-09T23:31:56.746609046+0000: Error File below a known binary directory opened for writing (user=root command=touch /bin/hack file=/bin/hack)","priority":"Error","rule":"Write below binary dir","time":"2017-10-09T23:31:56.746609046Z", "output_fields": {"evt.time.iso8601":1507591916746609046}})j");
}

// docs/spec/legacy.md#json.escape.control, docs/spec/legacy.md#json.utf8: upper-case \u00XX, raw
// DEL and bytes
// >= 0x80 (no replacement), in the output and in output_fields.
TEST(alert_formatter_json_legacy, escaping) {
    const tz_guard tz("UTC0");
    const config cfg = make_config(profile_id::legacy, true);
    alert a = write_below_binary_dir();
    a.time_ns = 0;
    a.rule = "r\"\\/";
    a.message = "\0\x1b\x0b\b\f\n\r\t\x7f\x80\xc3\x28\xc2\x85"s;
    a.output_fields = {{"k\x1f", json_value(std::string("\xff\x01"))},
                       {"n", json_value(0.1)},
                       {"m", json_value(std::numeric_limits<std::int64_t>::min())}};
    EXPECT_EQ(format_line(cfg, a),
              "{\"output\":\"00:00:00.000000000: Error "
              "\\u0000\\u001B\\u000B\\b\\f\\n\\r\\t\x7f\x80\xc3\x28\xc2\x85\","
              "\"priority\":\"Error\",\"rule\":\"r\\\"\\\\/"
              "\",\"time\":\"1970-01-01T00:00:00.000000000Z\", "
              "\"output_fields\": "
              "{\"evt.time\":0,\"k\\u001F\":\"\xff\\u0001\",\"m\":-9223372036854775808,"
              "\"n\":0.10000000000000001}}");
}

TEST(alert_formatter_json_legacy, all_eight_priorities) {
    const tz_guard tz("UTC0");
    config cfg = make_config(profile_id::legacy, true);
    cfg.json_include_output_property = false;
    const char* words[] = {"Emergency", "Alert",  "Critical",      "Error",
                           "Warning",   "Notice", "Informational", "Debug"};
    for (int p = 0; p < 8; ++p) {
        alert a = write_below_binary_dir();
        a.prio = static_cast<priority>(p);
        a.output_fields.clear();
        EXPECT_EQ(format_line(cfg, a),
                  "{\"priority\":\""s + words[p] +
                      "\",\"rule\":\"Write below binary "
                      "dir\",\"time\":\"2017-10-09T23:31:56.746609046Z\", "
                      "\"output_fields\": {\"evt.time\":1507591916746609046}}");
    }
}

}  // namespace
}  // namespace falco_ref
