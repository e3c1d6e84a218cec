// SPDX-License-Identifier: Apache-2.0
#include "mocks/xml_escape.hpp"

namespace mocks {

std::string xml_escape(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
            case '\n':
            case '\r':
                out += c;
                break;
            default:
                if (byte < 0x20) {
                    out += "\\x";
                    out += k_hex[byte >> 4];
                    out += k_hex[byte & 0xf];
                } else {
                    out += c;
                }
        }
    }
    return out;
}

}  // namespace mocks
