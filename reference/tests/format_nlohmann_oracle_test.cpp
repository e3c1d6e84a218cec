// SPDX-License-Identifier: Apache-2.0
// Differential tests against nlohmann::json itself, the library Falco 0.44.1 serialises alerts
// with (docs/spec/0.44.md#json.layout). Debian ships 3.11.2; Falco pins 3.11.3, and
// `git diff v3.11.2 v3.11.3` of detail/output/serializer.hpp and detail/conversions/to_chars.hpp
// only renames members (m_value -> m_data.m_value) and updates banners, so both print the same.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "falco_ref/format/nlohmann_writer.hpp"

#if __has_include(<nlohmann/json.hpp>)
#include <nlohmann/json.hpp>
#define FALCO_REF_HAVE_NLOHMANN 1
#endif

namespace falco_ref {
namespace {

#ifdef FALCO_REF_HAVE_NLOHMANN

std::string oracle_dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ours(double v) {
    std::string out;
    nlohmann_writer::append_double(out, v);
    return out;
}

TEST(grisu2_differential, random_doubles_match_nlohmann) {
    std::mt19937_64 rng(20261127);
    int mismatches = 0;
    std::string first_mismatch;
    constexpr int k_count = 100'000;
    for (int i = 0; i < k_count; ++i) {
        double v = 0;
        switch (i % 4) {
            case 0:  // any bit pattern (denormals, huge, tiny)
            case 1:
                do {
                    v = std::bit_cast<double>(rng());
                } while (!std::isfinite(v));
                break;
            case 2:  // short decimals such as 0.3, 12.75, 1e-5
                v = static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) /
                    std::pow(10.0, static_cast<int>(rng() % 12));
                break;
            case 3:  // magnitudes across the whole exponent range
                v = std::ldexp(static_cast<double>(rng() >> 11),
                               static_cast<int>(rng() % 2000) - 1074);
                break;
        }
        const std::string expected = oracle_dump(nlohmann::json(v));
        if (ours(v) != expected) {
            if (mismatches++ == 0) {
                first_mismatch = expected + " vs " + ours(v);
            }
        }
    }
    EXPECT_EQ(mismatches, 0) << "first: " << first_mismatch;
}

TEST(grisu2_differential, boundary_doubles_match_nlohmann) {
    const double values[] = {0.1,
                             2.0,
                             1e-07,
                             1.5e300,
                             -0.0,
                             0.0,
                             5e-324,
                             1.7976931348623157e308,
                             2.2250738585072014e-308,
                             2.2250738585072009e-308,
                             1e15,
                             1e16,
                             1e-4,
                             1e-5,
                             9007199254740992.0,
                             9007199254740993.0,
                             0.3,
                             1.0 / 3,
                             100.0,
                             123456789012345678.0,
                             1e23,
                             5e-310,
                             -1.0};
    for (double v : values) {
        EXPECT_EQ(ours(v), oracle_dump(nlohmann::json(v))) << v;
    }
    for (int e = -1074; e <= 1023; ++e) {  // every power of two: the asymmetric boundary case
        const double v = std::ldexp(1.0, e);
        ASSERT_EQ(ours(v), oracle_dump(nlohmann::json(v))) << "2^" << e;
    }
}

TEST(nlohmann_string_differential, random_bytes_match_nlohmann_replace) {
    // Bytes drawn mostly from the interesting classes: controls, quote, backslash, DEL, lead
    // and continuation bytes, so that ill-formed UTF-8 of every shape appears.
    const unsigned char alphabet[] = {0x00, 0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f,
                                      '"',  '\\', '/',  'a',  '(',  0x7f, 0x80, 0x8f, 0x90, 0x9f,
                                      0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xed,
                                      0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
    std::mt19937_64 rng(7);
    const nlohmann_writer writer;
    int mismatches = 0;
    std::string first_mismatch;
    for (int i = 0; i < 50'000; ++i) {
        // Up to 40 bytes, half of them letters, so that the 8-byte plain-run scan meets
        // special bytes at every position of a word.
        std::string s(rng() % 40, '\0');
        for (char& c : s) {
            const auto pick = rng() % 8;
            c = static_cast<char>(pick < 4   ? 'a' + rng() % 26
                                  : pick < 5 ? rng() % 256
                                             : alphabet[rng() % sizeof alphabet]);
        }
        std::string got;
        writer.append_string(got, s);
        const std::string expected = oracle_dump(nlohmann::json(s));
        if (got != expected && mismatches++ == 0) {
            first_mismatch =
                nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
        }
    }
    EXPECT_EQ(mismatches, 0) << "first input (ASCII-escaped): " << first_mismatch;
}

// Falco 0.39 to 0.43 call dump() with its default, strict handler
// (docs/spec/0.41-0.43.md#json.utf8.fatal): the same random strings either print the same or
// throw the same type_error 316 text.
TEST(nlohmann_string_differential, random_bytes_match_nlohmann_strict) {
    const unsigned char alphabet[] = {'a',  '"',  0x1b, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
                                      0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xed,
                                      0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff, '('};
    std::mt19937_64 rng(11);
    const nlohmann_writer writer(nlohmann_writer::utf8_errors::strict);
    int mismatches = 0;
    int throws = 0;
    std::string first_mismatch;
    for (int i = 0; i < 50'000; ++i) {
        std::string s(rng() % 24, '\0');
        for (char& c : s) {
            c = static_cast<char>(rng() % 3 == 0 ? alphabet[rng() % sizeof alphabet]
                                                 : 'a' + rng() % 26);
        }
        std::string got;
        try {
            writer.append_string(got, s);
        } catch (const nlohmann_writer::invalid_utf8& e) {
            got = e.what();
        }
        std::string expected;
        try {
            expected = nlohmann::json(s).dump();
        } catch (const nlohmann::json::type_error& e) {
            expected = e.what();
            ++throws;
        }
        if (got != expected && mismatches++ == 0) {
            first_mismatch = expected + " vs " + got;
        }
    }
    EXPECT_EQ(mismatches, 0) << "first: " << first_mismatch;
    EXPECT_GT(throws, 1000);  // the inputs do reach both error paths
}

#else

TEST(grisu2_differential, random_doubles_match_nlohmann) {
    GTEST_SKIP() << "nlohmann/json.hpp not installed (apt-get install nlohmann-json3-dev)";
}

#endif

}  // namespace
}  // namespace falco_ref
