// SPDX-License-Identifier: Apache-2.0
#include "run/step_executor.hpp"

#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <regex>

#include <mocks/records.hpp>

#include "judge/line_diff.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

// Reading a channel parses its records (up to thousands of HTTP requests in load cases):
// 10 ms keeps that cheap and is far below any timing a case asserts.
constexpr auto k_poll = std::chrono::milliseconds(10);

std::chrono::milliseconds until(clock_type::time_point deadline) {
    return std::max(
        std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()));
}

std::string describe_observed(const step& s) {
    auto text = s.observed.describe();
    if (s.pattern) {
        text += " matching /" + *s.pattern + "/";
    }
    return text;
}

}  // namespace

time_limit step_executor::limit(const step& s, std::chrono::milliseconds fallback,
                                const char* kind_name) const {
    const auto own =
        s.timeout ? time_limit::from_now(*s.timeout, s.label + " timeout_ms")
                  : time_limit::from_now(fallback, std::string("the default of ") + kind_name);
    return own.earlier(case_limit_);
}

std::size_t step_executor::count(const step& s) const {
    const auto records = channels_.records(s.observed);
    if (!s.pattern) {
        return records.size();
    }
    const std::regex re(values_.apply(*s.pattern, s.label));
    return static_cast<std::size_t>(std::count_if(
        records.begin(), records.end(), [&](const auto& r) { return std::regex_search(r, re); }));
}

std::optional<failure> step_executor::run(const step& s) {
    try {
        switch (s.what) {
            case step::kind::send:
            case step::kind::send_raw:
            case step::kind::send_file:
            case step::kind::send_generated:
                return send(s);
            case step::kind::wait:
                return wait(s);
            case step::kind::quiet:
                return quiet(s);
            case step::kind::check: {
                auto j = checker_.compare_channel(s.observed, s.equals);
                return j.failures.empty() ? std::nullopt
                                          : std::optional<failure>(std::move(j.failures.front()));
            }
            case step::kind::signal:
                return signal(s);
            case step::kind::close_stdin:
                process_.close_input();
                return std::nullopt;
            case step::kind::wait_exit:
                return wait_exit(s);
            case step::kind::release:
                fleet_.release_http();
                return std::nullopt;
            case step::kind::read_fifo:
                return read_fifo(s);
            case step::kind::stop_mock:
                fleet_.stop_mock(s.mock);
                return std::nullopt;
            default:
                return apply_file_action(channels_.paths().work, s);
        }
    } catch (const std::exception& e) {
        // Unreadable mock records and the like: the step cannot be judged, so it fails.
        return failure{s.label, e.what(), ""};
    }
}

std::optional<failure> step_executor::send(const step& s) {
    const std::string data = payloads_.of(s);
    // The implementation reads while its stdout and stderr are drained by the reader thread,
    // so a large write only waits for it to read; the step's timeout bounds that wait.
    const auto error = process_.write_input(data, limit(s, k_default_step_timeout, "send"));
    // An implementation that stopped reading because it exited (a start-up error) is judged by
    // the exit code and stderr expectations, not here.
    if (error.empty() || error.find("EPIPE") != std::string::npos) {
        return std::nullopt;
    }
    return failure{s.label, error, ""};
}

std::optional<failure> step_executor::wait(const step& s) {
    const auto end = limit(s, k_default_step_timeout, "wait");
    bool gone = false;
    const bool reached = mocks::wait_until(
        [&] {
            if (count(s) >= s.count) {
                return true;
            }
            // Nothing more can arrive once the implementation and its children are gone.
            gone = !mode_.daemon && process_.exited() && process_.group_empty();
            return gone && process_.drain(clock_type::now()) && count(s) < s.count;
        },
        until(end.at), k_poll);
    const auto have = count(s);
    if (reached && have >= s.count) {
        return std::nullopt;
    }
    std::string detail;
    const auto records = channels_.records(s.observed);
    for (std::size_t i = records.size() > 5 ? records.size() - 5 : 0; i < records.size(); ++i) {
        detail += "  record " + std::to_string(i + 1) + ": " + escape_visible(records[i]) + "\n";
    }
    const auto why =
        gone ? "the implementation " + describe_wait_status(process_.status()) + " first"
             : "timed out after " + end.describe();
    return failure{s.label,
                   why + ": " + describe_observed(s) + " has " + std::to_string(have) + " of " +
                       std::to_string(s.count) + " records",
                   detail};
}

std::optional<failure> step_executor::quiet(const step& s) {
    const auto end = std::min(case_limit_.at, clock_type::now() + s.window);
    std::size_t seen = 0;
    // The explicit window: poll for the whole window, fail at the first excess record.
    mocks::wait_until([&] { return (seen = count(s)) > s.count; }, until(end), k_poll);
    if (seen > s.count) {
        const auto records = channels_.records(s.observed);
        return failure{
            s.label,
            describe_observed(s) + " shows " + std::to_string(seen) + " records within " +
                std::to_string(s.window.count()) + " ms, at most " + std::to_string(s.count) +
                " allowed",
            records.empty() ? "" : "  last record: " + escape_visible(records.back()) + "\n"};
    }
    return std::nullopt;
}

std::optional<failure> step_executor::follow_daemon(const time_limit& limit) {
    if (daemon_pid_ || !mode_.daemon) {
        return std::nullopt;
    }
    if (!process_.wait_exit(limit.at)) {
        return failure{"daemon", "the daemonising parent did not exit within " + limit.describe(),
                       ""};
    }
    const auto st = process_.status();
    if (!WIFEXITED(*st) || WEXITSTATUS(*st) != 0) {
        return failure{"daemon",
                       "the daemonising parent " + describe_wait_status(st) + " (expected 0)", ""};
    }
    if (!mode_.pidfile) {
        return failure{"daemon", "-d without -P: the harness cannot find the daemon", ""};
    }
    pid_t pid = 0;
    mocks::wait_until(
        [&] {
            const auto text = read_file(*mode_.pidfile);
            pid = text.empty() ? 0 : static_cast<pid_t>(std::atol(text.c_str()));
            return pid > 0;
        },
        until(limit.at), k_poll);
    if (pid <= 0) {
        return failure{"daemon",
                       "no PID in " + mode_.pidfile->string() + " within " + limit.describe(), ""};
    }
    daemon_pid_ = pid;
    process_.adopt_group(pid);  // the daemon called setsid: its group is its PID
    return std::nullopt;
}

std::optional<failure> step_executor::signal(const step& s) {
    if (auto f = follow_daemon(limit(s, k_default_step_timeout, "signal"))) {
        return f;
    }
    const pid_t target = daemon_pid_.value_or(process_.pid());
    if (kill(s.to_group ? -target : target, signal_number(s.sent_signal)) != 0) {
        return failure{s.label,
                       "kill(" + std::to_string(s.to_group ? -target : target) + ", SIG" +
                           std::string(signal_name(s.sent_signal)) +
                           ") failed: " + std::strerror(errno),
                       ""};
    }
    return std::nullopt;
}

std::optional<failure> step_executor::wait_exit(const step& s) {
    const auto end = limit(s, k_default_wait_exit_timeout, "wait_exit");
    if (auto f = follow_daemon(end)) {
        return f;
    }
    const pid_t pid = daemon_pid_.value_or(process_.pid());
    if (!process_.wait_exit(pid, end.at)) {
        return failure{s.label, "the implementation did not exit within " + end.describe(), ""};
    }
    const auto st = process_.status(pid);
    if (s.exit_code && !(WIFEXITED(*st) && WEXITSTATUS(*st) == *s.exit_code)) {
        return failure{
            s.label,
            "expected exit code " + std::to_string(*s.exit_code) + ", " + describe_wait_status(st),
            ""};
    }
    return std::nullopt;
}

std::optional<failure> step_executor::read_fifo(const step& s) {
    const auto& work = channels_.paths().work;
    fifo_readers_.push_back(std::make_unique<fifo_reader>(work / s.path, work / s.to));
    return std::nullopt;
}

std::optional<failure> apply_file_action(const fs::path& work, const step& s) {
    std::error_code ec;
    switch (s.what) {
        case step::kind::truncate:
            fs::resize_file(work / s.path, s.size, ec);
            break;
        case step::kind::mkfifo:
            if (mkfifo((work / s.path).c_str(), 0644) != 0) {
                ec.assign(errno, std::generic_category());
            }
            break;
        case step::kind::rename:
            fs::rename(work / s.path, work / s.to, ec);
            break;
        case step::kind::remove:
            fs::remove(work / s.path, ec);
            break;
        case step::kind::mkdir:
            fs::create_directories(work / s.path, ec);
            if (!ec && s.mode) {
                fs::permissions(work / s.path, static_cast<fs::perms>(*s.mode), ec);
            }
            break;
        case step::kind::chmod:
            fs::permissions(work / s.path, static_cast<fs::perms>(*s.mode), ec);
            break;
        default:
            break;
    }
    if (ec) {
        return failure{s.label, ec.message() + " (" + s.path + ")", ""};
    }
    return std::nullopt;
}

std::optional<failure> step_executor::finish(const time_limit& limit) {
    const auto end = limit.earlier(case_limit_);
    process_.close_input();
    if (auto f = follow_daemon(end)) {
        return f;
    }
    const pid_t pid = daemon_pid_.value_or(process_.pid());
    const bool exited = process_.wait_exit(pid, end.at);
    for (auto& reader : fifo_readers_) {
        reader->stop();
    }
    if (!exited) {
        return failure{"exit",
                       "the implementation did not exit within " + end.describe() +
                           " after its input was closed (killed)",
                       ""};
    }
    return std::nullopt;
}

}  // namespace conformance
