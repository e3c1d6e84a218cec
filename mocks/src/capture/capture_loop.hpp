// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mocks/json_line.hpp"
#include "mocks/record_log.hpp"
#include "mocks/signal_pipe.hpp"

namespace mocks {

// The program-output target: reads stdin until EOF (or a configured early stop) and records
// its lifecycle (mocks/README.md, "capture"). Returns the exit code to use.
class capture_loop {
public:
    struct options {
        std::map<int, bool> exit_on_signal;  // signal → exit (true) or continue (false)
        std::optional<std::uint64_t> exit_after_reads;
        std::optional<std::uint64_t> stop_reading_after;
        int sleep_before_read_ms = 0;
        int exit_code = 0;
    };

    capture_loop(const options& opts, const record_log& log, signal_pipe& signals);
    // `after_start` runs once the start record is written (readiness).
    int run(const std::vector<std::string>& argv, const std::function<void()>& after_start);

private:
    // Records the signals received; true when one of them means exit.
    bool handle_signals();
    // Waits up to `timeout_ms` (-1: forever) for a signal, or for stdin when `with_stdin`.
    // Returns true when stdin is readable.
    bool wait(bool with_stdin, int timeout_ms);
    int finish();
    // Writes {"event":..,"pid":..,<fields>,"t_ns":..}; t_ns is taken now unless given.
    void emit(const std::string& event, const std::function<void(json_line&)>& fields = {},
              std::optional<std::uint64_t> t_ns = std::nullopt);

    const options& opts_;
    const record_log& log_;
    signal_pipe& signals_;
    long pid_;
};

// CLOCK_MONOTONIC in nanoseconds, the records' `t_ns`.
std::uint64_t monotonic_ns();

}  // namespace mocks
