// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace conformance {

// `falco-conformance trace [--golden DIR] [--spec DIR] [--write FILE]` (`args` after "trace"):
// prints the traceability matrix of every profile below the golden directory (default
// `default_golden`) against the specification (default `<golden>/../docs/spec`) and, with
// --write, also writes it to FILE (docs/spec/TRACEABILITY.md). Returns 0 when every rule is
// asserted by a case or says why it is not, 1 when some rule is neither (a gap), 2 on errors:
// bad arguments, an unreadable specification, a case that breaks the schema or names a rule
// or citation that does not resolve.
int run_trace(const std::vector<std::string>& args, const std::filesystem::path& default_golden,
              std::ostream& out, std::ostream& err);

}  // namespace conformance
