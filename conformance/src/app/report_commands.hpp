// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace conformance {

// Whether `args` (without argv[0]) call one of the report commands below.
bool is_report_command(const std::vector<std::string>& args);

// `merge REPORT.json... [--json F] [--junit F] [--html F]`: the reports of the shards of one run
// merged into the report of the whole selection; exits as that run would have (0, 1, 2).
// `matrix REPORT.json... --html F`: the implementations x cases grid; exits 0.
// Either exits 2 when a report is unreadable, corrupt or does not fit, naming the file.
int run_report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace conformance
