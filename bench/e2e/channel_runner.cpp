// SPDX-License-Identifier: Apache-2.0
#include "channel_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "baseline_runner.hpp"
#include "impl_runner.hpp"
#include "mocks/dev_log_namespace.hpp"
#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"
#include "sink_counter.hpp"

namespace falco_bench {

const char* const bench_hostname = "falco-bench";

namespace {

namespace fs = std::filesystem;

std::string tail_of(const std::string& path, std::size_t max) {
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > max) {
        text = "..." + text.substr(text.size() - max);
    }
    while (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    return text;
}

// A mock started for one run, with the file its records go to.
struct running_mock {
    std::optional<mocks::mock_process> process;
    std::string records;
    std::string socket;  // syslog
    std::string url;     // http
};

running_mock start_mock(sink_kind kind, const std::string& dir) {
    running_mock m;
    m.records = dir + "/records.jsonl";
    if (kind == sink_kind::syslog) {
        m.socket = dir + "/log.sock";
        m.process = mocks::mock_process::start(
            {mocks::mock_syslog_path(), "--unix", m.socket, "--out", m.records});
    } else if (kind == sink_kind::http) {
        fs::create_directories(dir + "/certs");
        m.process = mocks::mock_process::start(
            {mocks::mock_http_path(), "--http", "--cert-dir", dir + "/certs", "--out", m.records});
        auto port = m.process->ready_value("http");
        if (!port) {
            throw std::runtime_error("mock-http READY line without http=PORT");
        }
        m.url = "http://127.0.0.1:" + *port + "/";
    }
    return m;
}

// Datagrams may still sit in the socket queue (and a request record may follow its answer)
// when the sender is done: wait until every expected record is there, or until the count has
// not moved for 500 ms (the sender has exited, so nothing else is coming), 10 s at most.
void settle(const running_mock& m, sink_kind kind, std::uint64_t expected) {
    if (!m.process) {
        return;
    }
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::seconds(10);
    std::uint64_t last = 0;
    auto last_change = clock::now();
    for (;;) {
        std::uint64_t n = count_record_lines(kind, m.records);
        if (n >= expected || clock::now() > deadline) {
            return;
        }
        if (n != last) {
            last = n;
            last_change = clock::now();
        } else if (clock::now() - last_change > std::chrono::milliseconds(500)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string sink_path(sink_kind kind, const std::string& dir, const running_mock& mock) {
    switch (kind) {
        case sink_kind::stdout_file:
            return dir + "/stdout.txt";
        case sink_kind::file:
            return dir + "/events.txt";
        case sink_kind::program:
            return dir + "/program_counts.txt";
        case sink_kind::discarded:
            return dir + "/stdout.txt";  // the statistics
        case sink_kind::syslog:
        case sink_kind::http:
            return mock.records;
    }
    return {};
}

std::string program_command(const std::string& dir) {
    // A cat-like sink that also counts what it read: `wc -lc` reads stdin to EOF like
    // `cat >/dev/null` and appends "LINES BYTES" when its stdin closes.
    return "wc -lc >> '" + dir + "/program_counts.txt'";
}

void count_into(run_measure& m, sink_kind kind, const std::string& path) {
    try {
        sink_count c = count_sink(kind, path);
        m.delivered = c.alerts;
        m.bytes = c.bytes;
    } catch (const std::exception& e) {
        if (m.error.empty()) {
            m.error = std::string("counting: ") + e.what();
        }
    }
    if (m.error.empty() && m.delivered != m.sent) {
        m.error = m.delivered < m.sent ? "lost " + std::to_string(m.sent - m.delivered) + " of " +
                                             std::to_string(m.sent) + " alerts"
                                       : "counted " + std::to_string(m.delivered) + " alerts for " +
                                             std::to_string(m.sent) + " sent";
    }
}

// A set-up failure (a mock that does not start, a file that cannot be created) fails the run,
// not the whole benchmark.
template <typename F>
run_measure guarded(std::uint64_t sent, F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        run_measure m;
        m.sent = sent;
        m.error = e.what();
        return m;
    }
}

}  // namespace

channel_runner::channel_runner(const bench_options& opts, std::string root_dir,
                               const std::vector<sample_alert>& alerts)
    : opts_(opts),
      root_dir_(std::move(root_dir)),
      alerts_(alerts),
      renderer_(opts.profile, opts.json_format, bench_hostname) {
    for (const auto& a : alerts_) {
        input_ += to_contract_line(a, opts_.output_templates);
        line_ends_.push_back(input_.size());
    }
}

std::string channel_runner::input_for(std::uint64_t n) const {
    return input_.substr(0, line_ends_[n - 1]);
}

const std::string& channel_runner::alerts_file_for(std::uint64_t n) {
    auto it = alerts_files_.find(n);
    if (it != alerts_files_.end()) {
        return it->second;
    }
    std::string path = root_dir_ + "/alerts-" + std::to_string(n) + ".jsonl";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(input_.data(), std::streamsize(line_ends_[n - 1]));
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + path);
    }
    return alerts_files_.emplace(n, std::move(path)).first->second;
}

std::vector<std::string> channel_runner::payloads_for(const channel_spec& spec,
                                                      std::uint64_t n) const {
    std::vector<std::string> out;
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        switch (spec.sink) {
            case sink_kind::syslog:
                out.push_back(renderer_.syslog_datagram(alerts_[i]));
                break;
            case sink_kind::http:
                out.push_back(renderer_.line(alerts_[i]));
                break;
            default:
                out.push_back(renderer_.line(alerts_[i]) + "\n");
        }
    }
    return out;
}

std::vector<std::string> channel_runner::environment(const std::string& dir,
                                                     const std::string& alerts_file) const {
    const char* path = std::getenv("PATH");
    const char* home = std::getenv("HOME");
    return {"TZ=UTC0",
            std::string("FALCO_HOSTNAME=") + bench_hostname,
            std::string("PATH=") + (path ? path : "/usr/local/bin:/usr/bin:/bin"),
            std::string("HOME=") + (home ? home : "/"),
            "CAPTURE_LOG=" + dir + "/capture.jsonl",
            "FALCO_CONFORMANCE_ALERTS=" + alerts_file};
}

bool channel_runner::buffered(const channel_spec& spec) const {
    return opts_.buffered_outputs.value_or(spec.buffered);
}

std::string channel_runner::config_yaml(const channel_spec& spec, const std::string& dir,
                                        const std::string& http_url) const {
    auto flag = [](bool b) { return b ? "true" : "false"; };
    std::ostringstream y;
    y << "# falco-bench: channel " << spec.name << " (" << spec.description << ")\n"
      << "json_output: " << flag(opts_.json_format) << "\n"
      << "priority: debug\n"
      << "buffered_outputs: " << flag(buffered(spec)) << "\n"
      << "log_stderr: true\n"
      << "log_syslog: false\n"
      << "log_level: warning\n";
    if (opts_.profile == "0.44") {
        // At EOF the reader is done long before a slow channel; 0.44 bounds the shutdown drain
        // by output_timeout (2 s) and discards the rest, which would turn a throughput figure
        // into a loss. Ten minutes: the drain always completes.
        y << "output_timeout: 600000\n";
    }
    if (opts_.profile == "legacy") {
        // legacy's token bucket (1/s, burst 1000) would measure the limiter, not the channel.
        y << "outputs:\n  rate: 1000000000\n  max_burst: 1000000000\n";
    }
    y << "stdout_output:\n  enabled: " << flag(spec.sink == sink_kind::stdout_file) << "\n"
      << "syslog_output:\n  enabled: " << flag(spec.sink == sink_kind::syslog) << "\n"
      << "file_output:\n  enabled: "
      << flag(spec.sink == sink_kind::file || spec.sink == sink_kind::discarded) << "\n"
      << "  keep_alive: " << flag(spec.keep_alive) << "\n"
      << "  filename: " << (spec.sink == sink_kind::discarded ? "/dev/null" : "./events.txt")
      << "\n"
      << "program_output:\n  enabled: " << flag(spec.sink == sink_kind::program) << "\n"
      << "  keep_alive: " << flag(spec.keep_alive) << "\n"
      << "  program: \"" << program_command(dir) << "\"\n"
      << "http_output:\n  enabled: " << flag(spec.sink == sink_kind::http) << "\n"
      << "  url: \"" << (http_url.empty() ? "http://127.0.0.1:9/" : http_url) << "\"\n";
    return y.str();
}

run_measure channel_runner::run_impl_once(const std::vector<std::string>& impl,
                                          const channel_spec& spec, std::uint64_t n,
                                          const std::string& dir) {
    running_mock mock = start_mock(spec.sink, dir);
    {
        std::ofstream cfg(dir + "/falco.yaml");
        cfg << config_yaml(spec, dir, mock.url);
    }
    impl_launch launch;
    launch.argv = impl;
    launch.argv.insert(launch.argv.end(), {"-c", "falco.yaml"});
    launch.work_dir = dir;
    launch.env = environment(dir, alerts_file_for(n));
    launch.stdout_path = dir + "/stdout.txt";
    launch.stderr_path = dir + "/stderr.txt";
    if (spec.sink == sink_kind::syslog) {
        launch.dev_log_socket = mock.socket;
    }
    launch.timeout = std::chrono::seconds(opts_.timeout_s);

    run_measure m = run_implementation(launch, input_for(n));
    m.sent = n;
    settle(mock, spec.sink, n);
    if (mock.process) {
        mock.process->stop();
    }
    count_into(m, spec.sink, sink_path(spec.sink, dir, mock));
    if (m.exit_code != 0) {
        std::string err = tail_of(launch.stderr_path, 600);
        if (!err.empty()) {
            m.error += "; stderr: " + err;
        }
    }
    return m;
}

run_measure channel_runner::run_baseline_once(const channel_spec& spec, std::uint64_t n,
                                              const std::string& dir) {
    running_mock mock = start_mock(spec.sink, dir);
    baseline_target t;
    t.file_path = sink_path(spec.sink, dir, mock);
    t.socket_path = mock.socket;
    t.program = program_command(dir);
    t.url = mock.url;
    t.json_content = opts_.json_format;
    std::vector<std::string> payloads = payloads_for(spec, n);
    run_measure m = run_baseline(spec.baseline, t, payloads);
    m.sent = n;
    settle(mock, spec.sink, n);
    if (mock.process) {
        mock.process->stop();
    }
    count_into(m, spec.sink, sink_path(spec.sink, dir, mock));
    return m;
}

channel_result channel_runner::run(const channel_spec& spec) {
    channel_result r;
    r.spec = spec;
    r.alerts = std::min<std::uint64_t>(opts_.alerts_for(spec.name), alerts_.size());
    if (spec.sink == sink_kind::syslog) {
        if (auto why = mocks::private_dev_log_unavailable()) {
            r.skipped = "no private /dev/log: " + *why;
            return r;
        }
    }
    r.buffered = buffered(spec);
    // A fresh directory per run, removed after it unless the work is kept.
    auto in_dir = [&](const std::string& side, unsigned round, auto&& run_in) {
        std::string dir = root_dir_ + "/" + spec.name + "-" + side + "-" + std::to_string(round);
        fs::create_directories(dir);
        run_measure m = guarded(r.alerts, [&] { return run_in(dir); });
        if (!opts_.keep_work) {
            fs::remove_all(dir);
        }
        return m;
    };
    const bool baseline = !opts_.skip_baseline && spec.baseline != baseline_kind::none;
    for (unsigned k = 1; k <= opts_.repeat; ++k) {
        r.impl_runs.push_back(in_dir("impl", k, [&](const std::string& dir) {
            return run_impl_once(opts_.impl, spec, r.alerts, dir);
        }));
        if (opts_.has_vs()) {
            r.vs_runs.push_back(in_dir("vs", k, [&](const std::string& dir) {
                return run_impl_once(opts_.vs_impl, spec, r.alerts, dir);
            }));
        }
        if (baseline) {
            r.baseline_runs.push_back(in_dir("baseline", k, [&](const std::string& dir) {
                return run_baseline_once(spec, r.alerts, dir);
            }));
        }
    }
    return r;
}

}  // namespace falco_bench
