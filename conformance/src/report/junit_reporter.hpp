// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

#include "report/run_report.hpp"

namespace conformance {

// JUnit XML for CI dashboards: one <testsuite> per channel directory, one <testcase> per case
// (classname "0.44.file", name = the case), <failure> with the diffs, <error> for harness
// errors, <skipped> for skipped, not applicable and expected failures (with the reason).
void write_junit_report(const std::filesystem::path& file, const run_report& report);

}  // namespace conformance
