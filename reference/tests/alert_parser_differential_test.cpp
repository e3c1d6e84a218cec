// SPDX-License-Identifier: Apache-2.0
// alert_parser (hand-written) against rapidjson_alert_parser, the RapidJSON 1.1.0 parser it
// replaced (reference/tests/oracle): over a generated corpus of valid alerts of many shapes
// and of their mutations, both must accept and reject the same lines, give equal alerts
// (every field, output_fields deeply with number kinds, doubles bit for bit), the same
// reasons, and the same byte offset for JSON syntax errors. The corpus is deterministic (fixed
// seed), so a failure names a reproducible line.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "alert_parser_diff.hpp"

namespace falco_ref {
namespace {

using namespace std::string_literals;

// Printable form of a line for failure messages (bytes < 0x20 and >= 0x7f as \xNN).
std::string printable(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b >= 0x7f || c == '\\') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", b);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

// Runs every line through both parsers in both profiles, each parser reusing one alert across
// lines (as the pipeline does) and, every 7th line, a fresh one.
class differential_run {
public:
    void check(std::string_view line) {
        for (int p = 0; p < 2; ++p) {
            const profile& prof = get_profile(p == 0 ? profile_id::v0_44 : profile_id::legacy);
            std::string d = diff::compare_parsers(prof, line, mine_[p], oracle_[p]);
            if (d.empty() && lines_ % 7 == 0) {
                alert fresh_mine, fresh_oracle;
                d = diff::compare_parsers(prof, line, fresh_mine, fresh_oracle);
            }
            if (!d.empty() && ++failures_ <= 20) {
                ADD_FAILURE() << (p == 0 ? "0.44" : "legacy") << ": " << d
                              << "\n  line: " << printable(line);
            }
            std::string error;
            alert a;
            accepted_ += p == 0 && alert_parser(prof).parse(line, a, error) ? 1 : 0;
        }
        ++lines_;
    }

    std::size_t lines() const { return lines_; }
    std::size_t accepted() const { return accepted_; }
    std::size_t failures() const { return failures_; }

private:
    alert mine_[2], oracle_[2];
    std::size_t lines_ = 0, accepted_ = 0, failures_ = 0;
};

// ---- generator of valid alerts

const std::vector<std::string> k_strings = {
    "",
    "plain text",
    R"(quote \" backslash \\ slash \/ b \b f \f n \n r \r t \t)",
    R"(\u0000 NUL \u001f \u007f \u0080 \u00e9 \u07ff \u0800 \uffff \uFFFE)",
    R"(pair \ud83d\ude00 \uD800\uDC00 \uDBFF\uDFFF)",
    "raw \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
    "invalid utf8 \x80 \xff \xc3\x28 \xed\xa0\x80 \xf8\x88\x80\x80\x80",
    "\x7f del",
    "a long string with many words to pass the sixteen byte vector scan in several blocks and "
    "then some \\n escapes \\t here and there \\u0041 and more",
    R"(\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\")",
    "<NA>",
    "/usr/bin/bash",
};

const std::vector<std::string> k_numbers = {
    "0",
    "-0",
    "1",
    "-1",
    "42",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "184467440737095516156854775809",
    "-92233720368547758090",
    "0.0",
    "-0.0",
    "1.5",
    "0.1",
    "2.0",
    "1e0",
    "1E5",
    "1e+5",
    "1e-5",
    "1e-07",
    "1e308",
    "1e309",
    "-1e309",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "2.2250738585072011e-308",
    "4.9e-324",
    "5e-324",
    "2e-324",
    "1e-400",
    "-1e-400",
    "1e-99999999999999999999",
    "1e00000000000000000000308",
    "1e0309",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "123456789012345678.123e290",
    "12345678901234567890.5e288",
    "9007199254740991.5e292",
    "9007199254740993.123456e292",
    "0.0000000000000000000000000000001e330",
    "1.0000000000000000000000000000001e308",
    std::string(308, '9'),
    std::string(309, '9'),
    std::string(310, '9'),
    "1" + std::string(308, '0'),
    "1" + std::string(309, '0'),
    "-" + std::string(309, '9'),
    "0." + std::string(300, '0') + "1e600",
    "0." + std::string(300, '0') + "1e610",
    "1." + std::string(40, '3') + "e320",
    "1." + std::string(40, '3') + "e326",
    "1." + std::string(40, '3') + "e325",
    "1." + std::string(15, '3') + "e324",
    "1." + std::string(15, '3') + "e323",
    "1" + std::string(30, '1') + "e300",
};

const std::vector<std::string> k_times = {
    "0",
    "1",
    "1507591916746609046",
    "9223372036854775807",
    R"("2017-10-09T23:31:56.746609046Z")",
    R"("2017-10-09t23:31:56z")",
    R"("2017-10-09T23:31:56+02:00")",
    R"("1970-01-01T00:00:00Z")",
    R"("2017-10-09T23:31:56.1-00:30")",
    R"("2017-10-09T23:31:\u0035\u0036Z")",
};

const std::vector<std::string> k_priorities = {
    "Emergency", "ALERT", "critical", "Error", "Warning", "notice", "Informational",
    "info",      "Debug", "warn",     "e",     "Crit",    "inform", "Em\\u0065rgency",
};

class alert_generator {
public:
    explicit alert_generator(std::uint64_t seed) : rng_(seed) {}

    std::string alert_line() {
        std::vector<std::string> members;
        members.push_back(q("time") + ":" + pick(k_times));
        members.push_back(q("rule") + ":" + q(pick(k_strings)));
        members.push_back(q("priority") + ":" + q(pick(k_priorities)));
        members.push_back(q("message") + ":" + q(pick(k_strings)));
        if (chance(2)) {
            members.push_back(q("source") + ":" + q(pick({"syscall", "k8s_audit", "aws"})));
        }
        if (chance(2)) {
            members.push_back(q("tags") + ":" + tags());
        }
        if (!chance(5)) {
            members.push_back(q("output_fields") + ":" + object(0));
        }
        if (chance(3)) {
            members.push_back(q("output_template") + ":" + q("%proc.name %fd.name"));
        }
        if (chance(3)) {
            members.push_back(q(pick(k_strings)) + ":" + value(0));
        }
        if (chance(4)) {  // a repeated key: the last one wins
            members.push_back(pick(members));
        }
        std::shuffle(members.begin(), members.end(), rng_);
        std::string line = ws() + "{";
        for (std::size_t i = 0; i < members.size(); ++i) {
            line += (i ? "," : "") + ws() + spaced_colon(members[i]) + ws();
        }
        return line + "}" + ws();
    }

    std::mt19937_64& rng() { return rng_; }

private:
    static std::string q(const std::string& s) { return "\"" + s + "\""; }

    bool chance(int one_in) { return rng_() % static_cast<unsigned>(one_in) == 0; }

    const std::string& pick(const std::vector<std::string>& from) {
        return from[rng_() % from.size()];
    }

    // JSON whitespace between tokens, mostly none.
    std::string ws() {
        static const std::vector<std::string> spaces = {"", "", "", "", " ", "\t", "\r\n", " \n "};
        return pick(spaces);
    }

    // Whitespace around the first ':' after the member name.
    std::string spaced_colon(std::string member) {
        std::size_t i = 1;
        while (i < member.size() && !(member[i] == '"' && member[i - 1] != '\\')) {
            ++i;  // the name's closing quote (names here end without a backslash pair)
        }
        if (i + 1 < member.size() && member[i + 1] == ':') {
            member = member.substr(0, i + 1) + ws() + ":" + ws() + member.substr(i + 2);
        }
        return member;
    }

    std::string tags() {
        std::string s = "[";
        const int n = static_cast<int>(rng_() % 5);
        for (int i = 0; i < n; ++i) {
            s += (i ? "," : "") + ws() + q(pick(k_strings)) + ws();
        }
        return s + "]";
    }

    std::string value(int depth) {
        switch (rng_() % (depth < 4 ? 9 : 7)) {
            case 0:
            case 1:
                return q(pick(k_strings));
            case 2:
            case 3:
                return pick(k_numbers);
            case 4:
                return "true";
            case 5:
                return chance(2) ? "false" : "null";
            case 6:
                return pick(k_times);
            case 7:
                return object(depth + 1);
            default: {
                std::string s = "[";
                const int n = static_cast<int>(rng_() % 4);
                for (int i = 0; i < n; ++i) {
                    s += (i ? "," : "") + ws() + value(depth + 1) + ws();
                }
                return s + "]";
            }
        }
    }

    std::string object(int depth) {
        static const std::vector<std::string> keys = {
            "proc.name",       "fd.name", "evt.time", "user.name",    "a",          "b", "k\\u0000",
            "\\u0070roc.name", "",        "\xff\xfe", "container.id", "k8s.ns.name"};
        std::string s = "{";
        const int n = static_cast<int>(rng_() % (depth == 0 ? 8 : 4));
        for (int i = 0; i < n; ++i) {
            s += (i ? "," : "") + ws() + q(pick(keys)) + ws() + ":" + ws() + value(depth) + ws();
        }
        return s + "}";
    }

    std::mt19937_64 rng_;
};

// ---- mutations

const std::vector<std::string> k_inserts = {
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    " ",
    "\t",
    "\n",
    "\r",
    "\x01",
    "\x1f",
    "\x7f",
    "\x80",
    "\xff",
    "\v",
    "\f",
    "0",
    "-",
    "+",
    "e",
    "E",
    ".",
    "u",
    "n",
    "t",
    "f",
    "x",
    "\\u",
    "\\ud800",
    "\\udc00",
    "\\uD83D\\uDE00",
    "\\uD83D",
    "\\uZZZZ",
    "\\u00",
    "1e999",
    "00",
    "-0.",
    "\\x",
    "true",
    "nul",
    "{}",
    "[]",
    "\"\":",
    "\0"s,
    "\xc2\xa0",
    "\xef\xbb\xbf",
};

std::string mutate(std::string line, std::mt19937_64& rng) {
    const int steps = 1 + static_cast<int>(rng() % 3);
    for (int s = 0; s < steps; ++s) {
        const std::size_t at = line.empty() ? 0 : rng() % (line.size() + 1);
        const std::string& ins = k_inserts[rng() % k_inserts.size()];
        switch (rng() % 4) {
            case 0:  // insert
                line.insert(at, ins);
                break;
            case 1:  // replace a byte
                if (at < line.size()) {
                    line.replace(at, 1, ins);
                }
                break;
            case 2:  // delete a run
                if (at < line.size()) {
                    line.erase(at, 1 + rng() % 3);
                }
                break;
            default:  // flip a bit
                if (at < line.size()) {
                    line[at] = static_cast<char>(line[at] ^ (1 << (rng() % 8)));
                }
                break;
        }
    }
    return line;
}

// Every prefix (of a long line: 300 random ones and the last 50), then `count` random
// mutations.
void check_with_mutations(differential_run& run, const std::string& line, std::mt19937_64& rng,
                          int count) {
    run.check(line);
    constexpr std::size_t k_all_prefixes = 4096;
    for (std::size_t n = 0; n < line.size(); ++n) {
        if (line.size() > k_all_prefixes && n + 50 < line.size()) {
            n += rng() % (line.size() / 300);
        }
        run.check(std::string_view(line).substr(0, n));
    }
    for (int i = 0; i < (line.size() > k_all_prefixes ? 3 : count); ++i) {
        run.check(mutate(line, rng));
    }
}

TEST(alert_parser_differential, generated_alerts_and_mutations) {
    differential_run run;
    alert_generator gen(20261127);
    std::size_t bases_accepted = 0;
    constexpr int k_bases = 600;
    for (int i = 0; i < k_bases; ++i) {
        const std::string line = gen.alert_line();
        const std::size_t before = run.accepted();
        run.check(line);
        bases_accepted += run.accepted() - before;
        check_with_mutations(run, line, gen.rng(), 300);
    }
    std::cout << "differential: " << k_bases << " generated alerts (" << bases_accepted
              << " valid), " << run.lines() << " lines, " << run.accepted() << " accepted\n";
    EXPECT_EQ(run.failures(), 0u);
    // The corpus must exercise acceptance, not only rejection.
    EXPECT_GT(bases_accepted, std::size_t(k_bases) / 3);
    EXPECT_GT(run.accepted(), run.lines() / 25);
}

// Each number of the list, valid or not, as a field value, as the time, as a tag, at the
// root, and each followed by each byte that could extend or end it.
TEST(alert_parser_differential, numbers) {
    differential_run run;
    const std::string base = R"("rule":"r","priority":"Warning","message":"m")";
    std::vector<std::string> numbers = k_numbers;
    for (const char* extra : {"01",  "-01", "1.",   ".5",   "-",     "+1",       "1e",        "1e+",
                              "1e-", "-.5", "1.e5", "0x10", "1_0",   "Infinity", "-Infinity", "NaN",
                              "1e-", "--1", "0e",   "0.e1", "1e5.5", "1e+-5"}) {
        numbers.push_back(extra);
    }
    for (const std::string& n : numbers) {
        for (const std::string& tail : {""s, " "s, "x"s, "."s, "e"s, "0"s, "-"s, "]"s, "}"s}) {
            run.check("{" + base + R"(,"time":1,"output_fields":{"n":)" + n + tail + "}}");
            run.check("{" + base + R"(,"time":)" + n + tail + "}");
            run.check("{" + base + R"(,"time":1,"tags":[)" + n + tail + "]}");
            run.check("{" + base + R"(,"time":1,"x":[)" + n + tail + "]}");
            run.check(n + tail);
        }
    }
    EXPECT_EQ(run.failures(), 0u);
}

// Every escape form, every byte raw in a string, in values and keys.
TEST(alert_parser_differential, strings_and_escapes) {
    differential_run run;
    const std::string base = R"("time":1,"priority":"Warning","message":"m")";
    std::vector<std::string> bodies;
    for (int b = 0; b < 256; ++b) {
        bodies.push_back("a"s + static_cast<char>(b) + "b");
        bodies.push_back("\\"s + static_cast<char>(b) + "b");
    }
    for (const char* esc : {"\\u0041",
                            "\\u004",
                            "\\u",
                            "\\uD800",
                            "\\uD800\\u",
                            "\\uD800\\uD800",
                            "\\uD800\\u0041",
                            "\\uD800\\uDC00",
                            "\\uDBFF\\uDFFF",
                            "\\uDC00",
                            "\\uDFFF\\uD800",
                            "\\uDC00\\uDC00",
                            "\\uD800x",
                            "\\uD800\\",
                            "\\uD800\\n",
                            "\\ud83d\\ude00",
                            "\\uG000",
                            "\\u00g0",
                            "\\uD800\\uDBFF",
                            "\\uD800\\uE000",
                            "\\u0000",
                            "\\uFFFF",
                            "\\u0800",
                            "\\u07FF",
                            "\\",
                            "\\\\",
                            "\\\"",
                            "x\\uDC00y\\uDC01"}) {
        bodies.push_back(esc);
        bodies.push_back(std::string(17, 'p') + esc + std::string(17, 'q'));
    }
    for (const std::string& s : bodies) {
        run.check("{" + base + R"(,"rule":")" + s + "\"}");
        run.check("{" + base + R"(,"rule":"r","output_fields":{")" + s + R"(":")" + s + "\"}}");
        run.check("{" + base + R"(,"rule":"r",")" + s + R"(":1})");
        run.check("{" + base + R"(,"rule":"r","tags":[")" + s + "\"]}");
        run.check("{" + base + R"(,"rule":")" + s);  // cut inside the string
    }
    EXPECT_EQ(run.failures(), 0u);
}

// Structure: every JSON byte at every position of a small alert, nesting at the limit, and
// type errors for every key.
TEST(alert_parser_differential, structure_and_types) {
    differential_run run;
    const std::string small =
        R"({"time":1,"rule":"r","priority":"Info","message":"m","tags":["a"],)"
        R"("output_fields":{"k":[1,{"x":null}]}})";
    for (std::size_t at = 0; at <= small.size(); ++at) {
        for (int b = 0; b < 256; ++b) {
            std::string line = small;
            line.insert(at, 1, static_cast<char>(b));
            run.check(line);
            if (at < small.size()) {
                line = small;
                line[at] = static_cast<char>(b);
                run.check(line);
            }
        }
        std::string cut = small;
        run.check(cut.erase(at, 1));
    }
    const std::string base = R"("rule":"r","priority":"Warning","message":"m","time":1)";
    for (std::size_t depth : {509u, 510u, 511u, 512u, 513u}) {
        for (const char* key : {"output_fields", "x", "tags"}) {
            const std::string open = std::string(depth - 2, '[');
            const std::string close = std::string(depth - 2, ']');
            run.check("{" + base + ",\"" + key + "\":{\"a\":" + open + close + "}}");
            run.check("{" + base + ",\"" + key + "\":" + open + "1" + close + "}");
        }
        run.check(std::string(depth, '['));
        run.check(std::string(depth, '{'));
    }
    for (const char* key :
         {"time", "rule", "priority", "source", "tags", "message", "output_fields", "other"}) {
        for (const char* v : {"\"s\"", "1", "-1", "18446744073709551615", "1.5", "true", "null",
                              "[]", "[\"a\"]", "[1]", "[[]]", "[{}]", "{}", "{\"a\":1}", "-",
                              "\"2017-10-09T23:31:56Z\"", "\"bogus\"", "\"info\""}) {
            run.check("{" + base + ",\"" + key + "\":" + v + "}");
            run.check("{\"" + std::string(key) + "\":" + v + "," + base + "}");
        }
    }
    for (const char* line : {"",
                             " ",
                             "\t\r\n",
                             "{}",
                             "[]",
                             "null",
                             "\"x\"",
                             "42",
                             "-",
                             "}",
                             "]",
                             ",",
                             ":",
                             "x",
                             "{\"a\"}",
                             "{\"a\":}",
                             "{,}",
                             "{\"a\":1,}",
                             "[1,]",
                             "{\"a\":1 \"b\":2}",
                             "{} {}",
                             "{}x",
                             "\xef\xbb\xbf{}",
                             "{\"a\":1}\x0b",
                             "{\"a\":1}\f"}) {
        run.check(line);
    }
    EXPECT_EQ(run.failures(), 0u);
}

// The golden cases' alerts and the fuzz seeds, each with mutations.
TEST(alert_parser_differential, golden_alerts_and_fuzz_seeds) {
    differential_run run;
    std::mt19937_64 rng(7);
    const std::filesystem::path root = FALCO_REF_SOURCE_DIR;
    std::size_t files = 0;
    for (const auto& dir : {root / "golden", root / "reference/fuzz/corpus/alert_parser"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
            const bool seed = dir.filename() == "alert_parser";
            if (!entry.is_regular_file() || (!seed && entry.path().filename() != "alerts.jsonl")) {
                continue;
            }
            ++files;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string line;
            while (std::getline(in, line)) {
                check_with_mutations(run, line, rng, 20);
            }
        }
    }
    std::cout << "differential: " << files << " files, " << run.lines() << " lines, "
              << run.accepted() << " accepted by both\n";
    EXPECT_GT(files, 100u);
    EXPECT_EQ(run.failures(), 0u);
}

}  // namespace
}  // namespace falco_ref
