// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <vector>

#include "run_measure.hpp"

namespace falco_bench {

// Median and spread of one side's runs of a channel.
struct run_summary {
    unsigned runs = 0;
    bool complete = false;  // every run delivered every alert and succeeded
    double alerts_per_s = 0, alerts_per_s_min = 0, alerts_per_s_max = 0;  // median, spread
    double mb_per_s = 0;
    double cpu_s = 0;  // median user+sys
    double cpu_us_per_alert = 0;
    std::optional<double> max_rss_mb;  // median
    double bytes_per_alert = 0;

    static run_summary of(const std::vector<run_measure>& runs);
};

}  // namespace falco_bench
