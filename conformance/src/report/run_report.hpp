// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "judge/case_result.hpp"
#include "run/suite_runner.hpp"
#include "select/shard.hpp"

namespace conformance {

// Everything a report needs about one run: what ran, against what, and how it ended.
struct run_report {
    std::string suite_version;  // falco-conformance's version: shards must share it to merge
    std::string profile;
    std::string impl;
    std::string golden_dir;
    std::string golden_digest;             // tree_digest of the profile's golden directory
    std::vector<std::string> selection;    // the --case, --tag and --exclude-tag arguments
    std::size_t selected_total = 0;        // cases the selection chose, before --shard
    std::optional<shard_spec> shard;       // absent: the whole selection
    std::vector<std::string> merged_from;  // the shard reports a merged report comes from
    std::vector<case_result> results;
    suite_counts counts;
    std::vector<std::string> warnings;  // unused capability entries and the like
    std::chrono::milliseconds duration{0};
    int exit_code = 0;
};

// The exit status a run's verdicts give (conformance/README.md, "Exit codes"): 1 when a case
// failed, else 2 when the harness could not run one, else 0. A failure wins over an error.
int exit_code_of(const suite_counts& counts);

}  // namespace conformance
