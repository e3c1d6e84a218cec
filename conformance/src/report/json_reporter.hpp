// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

#include "report/run_report.hpp"

namespace conformance {

// Machine-readable results: the run (profile, implementation, counts, exit code) and every
// selected case with its verdict — including those not run (skipped, not applicable), so a
// dashboard can tell "did not run" from "passed".
void write_json_report(const std::filesystem::path& file, const run_report& report);

}  // namespace conformance
