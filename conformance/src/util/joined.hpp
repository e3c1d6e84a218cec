// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// The words with `separator` between them: "a, b, c".
inline std::string joined(const std::vector<std::string>& words, std::string_view separator) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) {
            out += separator;
        }
        out += w;
    }
    return out;
}

}  // namespace conformance
