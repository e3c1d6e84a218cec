// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

// The enabled channels in Falco's order: file, stdout, syslog, program, http
// (falco@0.44.1:userspace/falco/configuration.cpp:333-447; falco@0.15.3 configuration.cpp:85-149).
// May throw config_error (legacy file start-up check).
std::vector<std::unique_ptr<channel>> make_channels(const config& cfg);

}  // namespace falco_ref
