// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/spec_index.hpp"

namespace conformance {

// `--check`: every case against the schema (its load error) and, when the specification is
// found, against docs/spec (`rules:` required and resolvable, every provenance citation
// resolving). Without `--spec` and without a specification at the default place (the harness's
// own test cases) only the schema is checked, and the summary says so. Prints one line per
// error and a summary; returns 0 when every case is valid, 2 otherwise. Throws
// std::runtime_error when `--spec` names no readable specification.
int check_golden(const std::vector<golden_case>& cases, const spec_location& where,
                 std::ostream& out);

}  // namespace conformance
