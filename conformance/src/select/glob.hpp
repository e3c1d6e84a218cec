// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace conformance {

// Case-id patterns (--case, --known-failures): `*` matches within one path component, `**`
// across components, `?` one character other than '/'. A pattern also selects everything below
// it when it matches a leading part of the id up to a '/': `0.44/file` = `0.44/file/**`.
bool glob_match(std::string_view pattern, std::string_view id);

}  // namespace conformance
