// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace falco_ref::app {

// falco-outputs-ref from argv to exit code (conformance/PROTOCOL.md): command line, config,
// channels, optional legacy daemon, signals, the reading loop, shutdown drain, statistics.
class runner {
public:
    int run(const std::vector<std::string>& args);
};

}  // namespace falco_ref::app
