// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace conformance {

// Explains how two JSON texts differ, in one line, in the terms that matter for Falco's JSON
// output: the first differing key path, whether it is only key order, a missing or extra key,
// a type (integer vs floating point vs string) or a value, or — when both parse to the same
// value — a serialisation difference (escaping, number spelling, spacing) at a column.
// Returns nullopt when either side is not JSON (then the line diff says it all) or when the
// texts are byte-identical.
std::optional<std::string> explain_json_difference(std::string_view expected,
                                                   std::string_view actual);

}  // namespace conformance
