// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/jsoncpp_writer.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "falco_ref/format/json_value_walk.hpp"
#include "falco_ref/format/plain_run.hpp"

namespace falco_ref {
namespace {

// The escape for each byte, empty when the byte is copied as is
// (jsoncpp@0.10.6:src/lib_json/json_writer.cpp:244-286; isControlCharacter is
// `ch > 0 && ch <= 0x1F` on a signed char, src/lib_json/json_tool.h:47, so bytes >= 0x80
// are never escaped).
struct escape_table {
    std::array<std::array<char, 7>, 256> text{};  // NUL-terminated escape
    std::array<unsigned char, 256> length{};
};

constexpr escape_table make_table() {
    escape_table t;
    constexpr char k_hex[] = "0123456789ABCDEF";
    for (int c = 0; c < 0x20; ++c) {
        t.text[c] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF], 0};
        t.length[c] = 6;
    }
    constexpr std::pair<char, char> k_named[] = {
        {'"', '"'}, {'\\', '\\'}, {'\b', 'b'}, {'\f', 'f'}, {'\n', 'n'}, {'\r', 'r'}, {'\t', 't'}};
    for (auto [byte, letter] : k_named) {
        t.text[static_cast<unsigned char>(byte)] = {'\\', letter, 0, 0, 0, 0, 0};
        t.length[static_cast<unsigned char>(byte)] = 2;
    }
    return t;
}

constexpr escape_table k_table = make_table();

}  // namespace

void jsoncpp_writer::append_string(std::string& out, std::string_view s) const {
    append_quoted(
        out, s, false, [](unsigned char c) { return k_table.length[c] == 0; },
        [](std::string& o, const unsigned char* p, const unsigned char*) {
            o.append(k_table.text[*p].data(), k_table.length[*p]);
            return p + 1;
        });
}

void jsoncpp_writer::append_double(std::string& out, double v) {
    if (std::isnan(v)) {
        out.append("null");
        return;
    }
    if (std::isinf(v)) {
        out.append(v < 0 ? "-1e+9999" : "1e+9999");
        return;
    }
    char buf[32];
    const int len = std::snprintf(buf, sizeof buf, "%.17g", v);
    for (int i = 0; i < len; ++i) {
        out.push_back(buf[i] == ',' ? '.' : buf[i]);
    }
}

void jsoncpp_writer::append_value(std::string& out, const json_value& v) const {
    append_json_value(*this, out, v);
}

}  // namespace falco_ref
