// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/time_format.hpp"

#include <chrono>

namespace falco_ref {
namespace {

constexpr std::uint64_t k_ns_per_s = 1'000'000'000;
constexpr std::uint64_t k_s_per_day = 86'400;

// Appends v as exactly `width` decimal digits (v < 10^width).
void append_digits(std::string& out, std::uint64_t v, int width) {
    char buf[20];
    for (int i = width - 1; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    out.append(buf, static_cast<std::size_t>(width));
}

// HH:MM:SS.nnnnnnnnn of a second within a day.
void append_hms_ns(std::string& out, std::uint64_t second_of_day, std::uint64_t nsec) {
    append_digits(out, second_of_day / 3600, 2);
    out.push_back(':');
    append_digits(out, second_of_day % 3600 / 60, 2);
    out.push_back(':');
    append_digits(out, second_of_day % 60, 2);
    out.push_back('.');
    append_digits(out, nsec, 9);
}

// YYYY-MM-DDTHH:MM:SS.nnnnnnnnn in UTC, what gmtime + "%FT%T" + ".%09u" give.
void append_utc_date_time(std::string& out, std::int64_t ns) {
    const auto unsigned_ns = static_cast<std::uint64_t>(ns);
    const std::uint64_t sec = unsigned_ns / k_ns_per_s;
    const std::chrono::sys_days day{std::chrono::days{static_cast<int>(sec / k_s_per_day)}};
    const std::chrono::year_month_day ymd{day};
    append_digits(out, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
    out.push_back('-');
    append_digits(out, static_cast<unsigned>(ymd.month()), 2);
    out.push_back('-');
    append_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out.push_back('T');
    append_hms_ns(out, sec % k_s_per_day, unsigned_ns % k_ns_per_s);
}

}  // namespace

void append_clock_time(std::string& out, std::int64_t ns, std::int32_t offset_seconds) {
    const auto unsigned_ns = static_cast<std::uint64_t>(ns);
    const std::uint64_t sec = unsigned_ns / k_ns_per_s;
    // libsinsp adds the int32 offset to a uint64 second count, so a negative offset before
    // the epoch's first day wraps around 2^64 rather than going negative; kept on purpose.
    const std::uint64_t second_of_day =
        (sec + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset_seconds))) % k_s_per_day;
    append_hms_ns(out, second_of_day, unsigned_ns % k_ns_per_s);
}

void append_iso8601_time(std::string& out, std::int64_t ns) {
    append_utc_date_time(out, ns);
    out.append("+0000");
}

void append_json_time(std::string& out, std::int64_t ns) {
    append_utc_date_time(out, ns);
    out.push_back('Z');
}

}  // namespace falco_ref
