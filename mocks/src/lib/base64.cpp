// SPDX-License-Identifier: Apache-2.0
#include "mocks/base64.hpp"

#include <array>
#include <cstdint>
#include <stdexcept>

namespace mocks {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0);
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out += k <= n ? alphabet[(v >> (18 - 6 * k)) & 0x3f] : '=';
        }
    }
    return out;
}

std::string base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) {
        throw std::invalid_argument("base64: length not a multiple of 4");
    }
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t v = 0;
        int pad = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            // Padding only at the very end, at most two characters.
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                ++pad;
                v <<= 6;
                continue;
            }
            const int s = sextet(c);
            if (s < 0 || pad > 0) {
                throw std::invalid_argument("base64: invalid character");
            }
            v = (v << 6) | static_cast<std::uint32_t>(s);
        }
        out += static_cast<char>((v >> 16) & 0xff);
        if (pad < 2) {
            out += static_cast<char>((v >> 8) & 0xff);
        }
        if (pad < 1) {
            out += static_cast<char>(v & 0xff);
        }
    }
    return out;
}

}  // namespace mocks
