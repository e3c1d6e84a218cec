// SPDX-License-Identifier: Apache-2.0
// Differential tests of jsoncpp_1_9_writer against jsoncpp itself: Debian 12's libjsoncpp-dev
// is 1.9.5, the version Falco 0.36 to 0.38 write their JSON alerts with, and Falco writes them
// with Json::FastWriter (falco@0.38.2:userspace/engine/formats.cpp:67-126). The same inputs are
// run through deliberately wrong writers to show that the comparison catches what it must.
#include <gtest/gtest.h>
#include <json/json.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "falco_ref/format/jsoncpp_1_9_writer.hpp"
#include "falco_ref/format/jsoncpp_writer.hpp"
#include "jsoncpp_fast_writer.hpp"

namespace falco_ref {
namespace {

// Falco's writer.
std::string oracle(const Json::Value& v) {
    return testing::jsoncpp_fast_write(v);
}

std::string oracle_string(const std::string& s) {
    return oracle(Json::Value(s.data(), s.data() + s.size()));
}

std::string oracle_double(double d) {
    return oracle(Json::Value(d));
}

using string_writer = std::function<std::string(const std::string&)>;
using double_writer = std::function<std::string(double)>;

std::string ours_string(const std::string& s) {
    std::string out;
    jsoncpp_1_9_writer{}.append_string(out, s);
    return out;
}

std::string ours_double(double d) {
    std::string out;
    jsoncpp_1_9_writer::append_double(out, d);
    return out;
}

// How a writer compares with the library over a corpus: mismatches and the first one.
struct comparison {
    int mismatches = 0;
    std::string first;
};

// Strings of every byte class: ASCII letters (so that plain runs of every length and alignment
// occur), the named escapes and other controls, DEL, every kind of lead and continuation byte,
// whole well-formed sequences of 2 to 4 bytes (C1 controls, U+2028, U+FEFF, U+FFFF, astral),
// encoded surrogates, overlong forms, 5-byte-style leads, and uniformly random bytes; a
// sequence often ends the string early, which jsoncpp treats on its own.
std::vector<std::string> string_corpus() {
    const unsigned char singles[] = {0x00, 0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f,
                                     '"',  '\\', '/',  ' ',  '~',  0x7f, 0x80, 0x8f, 0x90, 0x9f,
                                     0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xed,
                                     0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xf7, 0xf8, 0xfc, 0xff};
    const char* const sequences[] = {
        "\xc2\x80",         "\xc2\x9f",         "\xc3\xa9",         "\xdf\xbf",
        "\xe0\xa0\x80",     "\xe2\x80\xa8",     "\xe2\x80\xa9",     "\xef\xbb\xbf",
        "\xef\xbf\xbf",     "\xed\x9f\xbf",     "\xed\xa0\x80",     "\xed\xbf\xbf",
        "\xee\x80\x80",     "\xf0\x90\x80\x80", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
        "\xf4\x90\x80\x80", "\xf7\xbf\xbf\xbf", "\xc0\x80",         "\xc1\xbf",
        "\xe0\x80\x80",     "\xe0\x9f\xbf",     "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",
        "\xc3\x28",         "\xe2\x28\xa1",     "\xf0\x28\x8c\x28"};
    std::mt19937_64 rng(20261207);
    std::vector<std::string> corpus;
    for (int i = 0; i < 60'000; ++i) {
        std::string s;
        const auto pieces = rng() % 24;
        for (std::size_t k = 0; k < pieces; ++k) {
            switch (rng() % 8) {
                case 0:
                case 1:
                case 2:
                    s.append(1 + rng() % 9, static_cast<char>('a' + rng() % 26));
                    break;
                case 3:
                case 4:
                    s.push_back(static_cast<char>(singles[rng() % sizeof singles]));
                    break;
                case 5:
                case 6:
                    s.append(sequences[rng() % std::size(sequences)]);
                    break;
                default:
                    s.push_back(static_cast<char>(rng() % 256));
                    break;
            }
        }
        corpus.push_back(std::move(s));
    }
    // Every single byte, and every first byte cut off by the end of the string.
    for (int b = 0; b < 256; ++b) {
        corpus.emplace_back(1, static_cast<char>(b));
        corpus.push_back(std::string("ab") + static_cast<char>(b) + "\x80");
    }
    return corpus;
}

std::vector<double> double_corpus() {
    std::vector<double> corpus{0.0,
                               -0.0,
                               1.0,
                               2.0,
                               -1.0,
                               0.1,
                               0.3,
                               1.0 / 3,
                               100.0,
                               1e15,
                               1e16,
                               1e17,
                               1e21,
                               1e22,
                               1e-5,
                               1e-7,
                               5e-324,
                               1e308,
                               9007199254740992.0,
                               9007199254740993.0,
                               std::numeric_limits<double>::max(),
                               std::numeric_limits<double>::min(),
                               std::numeric_limits<double>::quiet_NaN(),
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity()};
    std::mt19937_64 rng(36);
    for (int i = 0; i < 60'000; ++i) {
        switch (i % 4) {
            case 0:  // any bit pattern, NaNs and infinities included
                corpus.push_back(std::bit_cast<double>(rng()));
                break;
            case 1:  // integral values, printed with ".0" up to 17 digits
                corpus.push_back(
                    static_cast<double>(static_cast<std::int64_t>(rng() >> (rng() % 64))));
                break;
            case 2:  // short decimals
                corpus.push_back(
                    static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) /
                    std::pow(10.0, static_cast<int>(rng() % 12)));
                break;
            default:  // every magnitude
                corpus.push_back(std::ldexp(static_cast<double>(rng() >> 11),
                                            static_cast<int>(rng() % 2100) - 1074));
                break;
        }
    }
    return corpus;
}

// Printable form of a byte string for a failure message.
std::string shown(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        char buf[5];
        std::snprintf(buf, sizeof buf, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
        out += buf;
    }
    return out;
}

comparison compare_strings(const string_writer& writer) {
    comparison r;
    for (const auto& s : string_corpus()) {
        const auto expected = oracle_string(s);
        const auto got = writer(s);
        if (got != expected && r.mismatches++ == 0) {
            r.first = "input " + shown(s) + ": jsoncpp " + shown(expected) + ", got " + shown(got);
        }
    }
    return r;
}

comparison compare_doubles(const double_writer& writer) {
    comparison r;
    for (double d : double_corpus()) {
        const auto expected = oracle_double(d);
        const auto got = writer(d);
        if (got != expected && r.mismatches++ == 0) {
            r.first = "jsoncpp " + expected + ", got " + got;
        }
    }
    return r;
}

TEST(jsoncpp_1_9_differential, strings_of_every_byte_class_match_jsoncpp) {
    const auto r = compare_strings(ours_string);
    EXPECT_EQ(r.mismatches, 0) << r.first;
}

TEST(jsoncpp_1_9_differential, doubles_match_jsoncpp) {
    const auto r = compare_doubles(ours_double);
    EXPECT_EQ(r.mismatches, 0) << r.first;
}

TEST(jsoncpp_1_9_differential, integers_match_jsoncpp) {
    std::mt19937_64 rng(64);
    for (int i = 0; i < 10'000; ++i) {
        const auto u = rng() >> (rng() % 64);
        const auto s = static_cast<std::int64_t>(rng());
        std::string got_u, got_s;
        jsoncpp_1_9_writer::append_uint(got_u, u);
        jsoncpp_1_9_writer::append_int(got_s, s);
        ASSERT_EQ(got_u, oracle(Json::Value(static_cast<Json::UInt64>(u))));
        ASSERT_EQ(got_s, oracle(Json::Value(static_cast<Json::Int64>(s))));
    }
    std::string lowest;
    jsoncpp_1_9_writer::append_int(lowest, std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(lowest, oracle(Json::Value(std::numeric_limits<Json::Int64>::min())));
}

TEST(jsoncpp_1_9_differential, objects_and_arrays_match_jsoncpp) {
    // Keys that sort differently bytewise than by length or locale, a prefix of another key,
    // an empty key, keys with escapes and non-ASCII bytes; values of every type.
    const std::vector<std::string> keys{"b",        "a",   "ab",    "",   "B",
                                        "\xc3\xa9", "a\"", "\x01k", "zz", "a\xff"};
    std::mt19937_64 rng(9);
    for (int i = 0; i < 2'000; ++i) {
        json_value::object ours_object;
        Json::Value theirs(Json::objectValue);
        for (const auto& key : keys) {
            if (rng() % 2 == 0) {
                continue;
            }
            const auto n = static_cast<std::int64_t>(rng() % 1000) - 500;
            json_value::array list{json_value{n}, json_value{0.5 * static_cast<double>(n)},
                                   json_value{key}, json_value{nullptr}, json_value{n % 2 == 0}};
            Json::Value their_list(Json::arrayValue);
            their_list.append(Json::Value(static_cast<Json::Int64>(n)));
            their_list.append(Json::Value(0.5 * static_cast<double>(n)));
            their_list.append(Json::Value(key.data(), key.data() + key.size()));
            their_list.append(Json::Value());
            their_list.append(Json::Value(n % 2 == 0));
            ours_object.emplace(key, json_value{std::move(list)});
            theirs[key] = their_list;
        }
        std::string got;
        jsoncpp_1_9_writer{}.append_value(got, json_value{std::move(ours_object)});
        ASSERT_EQ(got, oracle(theirs));
    }
}

// The comparison is strong enough to catch plausible wrong writers: jsoncpp 0.10.6's (Falco's
// writer up to 0.35), upper-case hex digits, and integral doubles without ".0".
TEST(jsoncpp_1_9_differential, catches_wrong_writers) {
    const auto older = compare_strings([](const std::string& s) {
        std::string out;
        jsoncpp_writer{}.append_string(out, s);
        return out;
    });
    EXPECT_GT(older.mismatches, 0);
    const auto upper_hex = compare_strings([](const std::string& s) {
        std::string out = ours_string(s);
        for (std::size_t i = 0; i + 5 < out.size(); ++i) {
            if (out[i] == '\\' && out[i + 1] == 'u') {
                for (std::size_t k = i + 2; k < i + 6; ++k) {
                    out[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[k])));
                }
            }
        }
        return out;
    });
    EXPECT_GT(upper_hex.mismatches, 0);
    const auto no_point_zero = compare_doubles([](double d) {
        std::string out;
        jsoncpp_writer::append_double(out, d);
        return out;
    });
    EXPECT_GT(no_point_zero.mismatches, 0);
}

TEST(jsoncpp_1_9_writer, lenient_decoder_cases_from_the_source) {
    // utf8ToCodepoint: the first byte decides the length; a truncated sequence costs one byte.
    // 2 bytes taken whatever the second is: (0x03 << 6) | (0x28 & 0x3F) is U+00E8.
    EXPECT_EQ(ours_string("\xc3\x28"), "\"\\u00e8\"");
    EXPECT_EQ(ours_string("\xc3\xa9"), "\"\\u00e9\"");      // é
    EXPECT_EQ(ours_string("\xed\xa0\x80"), "\"\\ufffd\"");  // an encoded surrogate
    EXPECT_EQ(ours_string("\xf0\x9f\x98\x80"), "\"\\ud83d\\ude00\"");
    EXPECT_EQ(ours_string("\xe2\x82"), "\"\\ufffd\\ufffd\"");  // cut by the end: one byte each
    EXPECT_EQ(ours_string("\x7f"), "\"\x7f\"");
    EXPECT_EQ(ours_string(std::string("\0", 1)), "\"\\u0000\"");
    EXPECT_EQ(ours_double(2.0), "2.0");
    EXPECT_EQ(ours_double(-0.0), "-0.0");
    EXPECT_EQ(ours_double(1e17), "1e+17");
    EXPECT_EQ(ours_double(0.1), "0.10000000000000001");
}

}  // namespace
}  // namespace falco_ref
