// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "bench_report.hpp"

namespace falco_bench {

// Horizontal grouped bar chart of alerts/s per channel: the implementation, the second one
// (--vs) and the baseline, with a legend, on a logarithmic axis (channels span 400/s to
// millions/s). Bars carry class="bar", legend boxes class="legend". Plain SVG 1.1 text.
std::string svg_chart(const bench_report& report);

}  // namespace falco_bench
