// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace conformance {

// One line of a --known-failures or --capabilities file: `KEY  reason text`.
struct listed_entry {
    std::string key;     // a case-id pattern, or a feature name
    std::string reason;  // required: a list entry without a reason rots
    std::string where;   // "file:line", for messages
};

// Both files share one format (conformance/README.md): one entry per line, the key, blanks,
// then the reason; `#` starts a comment line; blank lines ignored. Throws std::runtime_error
// naming file and line for an unreadable file or an entry without a reason.
std::vector<listed_entry> read_listed_entries(const std::filesystem::path& file);

}  // namespace conformance
