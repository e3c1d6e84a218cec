// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "cases/golden_case.hpp"
#include "run/channel_reader.hpp"

namespace conformance {

// The exit status by which an implementation says "I cannot run this case faithfully" (the
// convention of automake's test drivers for a skipped test; falco-replay uses it,
// docs/REAL-FALCO.md section 2).
inline constexpr int k_exit_not_applicable = 77;

// With `exit-77-not-applicable` in the capabilities file (conformance/README.md), a case the
// implementation ended with exit status 77 before delivering anything is "not applicable" rather
// than failed. Delivered means: a byte on stdout, a syslog message, an HTTP request, data read
// by a program, or content in a file the case's expectations name. Returns the reason to report
// ("the implementation declared the case not applicable (exit 77): <its first stderr line>"),
// or nullopt when the case did not end that way (then it is judged as usual). A case that
// expects exit code 77 is always judged as usual.
std::optional<std::string> declared_not_applicable(const golden_case& c,
                                                   const channel_reader& channels,
                                                   std::optional<int> wait_status);

}  // namespace conformance
