// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "bench_report.hpp"

namespace falco_bench {

// Horizontal grouped bar chart of alerts/s per channel, implementation vs baseline, on a
// logarithmic axis (channels span 400/s to millions/s). Plain SVG 1.1 text, no dependency.
std::string svg_chart(const bench_report& report);

}  // namespace falco_bench
