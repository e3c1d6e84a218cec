// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "judge/case_result.hpp"
#include "run/suite_runner.hpp"

namespace conformance {

// Everything a report needs about one run: what ran, against what, and how it ended.
struct run_report {
    std::string profile;
    std::string impl;
    std::string golden_dir;
    std::vector<case_result> results;
    suite_counts counts;
    std::vector<std::string> warnings;  // unused capability entries and the like
    std::chrono::milliseconds duration{0};
    int exit_code = 0;
};

}  // namespace conformance
