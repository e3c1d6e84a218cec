// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// The end-of-run statistics in an expected stdout, for `stdout_stats: interleaved` (PROTOCOL.md
// section 7): the block starts at the first line that starts with `Events detected: ` and runs
// to the end; everything before it is alert lines.
constexpr std::string_view k_statistics_start = "Events detected: ";

// How many lines of `text` start a statistics block (`--check` wants exactly one).
std::size_t statistics_starts(std::string_view text);

// Expected stdout split where its statistics block starts; lines keep their '\n'.
struct statistics_split {
    std::vector<std::string> alerts;  // before the block
    std::vector<std::string> stats;   // the block, to the end (empty when there is none)
};
statistics_split split_at_statistics(std::string_view expected);

}  // namespace conformance
