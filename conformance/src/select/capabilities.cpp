// SPDX-License-Identifier: Apache-2.0
#include "select/capabilities.hpp"

#include <stdexcept>

namespace conformance {

capabilities capabilities::read(const std::filesystem::path& file) {
    capabilities out;
    for (auto& entry : read_listed_entries(file)) {
        if (const auto alias = value_alias::parse(entry.key)) {
            out.aliases.push_back(*alias);
        } else if (entry.key == "exit-77-not-applicable") {
            out.exit_77_not_applicable = true;
        } else if (entry.key.starts_with("alias:")) {
            throw std::runtime_error(entry.where + ": an alias is alias:<key>:<from>=<to>");
        } else {
            out.lacking.push_back(std::move(entry));
        }
    }
    return out;
}

}  // namespace conformance
