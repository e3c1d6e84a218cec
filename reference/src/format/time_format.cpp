// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/time_format.hpp"

#include <chrono>

namespace falco_ref {
namespace {

constexpr std::uint64_t k_ns_per_s = 1'000'000'000;
constexpr std::uint64_t k_s_per_day = 86'400;

// Writes v as exactly `width` decimal digits (v < 10^width) at `at`. The callers build a
// whole timestamp in a local array and append it once: a std::string append per field cost
// a measurable share of the text formatting (bench/RESULTS.md section 4).
void put_digits(char* at, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
        at[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
}

constexpr std::size_t k_hms_ns_size = 18;  // HH:MM:SS.nnnnnnnnn

// HH:MM:SS.nnnnnnnnn of a second within a day, at `at`.
void put_hms_ns(char* at, std::uint64_t second_of_day, std::uint64_t nsec) {
    put_digits(at, second_of_day / 3600, 2);
    at[2] = ':';
    put_digits(at + 3, second_of_day % 3600 / 60, 2);
    at[5] = ':';
    put_digits(at + 6, second_of_day % 60, 2);
    at[8] = '.';
    put_digits(at + 9, nsec, 9);
}

// YYYY-MM-DDTHH:MM:SS.nnnnnnnnn in UTC, what gmtime + "%FT%T" + ".%09u" give.
void append_utc_date_time(std::string& out, std::int64_t ns) {
    const auto unsigned_ns = static_cast<std::uint64_t>(ns);
    const std::uint64_t sec = unsigned_ns / k_ns_per_s;
    const std::chrono::sys_days day{std::chrono::days{static_cast<int>(sec / k_s_per_day)}};
    const std::chrono::year_month_day ymd{day};
    char text[11 + k_hms_ns_size];
    put_digits(text, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
    text[4] = '-';
    put_digits(text + 5, static_cast<unsigned>(ymd.month()), 2);
    text[7] = '-';
    put_digits(text + 8, static_cast<unsigned>(ymd.day()), 2);
    text[10] = 'T';
    put_hms_ns(text + 11, sec % k_s_per_day, unsigned_ns % k_ns_per_s);
    out.append(text, sizeof text);
}

}  // namespace

void append_clock_time(std::string& out, std::int64_t ns, std::int32_t offset_seconds) {
    const auto unsigned_ns = static_cast<std::uint64_t>(ns);
    const std::uint64_t sec = unsigned_ns / k_ns_per_s;
    // libsinsp adds the int32 offset to a uint64 second count, so a negative offset before
    // the epoch's first day wraps around 2^64 rather than going negative; kept on purpose.
    const std::uint64_t second_of_day =
        (sec + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset_seconds))) % k_s_per_day;
    char text[k_hms_ns_size];
    put_hms_ns(text, second_of_day, unsigned_ns % k_ns_per_s);
    out.append(text, sizeof text);
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
