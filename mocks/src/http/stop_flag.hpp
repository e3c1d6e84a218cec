// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace mocks {

// Set once at shutdown; delayed and hanging requests wait on it so SIGTERM ends them at once.
class stop_flag {
public:
    void set() {
        {
            std::lock_guard lock(mutex_);
            set_ = true;
        }
        cv_.notify_all();
    }
    bool is_set() const {
        std::lock_guard lock(mutex_);
        return set_;
    }
    // True when the flag was set before `timeout` passed.
    bool wait_for(std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return cv_.wait_for(lock, timeout, [&] { return set_; });
    }
    void wait() const {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return set_; });
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    bool set_ = false;
};

}  // namespace mocks
