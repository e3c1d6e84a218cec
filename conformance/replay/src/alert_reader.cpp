// SPDX-License-Identifier: Apache-2.0
#include "alert_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <array>
#include <cctype>
#include <limits>

namespace replay {

namespace {

constexpr std::array<std::string_view, 8> k_priorities = {
    "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// RapidJSON 1.1.0 (Debian 12) rejects a high surrogate without its low half but accepts a lone
// low surrogate escape; the contract calls every lone surrogate invalid, so scan the escapes.
bool has_lone_surrogate(std::string_view line) {
    bool pending_high = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '\\' || i + 1 >= line.size()) {
            if (pending_high) {
                return true;
            }
            continue;
        }
        if (line[i + 1] != 'u') {
            if (pending_high) {
                return true;
            }
            ++i;
            continue;
        }
        if (i + 5 >= line.size()) {
            return false;  // truncated escape: the parser reports it
        }
        unsigned cp = 0;
        for (std::size_t k = i + 2; k < i + 6; ++k) {
            const int h = hex_value(line[k]);
            if (h < 0) {
                return false;  // malformed escape: the parser reports it
            }
            cp = cp * 16 + static_cast<unsigned>(h);
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            if (!pending_high) {
                return true;
            }
            pending_high = false;
        } else if (pending_high) {
            return true;
        } else if (cp >= 0xD800 && cp <= 0xDBFF) {
            pending_high = true;
        }
        i += 5;
    }
    return pending_high;
}

replay_value to_value(const rapidjson::Value& v) {
    replay_value out;
    if (v.IsNull()) {
        out.what = replay_value::kind::null;
    } else if (v.IsBool()) {
        out.what = replay_value::kind::boolean;
        out.boolean = v.GetBool();
    } else if (v.IsInt64()) {
        out.what = replay_value::kind::int64;
        out.int64 = v.GetInt64();
    } else if (v.IsUint64()) {
        out.what = replay_value::kind::uint64;
        out.uint64 = v.GetUint64();
    } else if (v.IsNumber()) {
        out.what = replay_value::kind::floating;
        out.floating = v.GetDouble();
    } else if (v.IsString()) {
        out.what = replay_value::kind::string;
        out.text.assign(v.GetString(), v.GetStringLength());
    } else if (v.IsArray()) {
        out.what = replay_value::kind::array;
        for (const auto& item : v.GetArray()) {
            out.items.push_back(to_value(item));
        }
    } else {
        // Objects are not a libsinsp field type; keep the kind honest rather than guess.
        out.what = replay_value::kind::null;
        out.text = "<object>";
    }
    return out;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& value) {
    if (pos + n > s.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::string alert_reader::canonical_priority(std::string_view written) {
    if (iequals(written, "info")) {
        return "Informational";
    }
    for (const auto p : k_priorities) {
        if (iequals(written, p)) {
            return std::string(p);
        }
    }
    return "";
}

bool alert_reader::parse_rfc3339(std::string_view s, std::uint64_t& ns) {
    int year, month, day, hour, minute, second;
    if (!digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, month) ||
        s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' ||
        !digits(s, 17, 2, second)) {
        return false;
    }
    static constexpr int k_days_in_month[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > k_days_in_month[month - 1] ||
        (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 60) {
        return false;
    }
    std::size_t pos = 19;
    std::uint64_t fraction = 0;
    if (pos < s.size() && s[pos] == '.') {
        std::size_t n = 0;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (++n > 9) {
                return false;
            }
            fraction = fraction * 10 + static_cast<std::uint64_t>(s[pos] - '0');
            ++pos;
        }
        if (n == 0) {
            return false;
        }
        for (; n < 9; ++n) {
            fraction *= 10;
        }
    }
    std::int64_t offset_s = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
            return false;
        }
        offset_s = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return false;
    }
    if (pos != s.size()) {
        return false;
    }
    const std::int64_t secs =
        days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
        hour * 3600 + minute * 60 + second - offset_s;
    constexpr std::int64_t k_max_secs = std::numeric_limits<std::int64_t>::max() / 1000000000;
    if (secs < 0 || secs > k_max_secs) {
        return false;
    }
    const auto total = static_cast<unsigned __int128>(secs) * 1000000000u + fraction;
    if (total >= (static_cast<unsigned __int128>(1) << 63)) {
        return false;
    }
    ns = static_cast<std::uint64_t>(total);
    return true;
}

alert_reader::result alert_reader::read(std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
        return blank{};
    }
    // A raw NUL is never valid JSON text (strings escape it, whitespace excludes it), but
    // RapidJSON's stream treats it as the end of input and would accept `{...}<NUL>junk`.
    if (line.find('\0') != std::string_view::npos) {
        return std::string("a NUL byte in the line (JSON text escapes NUL as \\u0000)");
    }
    if (has_lone_surrogate(line)) {
        return std::string("lone surrogate escape");
    }
    rapidjson::Document doc;
    // Default precision: RapidJSON 1.1.0's full-precision path is undefined behaviour for long
    // mantissas (clz(0) in internal/diyfp.h), and floating-point fields are not replayable
    // anyway (they are reported not applicable, docs/REAL-FALCO.md).
    doc.Parse(line.data(), line.size());
    if (doc.HasParseError()) {
        return std::string("not JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
               " at offset " + std::to_string(doc.GetErrorOffset());
    }
    if (!doc.IsObject()) {
        return std::string("not a JSON object");
    }
    replay_alert a;
    const auto member = [&](const char* name) -> const rapidjson::Value* {
        const auto it = doc.FindMember(name);
        return it == doc.MemberEnd() ? nullptr : &it->value;
    };
    const auto* time = member("time");
    if (!time) {
        return std::string("missing key 'time'");
    }
    if (time->IsInt64() && time->GetInt64() >= 0) {
        a.time_ns = static_cast<std::uint64_t>(time->GetInt64());
    } else if (time->IsString()) {
        if (!parse_rfc3339({time->GetString(), time->GetStringLength()}, a.time_ns)) {
            return std::string("'time' is not an RFC 3339 time in range");
        }
    } else {
        return std::string("'time' must be an integer (0 <= t < 2^63) or an RFC 3339 string");
    }
    const auto* rule = member("rule");
    if (!rule) {
        return std::string("missing key 'rule'");
    }
    if (!rule->IsString()) {
        return std::string("'rule' must be a string");
    }
    a.rule.assign(rule->GetString(), rule->GetStringLength());
    const auto* priority = member("priority");
    if (!priority) {
        return std::string("missing key 'priority'");
    }
    if (!priority->IsString()) {
        return std::string("'priority' must be a string");
    }
    a.priority = canonical_priority({priority->GetString(), priority->GetStringLength()});
    if (a.priority.empty()) {
        return "unknown priority '" + std::string(priority->GetString()) + "'";
    }
    if (const auto* source = member("source")) {
        if (!source->IsString()) {
            return std::string("'source' must be a string");
        }
        a.source.assign(source->GetString(), source->GetStringLength());
    }
    if (const auto* tags = member("tags")) {
        if (!tags->IsArray()) {
            return std::string("'tags' must be an array of strings");
        }
        for (const auto& t : tags->GetArray()) {
            if (!t.IsString()) {
                return std::string("'tags' must be an array of strings");
            }
            a.tags.emplace_back(t.GetString(), t.GetStringLength());
        }
    }
    const auto* message = member("message");
    if (!message) {
        return std::string("missing key 'message'");
    }
    if (!message->IsString()) {
        return std::string("'message' must be a string");
    }
    a.message.assign(message->GetString(), message->GetStringLength());
    if (const auto* fields = member("output_fields")) {
        if (!fields->IsObject()) {
            return std::string("'output_fields' must be an object");
        }
        for (const auto& m : fields->GetObject()) {
            a.output_fields.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()),
                                         to_value(m.value));
        }
    }
    if (const auto* tmpl = member("output_template")) {
        if (!tmpl->IsString()) {
            return std::string("'output_template' must be a string");
        }
        a.output_template.emplace(tmpl->GetString(), tmpl->GetStringLength());
    }
    return a;
}

}  // namespace replay
