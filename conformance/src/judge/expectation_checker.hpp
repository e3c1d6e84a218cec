// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/templater.hpp"
#include "judge/case_result.hpp"
#include "judge/value_alias.hpp"
#include "run/channel_reader.hpp"

namespace conformance {

// What comparisons found: every mismatch, and how many expected records the capabilities'
// aliases rewrote (reported with the case).
struct judgement {
    std::vector<failure> failures;
    std::size_t aliased_records = 0;
};

// Compares every channel named in a case's `expect:` block with what was observed, after the
// implementation exited (or was killed). Reports every mismatch, not only the first: one run
// should show all that is wrong.
class expectation_checker {
public:
    // `values` templates the expected `text:` contents (the case's placeholders and
    // `{{impl_pid}}`).
    expectation_checker(const golden_case& c, const channel_reader& channels,
                        std::optional<int> wait_status, long impl_pgid,
                        const std::vector<value_alias>& aliases, templater values)
        : case_(c),
          channels_(channels),
          status_(wait_status),
          impl_pgid_(impl_pgid),
          aliases_(aliases),
          values_(std::move(values)) {}

    judgement check() const;

    // One channel's content against an expected content of the case (also what `check` steps
    // do): stdout, stderr, a file, or syslog, http and program records.
    judgement compare_channel(const channel_ref& ref, const expected_content& expected) const;

private:
    std::string expected_text(const expected_content& expected, judgement& out) const;
    void compare(const channel_ref& ref, const expected_content& expected, judgement& out) const;
    void check_stdout_tail(judgement& out) const;
    void check_stdout_empty(judgement& out) const;
    void check_delivery(judgement& out) const;
    void check_exit(judgement& out) const;
    void check_stderr(judgement& out) const;
    void check_files(judgement& out) const;
    void check_file_modes(judgement& out) const;
    void check_counts(judgement& out) const;

    const golden_case& case_;
    const channel_reader& channels_;
    std::optional<int> status_;
    long impl_pgid_;
    const std::vector<value_alias>& aliases_;
    templater values_;
};

// "exited with code 1", "killed by signal 9 (Killed)", "did not exit".
std::string describe_wait_status(std::optional<int> status);

// Legacy statistics (PROTOCOL.md section 3): the lines under "Rule counts by severity:" and
// "Triggered rules by rule name:" sorted within each block, so the block compares as a set.
std::string sort_stats_blocks(std::string_view stdout_text);

}  // namespace conformance
