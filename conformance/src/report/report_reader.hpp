// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

#include "report/run_report.hpp"

namespace conformance {

// Reads back a report written by write_json_report (for `merge` and `matrix`). Checks what a
// merge relies on: the fields and their types, known verdicts, a shard K/N, and counts that
// agree with the cases. Throws std::runtime_error "<file>: <what is wrong>".
run_report read_json_report(const std::filesystem::path& file);

}  // namespace conformance
