// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/spec_index.hpp"

namespace conformance {

// What is wrong with the citations of one provenance line (docs/spec/README.md, "Citations"),
// empty when nothing is: every `docs/spec/<file>.md#<anchor>` and `conformance/PROTOCOL.md#<slug>`
// must exist, every `repo@...` token must be `repo@tag:path:line[-line]` of a repository the
// citation forms list (or `doc:"Falco Alerts"@0.15`), the line must cite at least one of them,
// and it may not name material users do not have.
std::vector<std::string> citation_problems(std::string_view line, const spec_index& spec);

// The errors of one case against the specification, each "<case.yaml>:<line>: <key>: <what>":
// no `rules:`, a rule id that does not exist in the case's profile (resolved as
// docs/spec/README.md says: the profile's document, then common.md), a provenance line whose
// citations do not resolve.
std::vector<std::string> spec_errors(const golden_case& c, const spec_index& spec);

}  // namespace conformance
