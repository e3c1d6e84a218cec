// SPDX-License-Identifier: Apache-2.0
// A JSON parser specialised for one alert line (conformance/PROTOCOL.md section 2): one pass,
// values stored straight into the reused alert, strings without escapes never copied twice.
//
// It accepts and rejects exactly what the reference's previous parser did, RapidJSON 1.1.0's
// iterative SAX reader without encoding validation, plus that parser's own checks; that parser
// is kept as a test oracle (reference/tests/oracle/rapidjson_alert_parser.cpp) and the
// differential test and fuzzer hold the two to the same accept/reject decisions, the same
// alerts and the same error offsets. The RapidJSON rules followed here are cited as
// "reader.h" (rapidjson 1.1.0, include/rapidjson/reader.h):
// - whitespace is space, \t, \n, \r only (SkipWhitespace);
// - a string may hold any byte >= 0x20 except '"' and '\\', kept as is (no UTF-8 check); a raw
//   byte < 0x20 is an error at its offset (ParseStringToStream);
// - escapes \" \\ \/ \b \f \n \r \t \uXXXX; a high surrogate must be followed by \u and a low
//   one, a lone low surrogate is encoded like a character (rejected afterwards, below); every
//   escape error is reported at the offset of the escape's backslash;
// - numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; RapidJSON also rejects, as "too
//   big", an integer part it accumulates past DBL_MAX/10 and a positive exponent above
//   308 + (fraction digits it counted) (ParseNumber; emulated by rapidjson_accumulate and
//   rapidjson_exponent_too_big);
// - errors are reported at the offset of the offending byte (the end of the line when it ends
//   too early), "too big" numbers at the number's start.
#include "falco_ref/alert_parser.hpp"

#include <emmintrin.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "falco_ref/alert_values.hpp"

namespace falco_ref {
namespace {

// Objects and arrays (the alert included) nested deeper than this are rejected. It also bounds
// the recursion of this parser: 512 frames of a few hundred bytes.
constexpr std::size_t k_max_depth = 512;

// Storage kept from one line to the next so that a steady stream of alerts allocates nothing:
// the unescaped text of a key and of a string value, and the map nodes of the previous
// alert's output_fields, whose keys and string values keep their capacity.
struct parse_scratch {
    // More spare nodes than this are freed (an exceptionally wide alert is not kept around).
    static constexpr std::size_t k_max_spare_nodes = 256;

    std::string key_text;
    std::string value_text;
    std::vector<json_value::object::node_type> spare_nodes;

    // Removes the members of `obj` from `from` on, keeping their nodes for reuse.
    void recycle_from(json_value::object& obj, json_value::object::iterator from) {
        while (from != obj.end()) {
            auto node = obj.extract(from++);
            if (spare_nodes.size() < k_max_spare_nodes) {
                spare_nodes.push_back(std::move(node));
            }
        }
    }
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A byte that cannot start a value: the parser expected one and found this (or the end).
bool is_structural(char c) {
    return c == '}' || c == ']' || c == ',' || c == ':';
}

// Appends `cp` as UTF-8 (1 to 4 bytes; a surrogate code point is encoded like any other).
void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 2);
    } else if (cp < 0x10000) {
        const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 3);
    } else {
        const char b[4] = {
            static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
            static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 4);
    }
}

// RapidJSON's "number too big" rules (reader.h, ParseNumber). The integer part (its digits
// without sign) is accumulated in 64 bits while it fits (magnitude <= 2^63 when negative,
// <= 2^64-1 otherwise), then in a double, which must stay below DBL_MAX / 10 before each
// further digit. `value` is what fitted in 64 bits; true when the rest went into the double.
struct rapidjson_integer {
    std::uint64_t value = 0;
    bool as_double = false;
    bool too_big = false;
};

rapidjson_integer rapidjson_accumulate(bool minus, std::string_view digits) {
    const std::uint64_t limit = minus ? 0x0CCCCCCCCCCCCCCCu : 0x1999999999999999u;
    const char last = minus ? '8' : '5';
    rapidjson_integer r;
    std::size_t k = 0;
    for (; k < digits.size(); ++k) {
        const char c = digits[k];
        if (r.value >= limit && (r.value != limit || c > last)) {
            break;
        }
        r.value = r.value * 10 + static_cast<unsigned>(c - '0');
    }
    r.as_double = k < digits.size();
    double d = static_cast<double>(r.value);
    for (; k < digits.size(); ++k) {
        if (d >= 1.7976931348623157e307) {
            r.too_big = true;
            break;
        }
        d = d * 10 + (digits[k] - '0');
    }
    return r;
}

// A positive exponent (its digits) may not exceed 308 + the fraction digits RapidJSON counted:
// all of them while its 64-bit significand stays below 2^53, then while it has fewer than 17
// significant digits (none when the integer part was already a double). The first exponent
// digit is never checked.
bool rapidjson_exponent_too_big(bool minus, std::string_view int_digits,
                                std::string_view frac_digits, std::string_view exp_digits) {
    const rapidjson_integer integer = rapidjson_accumulate(minus, int_digits);
    int exp_frac = 0;
    if (!integer.as_double) {
        int significant = int_digits == "0" ? 0 : static_cast<int>(int_digits.size()) - 1;
        std::uint64_t s = integer.value;
        for (const char c : frac_digits) {
            if (s <= 0x1FFFFFFFFFFFFFu) {
                s = s * 10 + static_cast<unsigned>(c - '0');
                --exp_frac;
                if (s != 0) {
                    ++significant;
                }
            } else if (significant < 17) {
                --exp_frac;
                ++significant;
            }
        }
    }
    const long max_exp = 308L - exp_frac;
    long exp = exp_digits[0] - '0';
    for (std::size_t i = 1; i < exp_digits.size(); ++i) {
        exp = exp * 10 + (exp_digits[i] - '0');
        if (exp > max_exp) {
            return true;
        }
    }
    return false;
}

// The top-level keys of the contract; any other key's value is checked as JSON and ignored.
enum class alert_key { time, rule, priority, source, tags, message, output_fields };

// nullopt for a key of no meaning to the contract.
std::optional<alert_key> classify(std::string_view name) {
    switch (name.size()) {
        case 4:
            if (name == "time") {
                return alert_key::time;
            }
            if (name == "rule") {
                return alert_key::rule;
            }
            return name == "tags" ? std::optional(alert_key::tags) : std::nullopt;
        case 6:
            return name == "source" ? std::optional(alert_key::source) : std::nullopt;
        case 7:
            return name == "message" ? std::optional(alert_key::message) : std::nullopt;
        case 8:
            return name == "priority" ? std::optional(alert_key::priority) : std::nullopt;
        case 13:
            return name == "output_fields" ? std::optional(alert_key::output_fields) : std::nullopt;
        default:
            return std::nullopt;
    }
}

// A scalar JSON value just read (strings point into the line or into the scratch).
struct scalar {
    enum class kind { null, boolean, number, string } k;
    bool b = false;
    json_number n;
    std::string_view text;
};

// One parse of one line into `out`. Every method returns false once the line is rejected; the
// first reason found is the one reported, in the order RapidJSON's events came: a value is
// read completely before it is checked, a container is checked at its opening bracket.
class line_parser {
public:
    line_parser(const profile& prof, bool keep_fields, std::string_view line, alert& out,
                std::string& error, parse_scratch& scratch)
        : prof_(prof),
          keep_fields_(keep_fields),
          begin_(line.data()),
          p_(line.data()),
          end_(line.data() + line.size()),
          out_(out),
          error_(error),
          scratch_(scratch) {}

    bool run() {
        skip_space();
        if (p_ == end_ || is_structural(*p_)) {
            return json_error(p_, "no JSON value");
        }
        if (*p_ == '{') {
            if (!enter() || !alert_object()) {
                return false;
            }
        } else if (*p_ == '[') {
            return fail("not a JSON object");
        } else {
            scalar v;
            return read_scalar(v) && fail("not a JSON object");
        }
        skip_space();
        if (p_ != end_) {
            return json_error(p_, "more content after the JSON object");
        }
        out_.tags.resize(tags_used_);
        if (!fields_seen_) {
            scratch_.recycle_from(out_.output_fields, out_.output_fields.begin());
        }
        if (lone_low_surrogate_) {
            return json_error(lone_low_surrogate_,
                              "lone low surrogate escape (\\uDC00-\\uDFFF without a preceding "
                              "high half)");
        }
        if (!seen_time_) {
            return fail("missing key \"time\"");
        }
        if (!seen_rule_) {
            return fail("missing key \"rule\"");
        }
        if (!seen_priority_) {
            return fail("missing key \"priority\"");
        }
        if (!seen_message_) {
            return fail("missing key \"message\"");
        }
        return true;
    }

private:
    // ---- errors and nesting

    bool fail(std::string reason) {
        error_ = std::move(reason);
        return false;
    }

    bool json_error(const char* at, const char* what) {
        return fail("invalid JSON at offset " + std::to_string(at - begin_) + ": " + what);
    }

    bool enter() {
        if (++depth_ > k_max_depth) {
            return fail("nesting deeper than " + std::to_string(k_max_depth) + " levels");
        }
        return true;
    }

    bool fail_time() {
        return fail("\"time\" must be an integer (0 <= t < 2^63) or an RFC 3339 string");
    }

    bool fail_tags() { return fail("\"tags\" must be an array of strings"); }

    // The value of the known key `name` (classified as `k`) has the wrong JSON type.
    bool fail_type(alert_key k, std::string_view name) {
        switch (k) {
            case alert_key::time:
                return fail_time();
            case alert_key::tags:
                return fail_tags();
            case alert_key::output_fields:
                return fail("\"output_fields\" must be an object");
            case alert_key::rule:
            case alert_key::priority:
            case alert_key::source:
            case alert_key::message:
                break;
        }
        return fail("\"" + std::string(name) + "\" must be a string");
    }

    // ---- lexical level

    void skip_space() {
        while (p_ != end_ && is_space(*p_)) {
            ++p_;
        }
    }

    // The first byte at or after `q` that ends a run of plain string bytes: '"', '\\', a byte
    // < 0x20, or the end of the line. SSE2 is part of x86-64.
    const char* scan_plain(const char* q) const {
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i control_max = _mm_set1_epi8(0x1F);
        while (end_ - q >= 16) {
            const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
            const __m128i special =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(s, quote), _mm_cmpeq_epi8(s, backslash)),
                             _mm_cmpeq_epi8(_mm_max_epu8(s, control_max), control_max));
            const int mask = _mm_movemask_epi8(special);
            if (mask != 0) {
                return q + __builtin_ctz(static_cast<unsigned>(mask));
            }
            q += 16;
        }
        while (q != end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20) {
            ++q;
        }
        return q;
    }

    // Four hex digits at `q` (fewer bytes left: not hex).
    bool hex4(const char* q, unsigned& cp) const {
        if (end_ - q < 4) {
            return false;
        }
        cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = q[i];
            const int d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
            if (d < 0) {
                return false;
            }
            cp = cp * 16 + static_cast<unsigned>(d);
        }
        return true;
    }

    // The string at p_ (its opening quote). `text` is a view into the line when the string has
    // no escape, else into `buffer`, which receives the unescaped bytes.
    bool read_string(std::string& buffer, std::string_view& text) {
        const char* const start = p_ + 1;
        const char* q = scan_plain(start);
        if (q != end_ && *q == '"') [[likely]] {
            text = std::string_view(start, static_cast<std::size_t>(q - start));
            p_ = q + 1;
            return true;
        }
        return read_escaped_string(start, q, buffer, text);
    }

    // The rest of read_string from `q`, the first escape, raw control byte or end of line.
    [[gnu::noinline]] bool read_escaped_string(const char* start, const char* q,
                                               std::string& buffer, std::string_view& text) {
        buffer.assign(start, q);
        for (;;) {
            if (q == end_) {
                return json_error(q, "missing closing quotation mark of a string");
            }
            const char c = *q;
            if (c == '"') {
                text = buffer;
                p_ = q + 1;
                return true;
            }
            if (c != '\\') {  // a raw byte < 0x20
                return json_error(q, "raw control character in a string (must be escaped)");
            }
            if (!read_escape(q, buffer)) {
                return false;
            }
            const char* run = scan_plain(q);
            buffer.append(q, run);
            q = run;
        }
    }

    // The escape at `q` (its backslash), appended unescaped to `buffer`; `q` moves past it.
    bool read_escape(const char*& q, std::string& buffer) {
        const char* const escape = q;
        const char e = q + 1 != end_ ? q[1] : '\0';
        char plain = 0;
        switch (e) {
            case '"':
            case '\\':
            case '/':
                plain = e;
                break;
            case 'b':
                plain = '\b';
                break;
            case 'f':
                plain = '\f';
                break;
            case 'n':
                plain = '\n';
                break;
            case 'r':
                plain = '\r';
                break;
            case 't':
                plain = '\t';
                break;
            case 'u':
                break;
            default:
                return json_error(escape, "invalid escape in a string");
        }
        if (e != 'u') {
            buffer.push_back(plain);
            q += 2;
            return true;
        }
        unsigned cp = 0;
        if (!hex4(q + 2, cp)) {
            return json_error(escape, "\\u escape without four hex digits");
        }
        q += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (end_ - q < 2 || q[0] != '\\' || q[1] != 'u') {
                return json_error(escape, "high surrogate escape without its low half");
            }
            if (!hex4(q + 2, low)) {
                return json_error(escape, "\\u escape without four hex digits");
            }
            if (low < 0xDC00 || low > 0xDFFF) {
                return json_error(escape, "high surrogate escape without its low half");
            }
            q += 6;
            cp = (((cp - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF && !lone_low_surrogate_) {
            // RapidJSON accepts it; the line is rejected once it parsed (the reason then).
            lone_low_surrogate_ = escape;
        }
        append_utf8(buffer, cp);
        return true;
    }

    // The number at p_ (a byte that starts no other value).
    bool read_number(json_number& n) {
        const char* const start = p_;
        const char* q = p_;
        const bool minus = q != end_ && *q == '-';
        q += minus ? 1 : 0;
        const char* const int_begin = q;
        if (q != end_ && *q == '0') {
            ++q;
        } else if (q != end_ && *q >= '1' && *q <= '9') {
            while (++q != end_ && is_digit(*q)) {
            }
        } else {
            return json_error(q, "invalid value");
        }
        const std::string_view int_digits(int_begin, static_cast<std::size_t>(q - int_begin));
        // The double only reaches DBL_MAX / 10 after some 300 digits (it starts above 10^18).
        if (int_digits.size() > 300 && rapidjson_accumulate(minus, int_digits).too_big) {
            return json_error(start, "number too big");
        }
        std::string_view frac_digits, exp_digits;
        if (q != end_ && *q == '.') {
            const char* const frac = ++q;
            while (q != end_ && is_digit(*q)) {
                ++q;
            }
            if (q == frac) {
                return json_error(q, "number without digits after '.'");
            }
            frac_digits = std::string_view(frac, static_cast<std::size_t>(q - frac));
        }
        if (q != end_ && (*q == 'e' || *q == 'E')) {
            ++q;
            const bool exp_minus = q != end_ && *q == '-';
            q += q != end_ && (*q == '+' || *q == '-') ? 1 : 0;
            const char* const exp = q;
            while (q != end_ && is_digit(*q)) {
                ++q;
            }
            if (q == exp) {
                return json_error(q, "number without digits in its exponent");
            }
            if (!exp_minus) {
                exp_digits = std::string_view(exp, static_cast<std::size_t>(q - exp));
            }
        }
        // Short numbers (all of an alert's, as a rule) are below every RapidJSON limit.
        if (exp_digits.size() > 1 &&
            rapidjson_exponent_too_big(minus, int_digits, frac_digits, exp_digits)) {
            return json_error(start, "number too big");
        }
        p_ = q;
        if (int_digits.size() <= 19 && q == int_begin + int_digits.size()) {
            // An integer of at most 19 digits (no fraction, no exponent; 64 bits hold it
            // unsigned): the common case, converted without from_chars, with the kinds
            // convert_json_number gives.
            std::uint64_t v = 0;
            for (const char c : int_digits) {
                v = v * 10 + static_cast<unsigned>(c - '0');
            }
            constexpr std::uint64_t int64_max = 0x7FFFFFFFFFFFFFFFu;
            if (v <= int64_max) {
                n.k = json_number::kind::signed_integer;
                n.i = minus ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
                return true;
            }
            if (!minus) {
                n.k = json_number::kind::unsigned_integer;
                n.u = v;
                return true;
            }
        }
        if (!convert_json_number(std::string_view(start, static_cast<std::size_t>(q - start)), n)) {
            return json_error(q, "number not representable");
        }
        return true;
    }

    // `word` at p_, whose first byte is known to match.
    bool read_literal(std::string_view word) {
        ++p_;
        for (std::size_t i = 1; i < word.size(); ++i, ++p_) {
            if (p_ == end_ || *p_ != word[i]) {
                return json_error(p_, "invalid value");
            }
        }
        return true;
    }

    // A value at p_ that is neither an object nor an array; p_ is not at the end and not at
    // a structural byte.
    bool read_scalar(scalar& v) {
        switch (*p_) {
            case '"':
                v.k = scalar::kind::string;
                return read_string(scratch_.value_text, v.text);
            case 't':
                v.k = scalar::kind::boolean;
                v.b = true;
                return read_literal("true");
            case 'f':
                v.k = scalar::kind::boolean;
                v.b = false;
                return read_literal("false");
            case 'n':
                v.k = scalar::kind::null;
                return read_literal("null");
            default:
                v.k = scalar::kind::number;
                return read_number(v.n);
        }
    }

    // ---- structure

    // The object or array at p_ ('{' or '[', nesting already counted) up to its `close`:
    // `entry()` reads each member or element, p_ at its first byte.
    template <typename Entry>
    bool walk_container(char close, const char* after_entry, Entry&& entry) {
        ++p_;
        skip_space();
        if (p_ != end_ && *p_ == close) {
            ++p_;
            --depth_;
            return true;
        }
        for (;;) {
            if (!entry()) {
                return false;
            }
            skip_space();
            if (p_ != end_ && *p_ == ',') {
                ++p_;
                skip_space();
                continue;
            }
            if (p_ != end_ && *p_ == close) {
                ++p_;
                --depth_;
                return true;
            }
            return json_error(p_, after_entry);
        }
    }

    // A value must start at p_.
    bool value_follows() {
        if (p_ == end_ || is_structural(*p_)) {
            return json_error(p_, "expected a value");
        }
        return true;
    }

    // The object at p_: `member(name)` reads each member's value, p_ at its first byte, which
    // is known to start a value.
    template <typename Member>
    bool walk_object(Member&& member) {
        return walk_container('}', "expected ',' or '}' after an object member", [&] {
            if (p_ == end_ || *p_ != '"') {
                return json_error(p_, "expected a member name (a string)");
            }
            std::string_view name;
            if (!read_string(scratch_.key_text, name)) {
                return false;
            }
            skip_space();
            if (p_ == end_ || *p_ != ':') {
                return json_error(p_, "expected ':' after a member name");
            }
            ++p_;
            skip_space();
            return value_follows() && member(name);
        });
    }

    // The array at p_: `element()` reads each element, p_ at its first byte, which is known
    // to start a value.
    template <typename Element>
    bool walk_array(Element&& element) {
        return walk_container(']', "expected ',' or ']' after an array element",
                              [&] { return value_follows() && element(); });
    }

    // Any value, checked and dropped (the value of an unknown key).
    bool skip_value() {
        if (*p_ == '{') {
            return enter() && walk_object([this](std::string_view) { return skip_value(); });
        }
        if (*p_ == '[') {
            return enter() && walk_array([this] { return skip_value(); });
        }
        scalar v;
        return read_scalar(v);
    }

    // The alert object at p_.
    bool alert_object() {
        return walk_object([this](std::string_view name) { return alert_member(name); });
    }

    bool alert_member(std::string_view name) {
        const std::optional<alert_key> k = classify(name);
        if (!k) {
            return skip_value();
        }
        if (*p_ == '{') {
            if (*k != alert_key::output_fields) {
                return fail_type(*k, name);
            }
            ++depth_;  // the second level: within k_max_depth by construction
            if (!keep_fields_) {
                return walk_object([this](std::string_view) { return skip_value(); });
            }
            return output_fields_object();
        }
        if (*p_ == '[') {
            if (*k != alert_key::tags) {
                return fail_type(*k, name);
            }
            ++depth_;        // the second level, as above
            tags_used_ = 0;  // a repeated key: the last one wins
            return walk_array([this] { return tag(); });
        }
        scalar v;
        if (!read_scalar(v)) {
            return false;
        }
        if (v.k == scalar::kind::string) {
            return alert_string(*k, name, v.text);
        }
        if (*k == alert_key::time && v.k == scalar::kind::number &&
            v.n.k == json_number::kind::signed_integer && v.n.i >= 0) {
            out_.time_ns = v.n.i;
            seen_time_ = true;
            return true;
        }
        return fail_type(*k, name);
    }

    bool alert_string(alert_key k, std::string_view name, std::string_view text) {
        switch (k) {
            case alert_key::time:
                if (!parse_rfc3339(text, out_.time_ns)) {
                    return fail_time();
                }
                seen_time_ = true;
                break;
            case alert_key::rule:
                out_.rule.assign(text);
                seen_rule_ = true;
                break;
            case alert_key::priority: {
                const auto p = parse_rule_priority(prof_, text);
                if (!p) {
                    return fail("\"priority\" is not a known priority name");
                }
                out_.prio = *p;
                out_.priority_text.assign(text);
                seen_priority_ = true;
                break;
            }
            case alert_key::source:
                out_.source.assign(text);
                break;
            case alert_key::message:
                out_.message.assign(text);
                seen_message_ = true;
                break;
            case alert_key::tags:
            case alert_key::output_fields:
                return fail_type(k, name);
        }
        return true;
    }

    // One element of "tags" (a string; the alert's previous tag strings are reused).
    bool tag() {
        if (*p_ == '{' || *p_ == '[') {
            return enter() && fail_tags();
        }
        scalar v;
        if (!read_scalar(v)) {
            return false;
        }
        if (v.k != scalar::kind::string) {
            return fail_tags();
        }
        if (tags_used_ < out_.tags.size()) {
            out_.tags[tags_used_].assign(v.text);
        } else {
            out_.tags.emplace_back(v.text);
        }
        ++tags_used_;
        return true;
    }

    // The members of "output_fields" (a repeated key: the last one wins). Falco's alerts of
    // one rule carry the same fields, so the previous alert's members are overwritten in place
    // while the names come in the same order; from the first other name on, the rest of them
    // are recycled and the members inserted as they come.
    bool output_fields_object() {
        fields_seen_ = true;
        json_value::object& fields = out_.output_fields;
        auto next = fields.begin();
        bool in_step = true;
        const bool ok = walk_object([&](std::string_view field) {
            if (in_step) {
                if (next != fields.end() && next->first == field) {
                    return field_value((next++)->second);
                }
                scratch_.recycle_from(fields, next);
                in_step = false;
            }
            return field_value(field_slot(fields, field, true));
        });
        if (ok && in_step) {
            scratch_.recycle_from(fields, next);  // fewer members than before
        }
        return ok;
    }

    // The value slot of member `name` in `obj` (a repeated key: the existing slot, whose
    // value is replaced, as with std::map::insert_or_assign). Members of output_fields itself
    // (`reuse_nodes`) take the previous alert's map nodes.
    json_value& field_slot(json_value::object& obj, std::string_view name, bool reuse_nodes) {
        // Falco's fields (and the contract lines written from them) come sorted by name, so a
        // new key usually goes last: one comparison instead of a search from the root.
        auto at = obj.end();
        if (!obj.empty() && std::string_view(obj.rbegin()->first) >= name) {
            std::string& key = scratch_.key_text;
            if (name.data() != key.data()) {
                key.assign(name);
            }
            at = obj.lower_bound(key);
            if (at != obj.end() && at->first == key) {
                return at->second;
            }
        }
        auto& spare = scratch_.spare_nodes;
        if (reuse_nodes && !spare.empty()) {
            json_value::object::node_type node = std::move(spare.back());
            spare.pop_back();
            node.key().assign(name);
            return obj.insert(at, std::move(node))->second;
        }
        return obj
            .emplace_hint(at, std::piecewise_construct, std::forward_as_tuple(name), std::tuple<>())
            ->second;
    }

    // A value inside output_fields, stored into `slot` with the kind it has.
    bool field_value(json_value& slot) {
        if (*p_ == '{') {
            if (!enter()) {
                return false;
            }
            slot = json_value(json_value::object{});
            auto& obj = std::get<json_value::object>(slot.get());
            return walk_object([this, &obj](std::string_view name) {
                return field_value(field_slot(obj, name, false));
            });
        }
        if (*p_ == '[') {
            if (!enter()) {
                return false;
            }
            slot = json_value(json_value::array{});
            auto& arr = std::get<json_value::array>(slot.get());
            return walk_array([this, &arr] { return field_value(arr.emplace_back()); });
        }
        scalar v;
        if (!read_scalar(v)) {
            return false;
        }
        switch (v.k) {
            case scalar::kind::string:
                if (auto* str = std::get_if<std::string>(&slot.get())) {
                    str->assign(v.text);  // a recycled node's string keeps its capacity
                } else {
                    slot = json_value(std::string(v.text));
                }
                break;
            case scalar::kind::null:
                slot = json_value(nullptr);
                break;
            case scalar::kind::boolean:
                slot = json_value(v.b);
                break;
            case scalar::kind::number:
                switch (v.n.k) {
                    case json_number::kind::signed_integer:
                        slot = json_value(v.n.i);
                        break;
                    case json_number::kind::unsigned_integer:
                        slot = json_value(v.n.u);
                        break;
                    case json_number::kind::floating_point:
                        slot = json_value(v.n.d);
                        break;
                }
                break;
        }
        return true;
    }

    const profile& prof_;
    const bool keep_fields_;
    const char* const begin_;
    const char* p_;
    const char* const end_;
    alert& out_;
    std::string& error_;
    parse_scratch& scratch_;
    std::size_t depth_ = 0;
    std::size_t tags_used_ = 0;  // tags of this alert so far (out_.tags may hold more)
    const char* lone_low_surrogate_ = nullptr;  // the first one's backslash
    bool seen_time_ = false, seen_rule_ = false, seen_priority_ = false, seen_message_ = false;
    bool fields_seen_ = false;  // an "output_fields" object was stored
};

}  // namespace

bool alert_parser::parse(std::string_view line, alert& out, std::string& error) const {
    thread_local parse_scratch scratch;
    out.source = "syscall";
    if (line_parser(prof_, fields_ == fields::keep, line, out, error, scratch).run()) {
        return true;
    }
    // A raw NUL makes any line invalid JSON (outside a string it starts no token, inside one
    // it is a control character, RFC 8259 section 7), so only a rejected line can hold one.
    // It is then the reason given, wherever it is, as the previous parser did (it needed a
    // NUL-terminated copy of the line).
    if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
        error = "invalid JSON at offset " +
                std::to_string(static_cast<const char*>(nul) - line.data()) +
                ": raw NUL byte (must be escaped as \\u0000)";
    }
    return false;
}

}  // namespace falco_ref
