// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace falco_bench {

// The console reporter plus, at the end, the throughput ratio of the reference's JSON
// formatting to the nlohmann peer per alert size (the median aggregate when repetitions
// are on, else the single run). Also keeps the ratios for main()'s exit summary.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override;
    void Finalize() override;

private:
    struct pair {
        double reference = 0, peer = 0;
        bool reference_median = false, peer_median = false;
    };
    std::map<long, pair> json_;  // by fields size
};

}  // namespace falco_bench
