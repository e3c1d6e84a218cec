// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "../common/sample_alert.hpp"
#include "bench_options.hpp"
#include "channel_catalog.hpp"
#include "line_renderer.hpp"
#include "run_measure.hpp"

namespace falco_bench {

struct channel_result {
    channel_spec spec;
    std::uint64_t alerts = 0;
    std::vector<run_measure> impl_runs;  // the implementation (A), one per round
    std::vector<run_measure> vs_runs;    // the second implementation (B, --vs), one per round
    std::vector<run_measure> baseline_runs;
    std::string skipped;  // why the channel could not run at all (e.g. no mount namespace)

    bool buffered = true;  // buffered_outputs as run (the channel's own or --buffered-outputs)
};

// Runs one channel configuration `repeat` rounds: in each round the implementation, the second
// one when there is one, then the baseline; every run in a fresh directory with fresh mocks,
// every alert counted at the sink.
class channel_runner {
public:
    channel_runner(const bench_options& opts, std::string root_dir,
                   const std::vector<sample_alert>& alerts);

    channel_result run(const channel_spec& spec);

private:
    run_measure run_impl_once(const std::vector<std::string>& impl, const channel_spec& spec,
                              std::uint64_t n, const std::string& dir);
    run_measure run_baseline_once(const channel_spec& spec, std::uint64_t n,
                                  const std::string& dir);
    std::string config_yaml(const channel_spec& spec, const std::string& dir,
                            const std::string& http_url) const;
    bool buffered(const channel_spec& spec) const;
    std::string input_for(std::uint64_t n) const;
    const std::string& alerts_file_for(std::uint64_t n);
    std::vector<std::string> payloads_for(const channel_spec& spec, std::uint64_t n) const;
    std::vector<std::string> environment(const std::string& dir,
                                         const std::string& alerts_file) const;

    const bench_options& opts_;
    std::string root_dir_;
    const std::vector<sample_alert>& alerts_;
    line_renderer renderer_;
    std::string input_;                   // every alert as contract lines
    std::vector<std::size_t> line_ends_;  // offset after each line of input_
    // PROTOCOL.md "Alerts file for adapters": the first N lines of input_, per N, written
    // before the first run that needs them.
    std::map<std::uint64_t, std::string> alerts_files_;
};

extern const char* const bench_hostname;

}  // namespace falco_bench
