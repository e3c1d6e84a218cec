// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/report_merger.hpp"

namespace conformance {

// The implementations x cases grid of several reports (one column per report, one row per
// case; the result grids of Autobahn|Testsuite and of the web-platform-tests dashboard are the
// models) as one self-contained HTML page: the number of cases where the implementations
// disagree, those rows first, a filter to show only them (also as `#disagreements`), each
// cell's verdict with its reason or first mismatch as a tooltip. Shard reports are refused
// (throws std::runtime_error naming the file): merge them first, a partial column would read
// as cases the implementation did not select.
std::string matrix_html(const std::vector<named_report>& reports);
void write_matrix_report(const std::filesystem::path& file,
                         const std::vector<named_report>& reports);

}  // namespace conformance
