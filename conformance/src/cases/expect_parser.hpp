// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "cases/case_reader.hpp"
#include "cases/golden_case.hpp"

namespace conformance {

// The `expect:` block (golden/README.md, "Expectations", "Delivery accounting"). Throws
// schema_error naming file, line and key.
void parse_expect(const case_reader& r, const YAML::Node& block, expectations& e);

}  // namespace conformance
