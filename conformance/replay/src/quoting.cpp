// SPDX-License-Identifier: Apache-2.0
#include "quoting.hpp"

#include <cstdint>
#include <cstdio>

namespace replay {

namespace {

// Decodes one UTF-8 sequence at `pos`; returns its length, or 0 when malformed.
std::size_t decode(std::string_view s, std::size_t pos, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    std::size_t len;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (pos + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[pos + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

}  // namespace

bool valid_utf8(std::string_view bytes) {
    std::uint32_t cp;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = decode(bytes, i, cp);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

std::optional<std::string> yaml_double_quoted(std::string_view bytes) {
    std::string out = "\"";
    std::uint32_t cp;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = decode(bytes, i, cp);
        if (n == 0 || cp == 0) {
            return std::nullopt;
        }
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
                   cp == 0x2029 || cp == 0xFEFF) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(bytes.substr(i, n));
        }
        i += n;
    }
    return out + "\"";
}

std::string json_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(u));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace replay
