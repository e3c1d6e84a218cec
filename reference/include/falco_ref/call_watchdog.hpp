// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace falco_ref {

// Falco's watchdog (falco@0.44.1:userspace/falco/watchdog.h:30-71): a deadline armed before a
// call and polled every 100 ms; when it passes, the callback runs once with the payload given
// at arming time, and the call itself is never interrupted.
class call_watchdog {
public:
    using callback = std::function<void(const std::string& payload)>;
    static constexpr std::chrono::milliseconds k_resolution{100};

    explicit call_watchdog(callback on_timeout);
    ~call_watchdog();

    call_watchdog(const call_watchdog&) = delete;
    call_watchdog& operator=(const call_watchdog&) = delete;

    void arm(std::chrono::milliseconds timeout, std::string payload);
    void cancel();

private:
    void run();

    callback on_timeout_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::optional<std::chrono::steady_clock::time_point> deadline_;
    std::string payload_;
    std::thread thread_;
};

}  // namespace falco_ref
