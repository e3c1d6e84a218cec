// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "falco_ref/channel.hpp"

namespace falco_ref {

// A channel failure that ends the process (legacy: a file output that cannot be written,
// legacy-profile.md 2.d "Runtime open failure"). what() is the text after "Runtime error: ".
class fatal_output_error : public channel_error {
public:
    using channel_error::channel_error;
};

}  // namespace falco_ref
