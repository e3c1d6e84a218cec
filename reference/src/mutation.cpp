// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/mutation.hpp"

#include <cstdlib>
#include <string>

namespace falco_ref {

bool mutation_active(std::string_view name) {
    static const std::string selected = [] {
        const char* value = std::getenv("FALCO_REF_SELFTEST_MUTATION");
        return std::string(value ? value : "");
    }();
    return !selected.empty() && selected == name;
}

}  // namespace falco_ref
