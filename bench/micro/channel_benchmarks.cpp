// SPDX-License-Identifier: Apache-2.0
// Each channel's write path: deliver() of formatted text messages of the three sizes to a
// real sink (stdout on /dev/null, a file on the scratch disk, syslog(3) into a private
// /dev/log, `cat >/dev/null` behind a pipe, a loopback HTTP server with connection reuse).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>

#include "falco_ref/channels/file_channel.hpp"
#include "falco_ref/channels/http_channel.hpp"
#include "falco_ref/channels/program_channel.hpp"
#include "falco_ref/channels/stdout_channel.hpp"
#include "falco_ref/channels/syslog_channel.hpp"
#include "micro_alerts.hpp"
#include "micro_environment.hpp"
#include "micro_registry.hpp"

namespace falco_bench {
namespace {

using channel_factory = std::function<std::unique_ptr<falco_ref::channel>(falco_ref::config&)>;

// The delivery loop every channel benchmark shares; `between` runs every 8192 messages with
// the clock paused (file truncation keeps the scratch disk from filling up).
void deliver_loop(benchmark::State& state, falco_ref::config& cfg, const channel_factory& make,
                  const std::function<void()>& between = {}) {
    auto messages = formatted_messages(std::size_t(state.range(0)), false);
    std::unique_ptr<falco_ref::channel> ch = make(cfg);
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        const auto& msg = messages[i++ % messages.size()];
        ch->deliver(msg);
        bytes += msg.line.size() + 1;
        if (between && i % 8192 == 0) {
            state.PauseTiming();
            between();
            state.ResumeTiming();
        }
    }
    ch->close();
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(std::int64_t(bytes));
    state.SetLabel("fields~" + std::to_string(state.range(0)) + "B");
}

// stdout_channel writes to C stdio's stdout; fd 1 is pointed at /dev/null for the run and
// restored (after a flush) before the benchmark library prints its report line.
void bm_stdout(benchmark::State& state, bool buffered) {
    std::fflush(stdout);
    int saved = ::dup(1);
    int null_fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    ::dup2(null_fd, 1);
    ::close(null_fd);
    falco_ref::config cfg = micro_config(false);
    cfg.buffered_outputs = buffered;
    cfg.stdout_output.enabled = true;
    deliver_loop(state, cfg, [](falco_ref::config& c) {
        return std::make_unique<falco_ref::stdout_channel>(c);
    });
    std::fflush(stdout);
    ::dup2(saved, 1);
    ::close(saved);
}

void bm_file(benchmark::State& state, bool keep_alive, bool buffered) {
    falco_ref::config cfg = micro_config(false);
    cfg.buffered_outputs = buffered;
    cfg.file_output.enabled = true;
    cfg.file_output.keep_alive = keep_alive;
    cfg.file_output.filename = micro_environment::scratch_dir() + "/events.txt";
    std::string path = cfg.file_output.filename;
    ::truncate(path.c_str(), 0);
    deliver_loop(
        state, cfg,
        [](falco_ref::config& c) { return std::make_unique<falco_ref::file_channel>(c); },
        [&] { [[maybe_unused]] int rc = ::truncate(path.c_str(), 0); });
    ::unlink(path.c_str());
}

void bm_syslog(benchmark::State& state) {
    if (const auto& why = micro_environment::syslog_unavailable()) {
        state.SkipWithError(("syslog needs a private /dev/log: " + *why).c_str());
        return;
    }
    falco_ref::config cfg = micro_config(false);
    cfg.syslog_output.enabled = true;
    std::uint64_t before = micro_environment::syslog_datagrams();
    deliver_loop(state, cfg, [](falco_ref::config& c) {
        return std::make_unique<falco_ref::syslog_channel>(c);
    });
    // Visible in the JSON output: what the receiver got so far (it may still be reading).
    state.counters["received"] = double(micro_environment::syslog_datagrams() - before);
}

void bm_program(benchmark::State& state, bool keep_alive, bool buffered) {
    falco_ref::config cfg = micro_config(false);
    cfg.buffered_outputs = buffered;
    cfg.program_output.enabled = true;
    cfg.program_output.keep_alive = keep_alive;
    cfg.program_output.program = "cat >/dev/null";
    deliver_loop(state, cfg, [](falco_ref::config& c) {
        return std::make_unique<falco_ref::program_channel>(c);
    });
}

void bm_http(benchmark::State& state) {
    falco_ref::config cfg = micro_config(false);
    cfg.http_output.enabled = true;
    cfg.http_output.url = micro_environment::http_url();
    falco_ref::http_channel::global_init();
    std::uint64_t before = micro_environment::http_requests();
    deliver_loop(state, cfg,
                 [](falco_ref::config& c) { return std::make_unique<falco_ref::http_channel>(c); });
    state.counters["received"] = double(micro_environment::http_requests() - before);
}

void sized_io(benchmark::internal::Benchmark* b) {
    for (long s : field_sizes()) {
        b->Arg(s);
    }
    b->UseRealTime();
}

}  // namespace

void register_channel_benchmarks() {
    sized_io(benchmark::RegisterBenchmark("channel/stdout/buffered",
                                          [](benchmark::State& s) { bm_stdout(s, true); }));
    sized_io(benchmark::RegisterBenchmark("channel/stdout/unbuffered",
                                          [](benchmark::State& s) { bm_stdout(s, false); }));
    for (bool keep : {true, false}) {
        for (bool buffered : {true, false}) {
            std::string name = std::string("channel/file/") + (keep ? "keep" : "nokeep") + "/" +
                               (buffered ? "buffered" : "unbuffered");
            sized_io(benchmark::RegisterBenchmark(
                name.c_str(), [=](benchmark::State& s) { bm_file(s, keep, buffered); }));
        }
    }
    sized_io(benchmark::RegisterBenchmark("channel/syslog", bm_syslog));
    sized_io(benchmark::RegisterBenchmark("channel/program/keep/buffered",
                                          [](benchmark::State& s) { bm_program(s, true, true); }));
    sized_io(benchmark::RegisterBenchmark("channel/program/keep/unbuffered",
                                          [](benchmark::State& s) { bm_program(s, true, false); }));
    sized_io(benchmark::RegisterBenchmark("channel/program/nokeep",
                                          [](benchmark::State& s) { bm_program(s, false, true); }));
    sized_io(benchmark::RegisterBenchmark("channel/http/reuse", bm_http));
}

}  // namespace falco_bench
