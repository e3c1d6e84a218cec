// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <vector>

#include "judge/value_alias.hpp"
#include "select/listed_entries.hpp"

namespace conformance {

// A --capabilities file (conformance/README.md, "Known failures and capabilities files"): what
// the implementation lacks (features, and hand tags written `tag:<name>`), the value aliases it
// declares, and whether its exit 77 means "not applicable".
struct capabilities {
    std::vector<listed_entry> lacking;
    std::vector<value_alias> aliases;
    bool exit_77_not_applicable = false;

    // Throws std::runtime_error naming file and line (an unreadable file, an entry without a
    // reason, a malformed alias).
    static capabilities read(const std::filesystem::path& file);
};

}  // namespace conformance
