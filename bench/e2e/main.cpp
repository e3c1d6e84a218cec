// SPDX-License-Identifier: Apache-2.0
// falco-bench: end-to-end channel throughput of any output implementation (bench/README.md).
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench_options.hpp"
#include "bench_report.hpp"
#include "channel_runner.hpp"
#include "spawn_server.hpp"
#include "svg_chart.hpp"

namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string make_root(const falco_bench::bench_options& opts) {
    if (opts.work_dir) {
        std::filesystem::create_directories(*opts.work_dir);
        return std::filesystem::absolute(*opts.work_dir).string();
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/falco-bench-XXXXXX";
    if (!::mkdtemp(templ.data())) {
        throw std::runtime_error("mkdtemp " + templ + " failed");
    }
    return templ;
}

int run(const falco_bench::bench_options& opts) {
    using namespace falco_bench;
    // Pipes to a program child and sockets to mocks may close under us; a write error is
    // reported by the loop, not by a signal.
    ::signal(SIGPIPE, SIG_IGN);

    if (opts.dump_alerts_path) {
        std::ofstream out(*opts.dump_alerts_path, std::ios::binary);
        for (std::uint64_t i = 0; i < opts.alerts; ++i) {
            out << to_contract_line(make_sample_alert(opts.fields_bytes, i), opts.output_templates);
        }
        if (!out) {
            throw std::runtime_error("cannot write " + *opts.dump_alerts_path);
        }
        return 0;
    }

    std::uint64_t max_alerts = 0;
    for (const auto& c : opts.channels) {
        max_alerts = std::max(max_alerts, opts.alerts_for(c));
    }
    std::vector<sample_alert> alerts;
    alerts.reserve(max_alerts);
    std::size_t input_bytes = 0;
    for (std::uint64_t i = 0; i < max_alerts; ++i) {
        alerts.push_back(make_sample_alert(opts.fields_bytes, i));
        input_bytes += to_contract_line(alerts.back(), opts.output_templates).size();
    }

    bench_report report;
    report.opts = &opts;
    report.machine = machine_info::probe();
    report.input_bytes_per_alert = max_alerts ? input_bytes / max_alerts : 0;
    report.rss_floor_kb = spawn_server::rss_floor_kb();

    std::string root = make_root(opts);
    std::cerr << "falco-bench: " << max_alerts << " alerts generated (~"
              << report.input_bytes_per_alert << " B each), work dir " << root << ", loadavg "
              << report.machine.loadavg_before << "\n";
    channel_runner runner(opts, root, alerts);
    for (const auto& name : opts.channels) {
        std::cerr << "falco-bench: channel " << name << " ..." << std::flush;
        report.results.push_back(runner.run(*find_channel(opts.profile, name)));
        const auto& r = report.results.back();
        std::cerr << (r.skipped.empty() ? " done" : " skipped: " + r.skipped) << "\n";
    }
    report.machine.loadavg_after = machine_info::loadavg();
    if (!opts.keep_work && !opts.work_dir) {
        std::filesystem::remove_all(root);
    }

    std::cout << report.console();
    if (opts.json_path) {
        write_file(*opts.json_path, report.json());
    }
    if (opts.markdown_path) {
        write_file(*opts.markdown_path, report.markdown());
    }
    if (opts.svg_path) {
        write_file(*opts.svg_path, svg_chart(report));
    }
    if (!report.all_complete()) {
        std::cerr << "falco-bench: some runs failed or lost alerts (see above)\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (std::find(args.begin(), args.end(), "--help") != args.end()) {
        std::cout << falco_bench::usage_text;
        return 0;
    }
    try {
        // Before the alerts are generated: see spawn_server.hpp.
        falco_bench::spawn_server::start();
        return run(falco_bench::parse_options(args));
    } catch (const falco_bench::usage_error& e) {
        std::cerr << "falco-bench: " << e.what() << "\n" << falco_bench::usage_text;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "falco-bench: error: " << e.what() << "\n";
        return 2;
    }
}
