// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace conformance {

// falco-conformance as a function: parses `args` (without argv[0]), selects, runs, reports,
// returns the exit code (0 passed, 1 an implementation failure, 2 the harness could not run).
// `self` is how to call the harness again, for the reproduce lines.
int run_app(const std::string& self, const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err);

}  // namespace conformance
