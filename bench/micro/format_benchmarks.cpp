// SPDX-License-Identifier: Apache-2.0
// Formatting: the contract line parsed, the alert rendered as text, and as JSON by the
// reference and by the nlohmann peer (whose ratio main.cpp reports).
#include <benchmark/benchmark.h>

#include "falco_ref/alert_parser.hpp"
#include "falco_ref/format/alert_formatter.hpp"
#include "micro_alerts.hpp"
#include "micro_registry.hpp"
#include "nlohmann_peer.hpp"

namespace falco_bench {
namespace {

void set_size_label(benchmark::State& state) {
    state.SetLabel("fields~" + std::to_string(state.range(0)) + "B");
}

// `fields`: keep (the JSON formats) or skip (the text formats: output_fields checked only).
void bm_parse(benchmark::State& state, falco_ref::alert_parser::fields fields) {
    micro_alerts alerts(std::size_t(state.range(0)));
    falco_ref::alert_parser parser(falco_ref::get_profile(falco_ref::profile_id::v0_44), fields);
    falco_ref::alert out;
    std::string error;
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        const std::string& line = alerts.contract_line(i++);
        bool ok = parser.parse(line, out, error);
        benchmark::DoNotOptimize(ok);
        bytes += line.size();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(std::int64_t(bytes));
    set_size_label(state);
}

void bm_format(benchmark::State& state, bool json) {
    micro_alerts alerts(std::size_t(state.range(0)));
    falco_ref::config cfg = micro_config(json);
    falco_ref::alert_formatter formatter(cfg);
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        falco_ref::output_message msg;
        formatter.format(alerts.at(i++), msg);
        bytes += msg.line.size();
        benchmark::DoNotOptimize(msg.line.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(std::int64_t(bytes));
    set_size_label(state);
}

void bm_format_json_nlohmann(benchmark::State& state) {
    micro_alerts alerts(std::size_t(state.range(0)));
    nlohmann_peer peer(micro_config(true).hostname);
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        std::string line = peer.format(alerts.at(i++));
        bytes += line.size();
        benchmark::DoNotOptimize(line.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(std::int64_t(bytes));
    set_size_label(state);
}

}  // namespace

void register_format_benchmarks() {
    auto sized = [](benchmark::internal::Benchmark* b) {
        for (long s : field_sizes()) {
            b->Arg(s);
        }
    };
    using fields = falco_ref::alert_parser::fields;
    sized(benchmark::RegisterBenchmark("parse_alert",
                                       [](benchmark::State& s) { bm_parse(s, fields::keep); }));
    sized(benchmark::RegisterBenchmark("parse_alert/skip_fields",
                                       [](benchmark::State& s) { bm_parse(s, fields::skip); }));
    sized(benchmark::RegisterBenchmark("format_text/reference",
                                       [](benchmark::State& s) { bm_format(s, false); }));
    sized(benchmark::RegisterBenchmark("format_json/reference",
                                       [](benchmark::State& s) { bm_format(s, true); }));
    sized(benchmark::RegisterBenchmark("format_json/nlohmann", bm_format_json_nlohmann));
}

}  // namespace falco_bench
