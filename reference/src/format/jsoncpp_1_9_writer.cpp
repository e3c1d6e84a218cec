// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/jsoncpp_1_9_writer.hpp"

#include <cmath>

#include "falco_ref/format/json_value_walk.hpp"
#include "falco_ref/format/jsoncpp_writer.hpp"
#include "falco_ref/format/plain_run.hpp"

namespace falco_ref {
namespace {

constexpr char32_t k_replacement = 0xFFFD;

// One code point as jsoncpp 1.9.5's utf8ToCodepoint reads it at `p` (json_writer.cpp:188-247),
// and where the next one starts. The bytes after the first byte are taken as they are, continuation
// bytes or not: only the first byte decides the length.
struct decoded {
    char32_t code_point;
    const unsigned char* next;
};

decoded decode(const unsigned char* p, const unsigned char* end) {
    const unsigned lead = *p;
    const auto available = end - p;
    const auto bits = [p](int i) { return static_cast<char32_t>(p[i] & 0x3F); };
    if (lead < 0x80) {
        return {lead, p + 1};
    }
    if (lead < 0xE0) {
        if (available < 2) {
            return {k_replacement, p + 1};
        }
        const char32_t c = ((lead & 0x1F) << 6) | bits(1);
        return {c < 0x80 ? k_replacement : c, p + 2};
    }
    if (lead < 0xF0) {
        if (available < 3) {
            return {k_replacement, p + 1};
        }
        const char32_t c = ((lead & 0x0F) << 12) | (bits(1) << 6) | bits(2);
        const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
        return {surrogate || c < 0x800 ? k_replacement : c, p + 3};
    }
    if (lead < 0xF8) {
        if (available < 4) {
            return {k_replacement, p + 1};
        }
        const char32_t c = ((lead & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
        return {c < 0x10000 ? k_replacement : c, p + 4};
    }
    return {k_replacement, p + 1};
}

// appendHex (json_writer.cpp:256-273): `\u` and four lower-case hex digits of the low 16 bits.
void append_u_escape(std::string& out, char32_t unit) {
    constexpr char k_hex[] = "0123456789abcdef";
    const char text[] = {'\\',
                         'u',
                         k_hex[(unit >> 12) & 0xF],
                         k_hex[(unit >> 8) & 0xF],
                         k_hex[(unit >> 4) & 0xF],
                         k_hex[unit & 0xF]};
    out.append(text, sizeof text);
}

char named_escape(unsigned char c) {
    switch (c) {
        case '"':
            return '"';
        case '\\':
            return '\\';
        case '\b':
            return 'b';
        case '\f':
            return 'f';
        case '\n':
            return 'n';
        case '\r':
            return 'r';
        case '\t':
            return 't';
        default:
            return 0;
    }
}

// The bytes copied as they are: printable ASCII but '"' and '\\'
// (doesAnyCharRequireEscaping, json_writer.cpp:180-186).
bool is_plain(unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

}  // namespace

void jsoncpp_1_9_writer::append_string(std::string& out, std::string_view s) const {
    append_quoted(out, s, true, is_plain,
                  [](std::string& o, const unsigned char* p, const unsigned char* end) {
                      if (const char letter = named_escape(*p); letter != 0) {
                          o.push_back('\\');
                          o.push_back(letter);
                          return p + 1;
                      }
                      const auto [c, next] = decode(p, end);
                      if (c < 0x20 || (c >= 0x80 && c < 0x10000)) {
                          append_u_escape(o, c);
                      } else if (c < 0x80) {
                          o.push_back(static_cast<char>(c));
                      } else {
                          const char32_t offset = c - 0x10000;
                          append_u_escape(o, 0xD800 + ((offset >> 10) & 0x3FF));
                          append_u_escape(o, 0xDC00 + (offset & 0x3FF));
                      }
                      return next;
                  });
}

void jsoncpp_1_9_writer::append_double(std::string& out, double v) {
    // The digits and the non-finite forms are 0.10.6's (same snprintf, same table of
    // replacements); 1.9.5 only adds the ".0" of an integral finite value.
    const auto start = out.size();
    jsoncpp_writer::append_double(out, v);
    if (!std::isfinite(v)) {
        return;
    }
    if (out.find_first_of(".e", start) == std::string::npos) {
        out.append(".0");
    }
}

void jsoncpp_1_9_writer::append_value(std::string& out, const json_value& v) const {
    append_json_value(*this, out, v);
}

}  // namespace falco_ref
