// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "judge/case_result.hpp"
#include "report/markup.hpp"

namespace conformance {

// A verdict as one word for class names, data attributes and URL fragments: "passed",
// "not_applicable", "expected_failure".
std::string verdict_slug(verdict v);

// One self-contained HTML page: the style and script inline, no external asset, so the file
// works offline, as a CI artifact or attached to a mail. The shared style colours the
// verdicts (classes "v-<slug>"); `style` and `script` are the page's own (trusted text).
std::string html_page(std::string_view title, std::string_view style, std::string_view body,
                      std::string_view script);

}  // namespace conformance
