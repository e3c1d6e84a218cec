// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>

#include "judge/case_result.hpp"
#include "report/run_report.hpp"

namespace conformance {

// The console's word for a verdict, padded to five columns: "PASS ", "N/A  ", "XFAIL".
const char* verdict_label(verdict v);

// Human output: one line per case as it completes; for failures every mismatch with its diff,
// the implementation's stderr tail and the command that reproduces the case alone; at the end
// the counts, the plain `N passed, N failed, N skipped` alone on the last line.
class console_reporter {
public:
    explicit console_reporter(std::ostream& out) : out_(out) {}

    void on_result(const case_result& r);
    void summary(const run_report& report);

private:
    std::ostream& out_;
};

}  // namespace conformance
