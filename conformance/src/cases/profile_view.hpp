// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "cases/case_reader.hpp"

namespace conformance {

// One case, many profiles (golden/README.md, "Profiles"): `profiles:` lists every profile a case
// applies to (its home directory's profile when absent), and `by_profile: {<profile>: {...}}`
// holds what differs in a profile. This is the case as one profile sees it.

// The profiles the case applies to: `profiles:` (each a known profile name, once), else the
// home. Throws schema_error naming file, line and key.
std::vector<std::string> case_profiles(const case_reader& r, const YAML::Node& root,
                                       const std::string& home);

// `root` with `by_profile[profile]` laid over it: mappings merge key by key, any other value
// replaces (a null removes the key); `provenance` is appended to and `description` extended.
// An override that changes nothing, or names an expected file with the same bytes as the one it
// replaces, is a schema error: it would hide nothing, so it is noise or a mistake. Every key of
// `by_profile` must be one of `profiles`.
YAML::Node profile_view(const case_reader& r, const YAML::Node& root,
                        const std::vector<std::string>& profiles, const std::string& profile);

}  // namespace conformance
