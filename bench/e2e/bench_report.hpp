// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench_options.hpp"
#include "channel_runner.hpp"
#include "run_summary.hpp"

namespace falco_bench {

// The machine the figures were taken on: a figure without its load is not a figure.
struct machine_info {
    unsigned nproc = 0;
    std::string cpu_model, kernel;
    std::string loadavg_before, loadavg_after;  // /proc/loadavg
    std::string started_utc;

    static machine_info probe();
    static std::string loadavg();
};

// One channel's line in the reports.
struct channel_summary {
    const channel_result* result = nullptr;
    run_summary impl, baseline;
    std::optional<double> ratio;  // impl median / baseline median
    std::optional<bool> target_met;

    static channel_summary of(const channel_result& r);
};

struct bench_report {
    const bench_options* opts = nullptr;
    machine_info machine;
    std::size_t input_bytes_per_alert = 0;
    long rss_floor_kb = 0;  // peak RSS of /bin/true started the same way (spawn_server.hpp)
    std::vector<channel_result> results;

    std::vector<channel_summary> summaries() const;
    bool all_complete() const;

    std::string json() const;
    std::string markdown() const;
    std::string console() const;
};

}  // namespace falco_bench
