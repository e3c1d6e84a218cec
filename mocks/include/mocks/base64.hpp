// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace mocks {

// Standard alphabet with padding (RFC 4648 section 4), as the records use.
std::string base64_encode(std::string_view bytes);
// Throws std::invalid_argument on characters outside the alphabet or a bad length.
std::string base64_decode(std::string_view text);

}  // namespace mocks
