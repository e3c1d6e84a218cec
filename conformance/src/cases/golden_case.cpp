// SPDX-License-Identifier: Apache-2.0
#include "cases/golden_case.hpp"

namespace conformance {

std::vector<std::string> golden_case::features() const {
    std::vector<std::string> out;
    for (const auto& [name, origins] : needs) {
        out.push_back(name);
    }
    return out;
}

}  // namespace conformance
