// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/outputs_queue.hpp"

#include <algorithm>
#include <cassert>
#include <iterator>

namespace falco_ref {
namespace {

std::size_t count_alerts(std::vector<outputs_item>::const_iterator begin,
                         std::vector<outputs_item>::const_iterator end) {
    return static_cast<std::size_t>(std::count_if(
        begin, end, [](const outputs_item& i) { return i.type == outputs_item::kind::output; }));
}

}  // namespace

std::size_t outputs_queue::batch_left() const {
    const std::size_t next = next_.load(std::memory_order_acquire);
    return next < batch_end_ ? batch_end_ - next : 0;
}

bool outputs_queue::try_push(outputs_item item) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (capacity_ != 0 && pushed_.size() + batch_left() >= capacity_) {
            return false;
        }
        pushed_.push_back(std::move(item));
        wake = take_waiting_consumer();
    }
    if (wake) {
        not_empty_.notify_one();
    }
    return true;
}

void outputs_queue::push_all(std::vector<outputs_item>& items) {
    if (items.empty()) {
        return;
    }
    assert(capacity_ == 0);
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        if (pushed_.empty()) {
            pushed_.swap(items);  // the caller keeps the consumer's old, empty storage
        } else {
            std::move(items.begin(), items.end(), std::back_inserter(pushed_));
            items.clear();
        }
        wake = take_waiting_consumer();
    }
    if (wake) {
        not_empty_.notify_one();
    }
}

bool outputs_queue::take_waiting_consumer() {
    // One wake-up per wait: further pushes before the consumer runs need none, and a consumer
    // that is busy with its batch finds the new items without one.
    const bool waiting = consumer_waiting_;
    consumer_waiting_ = false;
    return waiting;
}

outputs_item outputs_queue::pop() {
    for (;;) {
        // batch_end_ only changes in this function, on this (the consumer's) thread.
        const std::size_t i = next_.fetch_add(1, std::memory_order_acq_rel);
        if (i < batch_end_) {
            return std::move(batch_[i]);
        }
        std::unique_lock lock(mutex_);
        while (pushed_.empty()) {
            // Set before every wait: a producer clears it when it wakes us, and a spurious
            // wake-up must not leave it cleared.
            consumer_waiting_ = true;
            not_empty_.wait(lock);
        }
        consumer_waiting_ = false;
        batch_.clear();  // popped (moved-from) items and any that clear() claimed
        batch_.swap(pushed_);
        batch_end_ = batch_.size();
        next_.store(0, std::memory_order_release);
    }
}

std::size_t outputs_queue::clear() {
    std::lock_guard lock(mutex_);
    std::size_t alerts = count_alerts(pushed_.begin(), pushed_.end());
    pushed_.clear();
    // Claim what the consumer has not popped from its batch yet: after the exchange its next
    // pop() finds the batch exhausted and waits for the lock. The claimed items stay in batch_
    // (only their type is read here) until the consumer's next refill destroys them.
    const std::size_t from = next_.exchange(batch_end_, std::memory_order_acq_rel);
    if (from < batch_end_) {
        alerts += count_alerts(batch_.begin() + static_cast<std::ptrdiff_t>(from),
                               batch_.begin() + static_cast<std::ptrdiff_t>(batch_end_));
    }
    return alerts;
}

}  // namespace falco_ref
