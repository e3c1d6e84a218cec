// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

#include "report/run_report.hpp"

namespace conformance {

// One self-contained HTML page for a run (or a merged run): the summary (counts per verdict,
// profile, implementation, wall time, shard), every case as a row that can be filtered by
// verdict and by tag (from the URL fragment too: `#verdict=failed,error&tag=http`), and for
// each failure the per-channel diff, the JSON explanation, the implementation's stderr tail and
// the command that reproduces the case, with a copy button.
std::string html_report(const run_report& report);
void write_html_report(const std::filesystem::path& file, const run_report& report);

}  // namespace conformance
