// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "report/run_report.hpp"

namespace conformance {

// A report with the file it was read from, for messages.
struct named_report {
    std::string file;
    run_report report;
};

// Merges the reports of the N shards of one run (`--shard K/N`) into the report of the whole
// selection, as an unsharded run would have written it: cases in id order, counts and exit
// code recomputed, the longest shard's duration (shards run side by side), the warnings every
// shard gave (they are about the whole selection: a capability no selected case needs).
// Throws std::runtime_error naming the file when the reports are not the shards of one run:
// another suite version, profile, golden tree, implementation or selection, a shard twice or
// missing, a case in two reports or in the wrong shard, fewer cases than were selected.
run_report merge_reports(const std::vector<named_report>& shards);

}  // namespace conformance
