// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/utf8_sequence.hpp"

namespace falco_ref {

utf8_sequence read_utf8_sequence(const unsigned char* p, const unsigned char* end) {
    const unsigned char lead = *p;
    std::size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) {
            second_min = 0xA0;  // no overlong forms
        } else if (lead == 0xED) {
            second_max = 0x9F;  // no UTF-16 surrogates
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) {
            second_min = 0x90;  // no overlong forms
        } else if (lead == 0xF4) {
            second_max = 0x8F;  // nothing above U+10FFFF
        }
    } else {
        return {false, 1};  // a continuation byte, C0, C1 or F5-FF cannot start a sequence
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (p + i == end) {
            return {false, i};
        }
        const unsigned char min = i == 1 ? second_min : 0x80;
        const unsigned char max = i == 1 ? second_max : 0xBF;
        if (p[i] < min || p[i] > max) {
            return {false, i};
        }
    }
    return {true, length};
}

}  // namespace falco_ref
