// SPDX-License-Identifier: Apache-2.0
#include "report/markup.hpp"

#include "judge/line_diff.hpp"
#include "mocks/xml_escape.hpp"

namespace conformance {

std::string markup_text(std::string_view text) {
    return mocks::xml_escape(visible_text(text));
}

}  // namespace conformance
