// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace falco_ref::app {

// falco-outputs-ref from argv to exit code (conformance/PROTOCOL.md): the steps of steps.hpp
// in order (command line, config, channels, signals, the optional daemon of legacy, 0.34 and
// 0.35, whose 0.34 child sets up the channels, outputs, input, the reading loop), then the
// teardown (shutdown drain, accounting, statistics).
class runner {
public:
    int run(const std::vector<std::string>& args);
};

}  // namespace falco_ref::app
