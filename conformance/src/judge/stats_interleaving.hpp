// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cases/statistics_block.hpp"
#include "judge/case_result.hpp"

namespace conformance {

// `stdout_stats: interleaved` (PROTOCOL.md section 7): Falco's main thread writes the end-of-run
// statistics while its output thread may still write queued alerts, so stdout is the alert lines
// and the statistics block shuffled together at line boundaries, each in its own order.

// What the interleaving covers: the whole of stdout (`stdout`, `check` steps on stdout), or its
// end (`stdout_tail`): there, any lines may come before the tail's alert lines, and, while none
// of the tail's alert lines has come yet, between its statistics lines (alerts the tail does
// not list, still queued when the statistics were written).
enum class interleaving_scope { whole, tail };

// Whether the lines of `actual` are an interleaving of the expected alert lines and statistics
// block (with `scope` tail: of any lines followed by the alert lines, and of the block). Exact:
// it follows every way the two sequences can be merged (lines equal in both are tried on both
// sides), not a greedy choice.
class interleaving_match {
public:
    interleaving_match(const statistics_split& expected, std::string_view actual,
                       interleaving_scope scope);

    bool matches() const { return matches_; }
    // 1-based line of `actual` that no merge can take (0 when every line fitted).
    std::size_t misfit_line() const { return misfit_line_; }
    // Expected lines no merge reached when `actual` ended (0 when it ended complete).
    std::size_t missing_lines() const { return missing_lines_; }
    // One of them, for the report: the next statistics line of the merge that got furthest, or
    // its next alert line when it has every statistics line.
    const std::string& next_missing() const { return next_missing_; }

private:
    bool matches_ = false;
    std::size_t misfit_line_ = 0;
    std::size_t missing_lines_ = 0;
    std::string next_missing_;
};

// The comparison of `stdout_stats: interleaved`: nullopt when `actual` is an interleaving of the
// alert lines and statistics of `expected`. Else a failure whose message names the first line
// that fits neither sequence (or how many expected lines never came, and one of them), with as
// detail the unified diff of the expected lines against the actual ones with the statistics lines
// moved after the others (with `scope` tail: the other lines from the first statistics line on, at
// least as many as the tail has alert lines). With `scope` whole, an expected content without a
// statistics block compares byte for byte (compare_text).
std::optional<failure> compare_interleaved(std::string what, std::string_view expected_label,
                                           std::string_view expected, std::string_view actual,
                                           interleaving_scope scope);

}  // namespace conformance
