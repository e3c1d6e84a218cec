// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>

#include "cases/case_reader.hpp"
#include "cases/golden_case.hpp"

namespace conformance {

// One step of `steps:` or `setup:` (golden/README.md, "Steps"): a mapping with exactly one key,
// its kind, or a bare word (`- close_stdin`). Each kind has its own parser in one table;
// `list` and `index` name the step in messages ("steps[3].wait.count: ..."). Throws
// schema_error.
step parse_step(const case_reader& r, const YAML::Node& node, const std::string& list,
                std::size_t index);

}  // namespace conformance
