// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/nlohmann_writer.hpp"

#include <array>
#include <cmath>

#include "falco_ref/format/grisu2.hpp"
#include "falco_ref/format/json_value_walk.hpp"
#include "falco_ref/format/plain_run.hpp"
#include "falco_ref/format/utf8_sequence.hpp"

namespace falco_ref {
namespace {

// What nlohmann does with each byte when it starts a character
// (nlohmann@v3.11.3:include/nlohmann/detail/output/serializer.hpp:404-487): a plain byte,
// 0x20-0x7F except '"' and '\' (DEL 0x7F included), is copied as is; the others are escaped
// by their class.
enum class escape_class : unsigned char {
    named,      // \" \\ \b \t \n \f \r
    hex,        // other 0x00-0x1F: \u00xx
    multibyte,  // >= 0x80: copied if well-formed UTF-8, else U+FFFD
};

struct byte_table {
    std::array<bool, 256> plain{};
    std::array<escape_class, 256> cls{};  // of the bytes that are not plain
    std::array<char, 256> named{};
};

constexpr byte_table make_table() {
    byte_table t;
    for (int c = 0; c < 256; ++c) {
        t.plain[c] = c >= 0x20 && c < 0x80;
        t.cls[c] = c < 0x80 ? escape_class::hex : escape_class::multibyte;
    }
    constexpr std::pair<char, char> k_named[] = {
        {'"', '"'}, {'\\', '\\'}, {'\b', 'b'}, {'\t', 't'}, {'\n', 'n'}, {'\f', 'f'}, {'\r', 'r'}};
    for (auto [byte, letter] : k_named) {
        t.plain[static_cast<unsigned char>(byte)] = false;
        t.cls[static_cast<unsigned char>(byte)] = escape_class::named;
        t.named[static_cast<unsigned char>(byte)] = letter;
    }
    return t;
}

constexpr byte_table k_table = make_table();
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
// A control byte without a short escape is written \u00xx in lower case (dump_escaped).
constexpr char k_hex_digits[] = "0123456789abcdef";

// Lead bytes no UTF-8 sequence starts with: continuation bytes, C0, C1, F5-FF.
bool starts_no_sequence(unsigned char b) {
    return b < 0xC2 || b > 0xF4;
}

// nlohmann's type_error 316 for the ill-formed sequence at `p` of `s`: the byte its decoder
// rejects and its index in the string, or, for a sequence the string's end cuts short, the last
// byte (serializer.hpp:507-513, 600-606; hex_bytes in upper case, :671-683).
nlohmann_writer::invalid_utf8 invalid_utf8_error(std::string_view s, const unsigned char* p,
                                                 const utf8_sequence& seq) {
    static constexpr char k_upper_hex[] = "0123456789ABCDEF";
    const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = begin + s.size();
    auto hex = [](unsigned char b) {
        return std::string{k_upper_hex[b >> 4], k_upper_hex[b & 0xF]};
    };
    const std::string prefix = "[json.exception.type_error.316] ";
    if (p + seq.length == end && !starts_no_sequence(*p)) {
        return nlohmann_writer::invalid_utf8(prefix + "incomplete UTF-8 string; last byte: 0x" +
                                             hex(end[-1]));
    }
    // A byte that cannot start a sequence is rejected itself; otherwise the byte after the
    // maximal subpart is the one that breaks the sequence.
    const unsigned char* const rejected = starts_no_sequence(*p) ? p : p + seq.length;
    return nlohmann_writer::invalid_utf8(prefix + "invalid UTF-8 byte at index " +
                                         std::to_string(rejected - begin) + ": 0x" +
                                         hex(*rejected));
}

}  // namespace

void nlohmann_writer::append_string(std::string& out, std::string_view s) const {
    // Called for the bytes that are not plain (append_quoted copies plain ones as runs).
    auto special = [this, s](std::string& o, const unsigned char* p, const unsigned char* end) {
        switch (k_table.cls[*p]) {
            case escape_class::named:
                o.push_back('\\');
                o.push_back(k_table.named[*p]);
                return p + 1;
            case escape_class::hex: {
                const char esc[6] = {
                    '\\', 'u', '0', '0', k_hex_digits[*p >> 4], k_hex_digits[*p & 0xF]};
                o.append(esc, sizeof esc);
                return p + 1;
            }
            case escape_class::multibyte:
                break;
        }
        const utf8_sequence seq = read_utf8_sequence(p, end);
        if (seq.valid) {
            o.append(reinterpret_cast<const char*>(p), seq.length);
        } else if (errors_ == utf8_errors::strict) {
            throw invalid_utf8_error(s, p, seq);
        } else {
            o.append(k_replacement);
        }
        return p + seq.length;
    };
    append_quoted(
        out, s, true, [](unsigned char c) { return k_table.plain[c]; }, special);
}

void nlohmann_writer::append_double(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out.append("null");
        return;
    }
    char buf[32];
    out.append(buf, grisu2_to_chars(buf, v));
}

void nlohmann_writer::append_value(std::string& out, const json_value& v) const {
    append_json_value(*this, out, v);
}

}  // namespace falco_ref
