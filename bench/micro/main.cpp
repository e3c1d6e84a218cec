// SPDX-License-Identifier: Apache-2.0
// bench_micro: formatting, channel write paths and the queue handoff (bench/README.md).
#include <benchmark/benchmark.h>

#include <iostream>

#include "falco_ref/format/alert_formatter.hpp"
#include "micro_alerts.hpp"
#include "micro_environment.hpp"
#include "micro_registry.hpp"
#include "nlohmann_peer.hpp"
#include "ratio_reporter.hpp"

namespace {

// A ratio between two formatters means something only if they produce the same bytes; a
// difference is reported (not fatal: the conformance suite owns correctness).
void check_peer_agrees() {
    using namespace falco_bench;
    falco_ref::config cfg = micro_config(true);
    falco_ref::alert_formatter formatter(cfg);
    nlohmann_peer peer(cfg.hostname);
    for (long size : field_sizes()) {
        micro_alerts alerts{std::size_t(size)};
        falco_ref::output_message ref_msg;
        formatter.format(alerts.at(0), ref_msg);
        const std::string& ref = ref_msg.line;
        std::string other = peer.format(alerts.at(0));
        if (ref != other) {
            std::cerr << "bench_micro: warning: reference and nlohmann peer differ at fields~"
                      << size << "B:\n  reference: " << ref << "\n  nlohmann:  " << other << "\n";
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    falco_bench::micro_environment::init();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    check_peer_agrees();
    falco_bench::register_format_benchmarks();
    falco_bench::register_channel_benchmarks();
    falco_bench::register_outputs_benchmarks();
    falco_bench::ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    falco_bench::micro_environment::shutdown();
    return 0;
}
