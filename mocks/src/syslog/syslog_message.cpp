// SPDX-License-Identifier: Apache-2.0
#include "syslog_message.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace mocks {
namespace {

// Parse failures unwind to parse(), which turns them into a "malformed" message.
struct parse_failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

bool digits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

long to_long(std::string_view s) {
    long v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// "<PRI>": 1 to 3 digits, at most 191 (facility 23, severity 7; RFC 5424 section 6.2.1).
int take_pri(std::string_view& s) {
    if (s.empty() || s[0] != '<') {
        throw parse_failure("missing <PRI>");
    }
    const auto close = s.find('>');
    if (close == std::string_view::npos || close < 2 || close > 4 ||
        !digits(s.substr(1, close - 1))) {
        throw parse_failure("bad <PRI>");
    }
    const long pri = to_long(s.substr(1, close - 1));
    if (pri > 191) {
        throw parse_failure("PRI out of range (0..191)");
    }
    s.remove_prefix(close + 1);
    return static_cast<int>(pri);
}

// "Mmm dd hh:mm:ss", the day padded with a space (RFC 3164 section 4.1.2, glibc "%h %e %T").
bool is_bsd_timestamp(std::string_view t) {
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (t.size() != 15) {
        return false;
    }
    bool month_ok = false;
    for (auto m : months) {
        month_ok = month_ok || t.substr(0, 3) == m;
    }
    const auto d = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(t[i])); };
    return month_ok && t[3] == ' ' && (t[4] == ' ' || d(4)) && d(5) && t[6] == ' ' && d(7) &&
           d(8) && t[9] == ':' && d(10) && d(11) && t[12] == ':' && d(13) && d(14);
}

// "ident: msg" or "ident[pid]: msg".
void take_tag(std::string_view s, syslog_message& m) {
    const auto end = s.find_first_of("[: ");
    if (end == 0 || end == std::string_view::npos) {
        throw parse_failure("no 'ident:' tag");
    }
    m.ident = std::string(s.substr(0, end));
    s.remove_prefix(end);
    if (s[0] == '[') {
        const auto close = s.find(']');
        if (close == std::string_view::npos || !digits(s.substr(1, close - 1))) {
            throw parse_failure("bad [pid] after the ident");
        }
        m.pid = to_long(s.substr(1, close - 1));
        s.remove_prefix(close + 1);
    }
    if (s.empty() || s[0] != ':') {
        throw parse_failure("no ':' after the tag");
    }
    s.remove_prefix(1);
    if (!s.empty() && s[0] == ' ') {
        s.remove_prefix(1);
    }
    m.msg = std::string(s);
}

void parse_3164(std::string_view s, syslog_message& m) {
    if (s.size() < 16 || !is_bsd_timestamp(s.substr(0, 15)) || s[15] != ' ') {
        throw parse_failure("bad RFC 3164 timestamp (expected 'Mmm dd hh:mm:ss ')");
    }
    m.format = "rfc3164";
    m.timestamp = std::string(s.substr(0, 15));
    s.remove_prefix(16);
    // glibc sends no HOSTNAME on the local socket, relays do: a first word that is not itself
    // a tag ("ident:" or "ident[pid]:") is the host.
    const auto word_end = s.find(' ');
    const std::string_view word = s.substr(0, word_end);
    if (word_end != std::string_view::npos && word.find_first_of(":[") == std::string_view::npos) {
        m.host = std::string(word);
        s.remove_prefix(word_end + 1);
    }
    take_tag(s, m);
}

std::string_view take_field(std::string_view& s, const char* what) {
    const auto sp = s.find(' ');
    if (sp == std::string_view::npos || sp == 0) {
        throw parse_failure(std::string("RFC 5424: missing ") + what);
    }
    const auto field = s.substr(0, sp);
    s.remove_prefix(sp + 1);
    return field;
}

std::optional<std::string> nil_or(std::string_view field) {
    if (field == "-") {
        return std::nullopt;
    }
    return std::string(field);
}

// FULL-DATE "T" FULL-TIME (RFC 5424 section 6.2.3), shape only.
bool is_rfc3339(std::string_view t) {
    const auto d = [&](std::size_t i) {
        return i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]));
    };
    if (!(d(0) && d(1) && d(2) && d(3) && t.size() >= 20 && t[4] == '-' && d(5) && d(6) &&
          t[7] == '-' && d(8) && d(9) && t[10] == 'T' && d(11) && d(12) && t[13] == ':' && d(14) &&
          d(15) && t[16] == ':' && d(17) && d(18))) {
        return false;
    }
    std::size_t i = 19;
    if (t[i] == '.') {
        const std::size_t start = ++i;
        while (d(i)) {
            ++i;
        }
        if (i == start || i - start > 6) {
            return false;
        }
    }
    const std::string_view zone = t.substr(i);
    return zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && d(i + 1) &&
                           d(i + 2) && zone[3] == ':' && d(i + 4) && d(i + 5));
}

// "-" or one or more "[id param="value" ...]"; ']' '"' '\' are escaped inside values.
std::string_view take_structured_data(std::string_view& s) {
    if (!s.empty() && s[0] == '-') {
        s.remove_prefix(1);
        return "-";
    }
    std::size_t i = 0;
    while (i < s.size() && s[i] == '[') {
        bool quoted = false;
        for (++i; i < s.size(); ++i) {
            if (quoted && s[i] == '\\') {
                ++i;
            } else if (s[i] == '"') {
                quoted = !quoted;
            } else if (!quoted && s[i] == ']') {
                break;
            }
        }
        if (i >= s.size()) {
            throw parse_failure("RFC 5424: unterminated structured data");
        }
        ++i;
    }
    if (i == 0) {
        throw parse_failure("RFC 5424: bad structured data");
    }
    const auto sd = s.substr(0, i);
    s.remove_prefix(i);
    return sd;
}

void parse_5424(std::string_view s, syslog_message& m) {
    m.format = "rfc5424";
    s.remove_prefix(2);  // "1 "
    const auto ts = take_field(s, "TIMESTAMP");
    if (ts != "-" && !is_rfc3339(ts)) {
        throw parse_failure("RFC 5424: bad TIMESTAMP");
    }
    m.timestamp = nil_or(ts);
    m.host = nil_or(take_field(s, "HOSTNAME"));
    m.ident = nil_or(take_field(s, "APP-NAME"));
    const auto procid = take_field(s, "PROCID");
    if (digits(procid)) {
        m.pid = to_long(procid);
    }
    m.msgid = nil_or(take_field(s, "MSGID"));
    const auto sd = take_structured_data(s);
    m.structured_data = nil_or(sd);
    if (!s.empty()) {
        if (s[0] != ' ') {
            throw parse_failure("RFC 5424: no space after structured data");
        }
        s.remove_prefix(1);
    }
    m.msg = std::string(s);
}

}  // namespace

syslog_message syslog_message::parse(std::string_view raw) {
    syslog_message m;
    try {
        std::string_view s = raw;
        m.pri = take_pri(s);
        if (s.substr(0, 2) == "1 ") {
            parse_5424(s, m);
        } else {
            parse_3164(s, m);
        }
    } catch (const parse_failure& e) {
        return malformed(e.what());
    }
    return m;
}

syslog_message syslog_message::malformed(std::string error) {
    syslog_message m;
    m.format = "malformed";
    m.error = std::move(error);
    return m;
}

}  // namespace mocks
