// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// The behaviour profiles the golden cases are written for (docs/spec/README.md, "Profiles"):
// each covers a range of Falco minor versions whose output behaviour is the same. The harness
// keeps its own table (it never links the reference); a ctest checks that both tables agree.
struct profile_info {
    std::string name;     // "0.41-0.43", "legacy": a golden home directory and docs/spec/<name>.md
    std::string falco;    // what it describes, for --help: "Falco 0.41.0 to 0.43.1"
    int first_minor = 0;  // the Falco 0.<minor> versions it covers
    int last_minor = 0;
    // What the harness itself needs to know of a profile: whether
    // `json_include_output_fields_property` exists (Falco 0.41+), for the features it derives.
    bool json_fields_switch = true;
    // The first release of first_minor it covers (0.36 starts at 0.36.1: 0.36.0 differs);
    // an older patch of that minor is covered by no profile.
    int first_patch = 0;
};

// Every profile, oldest first.
const std::vector<profile_info>& known_profiles();

// The profile called `name` exactly; nullptr for anything else.
const profile_info* find_profile(std::string_view name);

// A profile name, a Falco minor version ("0.42") or a full version ("0.41.3", "0.44.0"),
// mapped to the profile that covers it; nullopt when none does (also "0.36.0", a release
// before its profile's first_patch).
std::optional<std::string> resolve_profile(std::string_view text);

// One line per profile: "  0.41-0.43   Falco 0.41.0 to 0.43.1 (0.41, 0.42, 0.43)", or with a
// first patch "  0.36        Falco 0.36.1 and 0.36.2 (0.36 from 0.36.1)".
std::string profile_table();

}  // namespace conformance
