// SPDX-License-Identifier: Apache-2.0
#include "capture_loop.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>

namespace mocks {

std::uint64_t monotonic_ns() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ULL +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

capture_loop::capture_loop(const options& opts, const record_log& log, signal_pipe& signals)
    : opts_(opts), log_(log), signals_(signals), pid_(::getpid()) {}

int capture_loop::run(const std::vector<std::string>& argv,
                      const std::function<void()>& after_start) {
    emit("start", [&](json_line& j) {
        j.number("ppid", ::getppid())
            .number("pgid", ::getpgrp())
            .number("sid", ::getsid(0))
            .bytes_array("argv", argv);
    });
    if (after_start) {
        after_start();
    }
    std::uint64_t reads = 0;
    std::vector<char> buffer(64 * 1024);
    for (;;) {
        if (opts_.stop_reading_after && reads >= *opts_.stop_reading_after) {
            // Alive but deaf: the writer's pipe fills up and EOF is never seen, so only a
            // signal configured to exit ends this.
            wait(false, -1);
            if (handle_signals()) {
                return finish();
            }
            continue;
        }
        if (opts_.sleep_before_read_ms > 0) {
            // A slow consumer; signals are still handled while it dawdles.
            const auto until = std::chrono::steady_clock::now() +
                               std::chrono::milliseconds(opts_.sleep_before_read_ms);
            for (auto now = std::chrono::steady_clock::now(); now < until;
                 now = std::chrono::steady_clock::now()) {
                const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
                wait(false, static_cast<int>(left) + 1);
                if (handle_signals()) {
                    return finish();
                }
            }
        }
        const bool readable = wait(true, -1);
        if (handle_signals()) {
            return finish();
        }
        if (!readable) {
            continue;
        }
        const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        const std::uint64_t t = monotonic_ns();
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            emit(
                "eof", [](json_line& j) { j.text("error", "read failed"); }, t);
            return finish();
        }
        if (n == 0) {
            emit("eof", {}, t);
            return finish();
        }
        emit(
            "read",
            [&](json_line& j) {
                j.bytes("data", std::string_view(buffer.data(), static_cast<std::size_t>(n)));
            },
            t);
        ++reads;
        if (opts_.exit_after_reads && reads >= *opts_.exit_after_reads) {
            return finish();
        }
    }
}

bool capture_loop::handle_signals() {
    bool exit = false;
    for (int s : signals_.take()) {
        emit("signal", [&](json_line& j) { j.text("signal", signal_name(s)); });
        const auto it = opts_.exit_on_signal.find(s);
        exit = exit || (it != opts_.exit_on_signal.end() && it->second);
    }
    return exit;
}

bool capture_loop::wait(bool with_stdin, int timeout_ms) {
    pollfd fds[2] = {{signals_.fd(), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    const int r = ::poll(fds, with_stdin ? 2 : 1, timeout_ms);
    // POLLHUP/POLLERR too: read() then reports EOF or the error.
    return r > 0 && with_stdin && fds[1].revents != 0;
}

int capture_loop::finish() {
    emit("exit", [&](json_line& j) { j.number("code", opts_.exit_code); });
    return opts_.exit_code;
}

void capture_loop::emit(const std::string& event, const std::function<void(json_line&)>& fields,
                        std::optional<std::uint64_t> t_ns) {
    json_line j;
    j.text("event", event).number("pid", pid_);
    if (fields) {
        fields(j);
    }
    j.number("t_ns", static_cast<std::int64_t>(t_ns.value_or(monotonic_ns())));
    log_.append(j.finish());
}

}  // namespace mocks
