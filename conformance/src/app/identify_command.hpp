// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace conformance {

// `falco-conformance identify --impl CMD [--golden DIR] [--capabilities F] [-j N]
// [--timeout-ms N]` (`args` after "identify"): which profiles the implementation behaves like.
// It runs the cases that tell profiles apart, computed from the golden data (conformance/
// README.md, "Which Falco line is this?"), and prints the profiles it is consistent with, then
// for each other profile the first case that rules it out. Exit 0 when it is consistent with at
// least one profile, 1 when with none, 2 when the harness could not run.
int run_identify(const std::string& self, const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err);

}  // namespace conformance
