// SPDX-License-Identifier: Apache-2.0
#include "judge/text_comparison.hpp"

#include "judge/json_explainer.hpp"
#include "judge/line_diff.hpp"
#include "util/file_util.hpp"

namespace conformance {

std::optional<failure> compare_text(std::string what, std::string_view expected_label,
                                    std::string_view expected, std::string_view actual) {
    if (expected == actual) {
        return std::nullopt;
    }
    const line_diff diff(expected, actual);
    failure f;
    f.message = "differs from " + std::string(expected_label) + " (expected " +
                std::to_string(all_lines(expected).size()) + " lines, " +
                std::to_string(expected.size()) + " bytes; got " +
                std::to_string(all_lines(actual).size()) + " lines, " +
                std::to_string(actual.size()) + " bytes)";
    f.detail = diff.unified(std::string(expected_label), "actual " + what);
    if (const auto pair = diff.first_changed_pair()) {
        if (const auto why = explain_json_difference(pair->first, pair->second)) {
            f.detail += "json: " + *why + "\n";
        }
    }
    f.what = std::move(what);
    return f;
}

}  // namespace conformance
