// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace falco_ref {

// The outcome of reading one UTF-8 sequence that starts with a byte >= 0x80.
struct utf8_sequence {
    bool valid;
    // valid: the sequence length (2-4). Invalid: how many bytes one U+FFFD replaces, i.e. the
    // maximal ill-formed subpart; the byte that broke the sequence is not included, so it is
    // read again as the start of the next character (Unicode 15 section 3.9, "U+FFFD
    // Substitution of Maximal Subparts"; the rule nlohmann's `replace` handler follows:
    // nlohmann@v3.11.3:include/nlohmann/detail/output/serializer.hpp:517-550).
    std::size_t length;
};

// Well-formed means: C2-DF + 1 continuation; E0 A0-BF; E1-EC, EE-EF 80-BF; ED 80-9F (no
// surrogates); F0 90-BF; F1-F3 80-BF; F4 80-8F (nothing above U+10FFFF); continuations 80-BF.
// A sequence cut short by `end` is one ill-formed subpart up to `end`.
utf8_sequence read_utf8_sequence(const unsigned char* p, const unsigned char* end);

}  // namespace falco_ref
