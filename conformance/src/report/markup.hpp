// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace conformance {

// Text safe in XML and HTML element content and quoted attributes, whatever its bytes: made
// visible first (\xNN for control bytes and invalid UTF-8, judge/line_diff.hpp; XML 1.0 can
// carry neither), then & < > " ' escaped. An implementation's output can hold anything,
// `</pre><script>` included.
std::string markup_text(std::string_view text);

}  // namespace conformance
