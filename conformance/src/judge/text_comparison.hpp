// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "judge/case_result.hpp"

namespace conformance {

// Byte-exact comparison of expected vs actual content. On a difference: a one-line message
// (line counts), and as detail the unified line diff plus, when the first changed pair of
// lines are both JSON, the JSON-aware explanation.
std::optional<failure> compare_text(std::string what, std::string_view expected_label,
                                    std::string_view expected, std::string_view actual);

}  // namespace conformance
