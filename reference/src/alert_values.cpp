// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/alert_values.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <system_error>

namespace falco_ref {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
    if (pos + count > s.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

// True when the exponent of a JSON number is negative (an underflow, not an overflow).
bool has_negative_exponent(std::string_view s) {
    const auto e = s.find_first_of("eE");
    return e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
}

}  // namespace

// Rule priorities are parsed differently by profile (0.44:
// falco@0.44.1:userspace/engine/falco_common.cpp:25-37; legacy: a Lua pattern,
// falco@0.15.3:userspace/engine/lua/rule_loader.lua:62-72).
std::optional<priority> parse_rule_priority(const profile& prof, std::string_view text) {
    return prof.priority_lua_pattern ? parse_priority_pattern(text) : parse_priority(text);
}

bool parse_rfc3339(std::string_view s, std::int64_t& ns) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) ||
        s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
        !digits(s, 17, 2, second)) {
        return false;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) {
        return false;
    }
    std::size_t pos = 19;
    std::int64_t fraction = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (++n > 9) {
                return false;
            }
            fraction = fraction * 10 + (s[pos++] - '0');
        }
        if (n == 0) {
            return false;
        }
        for (; n < 9; ++n) {
            fraction *= 10;
        }
    }
    int offset_seconds = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
            return false;
        }
        offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos += 6;
    } else {
        return false;
    }
    if (pos != s.size()) {
        return false;
    }
    const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
    const __int128 seconds =
        static_cast<__int128>(days) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
    const __int128 total = seconds * 1'000'000'000 + fraction;
    if (total < 0 || total > std::numeric_limits<std::int64_t>::max()) {
        return false;
    }
    ns = static_cast<std::int64_t>(total);
    return true;
}

// std::from_chars is exact for every length: RapidJSON 1.1.0's own full-precision path returns
// wrong values for mantissas of more than about 20 digits (e.g. 184467440737095516156854775809.0
// came back as 2^96), which is why numbers are converted here and not by a JSON library.
bool convert_json_number(std::string_view text, json_number& out) {
    const char* s = text.data();
    const char* end = s + text.size();
    if (text.find_first_of(".eE") == std::string_view::npos) {
        if (std::from_chars(s, end, out.i).ec == std::errc()) {
            out.k = json_number::kind::signed_integer;
            return true;
        }
        if (std::from_chars(s, end, out.u).ec == std::errc()) {
            out.k = json_number::kind::unsigned_integer;
            return true;
        }
    }
    // Integers beyond 64 bits become doubles, as in nlohmann's parser. from_chars gives the
    // nearest double and ec = result_out_of_range for huge and tiny exponents.
    const auto [ptr, ec] = std::from_chars(s, end, out.d);
    if (ptr != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        return false;
    }
    if (ec == std::errc::result_out_of_range) {
        out.d = (s[0] == '-' ? -1.0 : 1.0) *
                (has_negative_exponent(text) ? 0.0 : std::numeric_limits<double>::infinity());
    }
    out.k = json_number::kind::floating_point;
    return true;
}

}  // namespace falco_ref
