// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>

namespace conformance {

// The harness's own time limits (golden/README.md, "Steps"; conformance/README.md), each named
// in the message of a timeout it sets.
inline constexpr std::chrono::milliseconds k_default_case_timeout{20000};  // else timeout_ms
inline constexpr std::chrono::milliseconds k_default_step_timeout{5000};   // wait, send
inline constexpr std::chrono::milliseconds k_default_wait_exit_timeout{10000};
// After a failed step the verdict is known: a short grace keeps the channels comparable without
// waiting out the whole case timeout.
inline constexpr std::chrono::milliseconds k_grace_after_failed_step{3000};
// After the exit: how long the channels may take to reach end of file (a child of the
// implementation may still hold its stdout).
inline constexpr std::chrono::milliseconds k_drain_after_exit{1000};

// A deadline and what set it, so that every message about a timeout names the limit that
// applied and where it came from: "did not exit within 10000 ms (the default of wait_exit)",
// "timed out after the case timeout, 1000 ms (--timeout-ms)".
struct time_limit {
    std::chrono::steady_clock::time_point at;
    std::chrono::milliseconds length{0};
    std::string source;       // "--timeout-ms", "the default of wait", "steps[2] (wait) timeout_ms"
    bool whole_case = false;  // the case's own timeout, counted from the start of the case

    // A limit of `length` from now.
    static time_limit from_now(std::chrono::milliseconds length, std::string source,
                               bool whole_case = false) {
        return {std::chrono::steady_clock::now() + length, length, std::move(source), whole_case};
    }

    // The earlier of this limit and `other`.
    time_limit earlier(const time_limit& other) const { return other.at < at ? other : *this; }

    // "10000 ms (the default of wait_exit)", "the case timeout, 1000 ms (--timeout-ms)".
    std::string describe() const {
        const auto ms = std::to_string(length.count()) + " ms (" + source + ")";
        return whole_case ? "the case timeout, " + ms : ms;
    }
};

}  // namespace conformance
