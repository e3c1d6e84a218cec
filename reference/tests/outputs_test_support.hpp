// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "config_test_support.hpp"
#include "falco_ref/channel.hpp"

namespace falco_ref::testing {

// Waits for `done` to hold, polling every 10 ms, at most `deadline`.
inline bool wait_until(const std::function<bool()>& done,
                       std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

// Redirects fd 2 (the logger's stderr) to a file for the lifetime of the object.
class stderr_capture {
public:
    stderr_capture() {
        path_ = dir_.file("stderr.txt");
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
    }
    ~stderr_capture() {
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
    }
    std::string text() const { return read_file(path_); }
    std::size_t count(const std::string& needle) const {
        const std::string t = text();
        std::size_t n = 0;
        for (std::size_t pos = t.find(needle); pos != std::string::npos;
             pos = t.find(needle, pos + 1)) {
            ++n;
        }
        return n;
    }

private:
    temp_dir dir_;
    std::string path_;
    int saved_ = -1;
};

// A channel that records every call and can be made to block inside deliver() until the test
// releases it, to control the worker deterministically.
class recording_channel : public channel {
public:
    explicit recording_channel(std::string name) : name_(std::move(name)) {}

    std::string_view name() const override { return name_; }

    channel_outcome deliver(const output_message& msg) override {
        std::unique_lock lock(mutex_);
        calls_.push_back(name_ + ":deliver:" + msg.line);
        ++in_deliver_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return !blocking_; });
        return outcome_;
    }
    channel_outcome reopen() override {
        record("reopen");
        return channel_outcome::done();
    }
    channel_outcome close() override {
        record("close");
        return channel_outcome::done();
    }

    void block() {
        std::lock_guard lock(mutex_);
        blocking_ = true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            blocking_ = false;
        }
        changed_.notify_all();
    }
    // Every later delivery fails with `reason`, reported as `how`.
    void fail_with(std::string reason,
                   channel_outcome::report how = channel_outcome::report::by_worker) {
        std::lock_guard lock(mutex_);
        outcome_ = channel_outcome::failed(std::move(reason), how);
    }
    // Waits until deliver() has been entered `n` times.
    bool wait_in_deliver(int n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return in_deliver_ >= n; });
    }
    std::vector<std::string> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }

private:
    void record(const std::string& what) {
        std::lock_guard lock(mutex_);
        calls_.push_back(name_ + ":" + what);
    }

    std::string name_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool blocking_ = false;
    int in_deliver_ = 0;
    channel_outcome outcome_ = channel_outcome::done();
    std::vector<std::string> calls_;
};

}  // namespace falco_ref::testing
