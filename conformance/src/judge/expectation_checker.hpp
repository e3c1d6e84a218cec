// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"
#include "judge/value_alias.hpp"
#include "run/channel_reader.hpp"

namespace conformance {

// Compares every channel named in a case's `expect:` block with what was observed, after the
// implementation exited (or was killed). Reports every mismatch, not only the first: one run
// should show all that is wrong.
class expectation_checker {
public:
    expectation_checker(const golden_case& c, const channel_reader& channels,
                        std::optional<int> wait_status, long impl_pgid,
                        const std::vector<value_alias>& aliases)
        : case_(c),
          channels_(channels),
          status_(wait_status),
          impl_pgid_(impl_pgid),
          aliases_(aliases) {}

    std::vector<failure> check() const;

    // How many expected records the capabilities' aliases rewrote (reported with the case).
    std::size_t aliased_records() const { return aliased_; }

    // One channel's content against an expected file of the case (also used by `check` steps).
    // `channel` is stdout, stderr, file (with path), syslog, http or program.
    std::optional<failure> compare_channel(const std::string& channel, const std::string& path,
                                           const expected_content& expected) const;

private:
    std::string expected_text(const expected_content& expected) const;
    void check_stdout_tail(std::vector<failure>& out) const;
    void check_delivery(std::vector<failure>& out) const;
    void check_exit(std::vector<failure>& out) const;
    void check_stderr(std::vector<failure>& out) const;
    void check_counts(std::vector<failure>& out) const;

    const golden_case& case_;
    const channel_reader& channels_;
    std::optional<int> status_;
    long impl_pgid_;
    const std::vector<value_alias>& aliases_;
    mutable std::size_t aliased_ = 0;  // a statistic of the comparisons, not state they use
};

// "exited with code 1", "killed by signal 9 (Killed)", "did not exit".
std::string describe_wait_status(std::optional<int> status);

// Legacy statistics (PROTOCOL.md section 3): the lines under "Rule counts by severity:" and
// "Triggered rules by rule name:" sorted within each block, so the block compares as a set.
std::string sort_stats_blocks(std::string_view stdout_text);

}  // namespace conformance
