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

// The ratio of two implementations run in the same rounds: the median of the per-round ratios
// A/B, and their min and max.
struct round_ratio {
    double median = 0, min = 0, max = 0;
    std::vector<double> per_round;

    // nullopt when no round has a throughput on both sides.
    static std::optional<round_ratio> of(const std::vector<run_measure>& a,
                                         const std::vector<run_measure>& b);
};

// One channel's line in the reports.
struct channel_summary {
    const channel_result* result = nullptr;
    run_summary impl, vs, baseline;  // vs: the second implementation (--vs), 0 runs without
    std::optional<double> ratio;     // impl median / baseline median
    std::optional<double> vs_ratio;  // vs median / baseline median
    std::optional<round_ratio> ab;   // impl / vs, per round
    std::optional<bool> target_met;
    // Median throughput as a share of the same implementation's `null` channel median (its
    // ceiling without a sink cost), when that channel was run.
    std::optional<double> impl_of_ceiling, vs_of_ceiling;

    // `ceiling`: the `null` channel's result of the same run, if any.
    static channel_summary of(const channel_result& r, const channel_result* ceiling);
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

private:
    std::string markdown_header() const;
    std::string markdown_single() const;   // one implementation against the baseline
    std::string markdown_vs() const;       // A and B side by side, with the baseline
    std::string markdown_ceiling() const;  // shares of the `null` channel, when it was run
};

}  // namespace falco_bench
