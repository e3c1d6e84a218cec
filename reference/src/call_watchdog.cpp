// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/call_watchdog.hpp"

namespace falco_ref {

call_watchdog::call_watchdog(callback on_timeout)
    : on_timeout_(std::move(on_timeout)), thread_([this] { run(); }) {}

call_watchdog::~call_watchdog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void call_watchdog::arm(std::chrono::milliseconds timeout, std::string payload) {
    std::lock_guard lock(mutex_);
    deadline_ = std::chrono::steady_clock::now() + timeout;
    payload_ = std::move(payload);
}

void call_watchdog::cancel() {
    std::lock_guard lock(mutex_);
    deadline_.reset();
}

void call_watchdog::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // A poll, as Falco's: the resolution is part of the observable timing.
        wake_.wait_for(lock, k_resolution);
        if (stopping_) {
            break;
        }
        if (deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
            deadline_.reset();  // once per armed call
            const std::string payload = payload_;
            lock.unlock();
            on_timeout_(payload);
            lock.lock();
        }
    }
}

}  // namespace falco_ref
