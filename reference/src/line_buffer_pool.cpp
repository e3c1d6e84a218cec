// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/line_buffer_pool.hpp"

#include <algorithm>

namespace falco_ref {

std::string line_buffer_pool::take() {
    std::lock_guard producer_lock(producer_mutex_);
    if (producer_stash_.empty()) {
        std::lock_guard shared_lock(shared_mutex_);
        producer_stash_.swap(shared_);
        full_.store(false, std::memory_order_relaxed);
    }
    if (producer_stash_.empty()) {
        return {};
    }
    std::string line = std::move(producer_stash_.back());
    producer_stash_.pop_back();
    return line;
}

void line_buffer_pool::give_back(std::string&& line) {
    if (line.capacity() > k_max_capacity || full_.load(std::memory_order_relaxed)) {
        return;  // freed with `line` by the caller
    }
    line.clear();
    consumer_stash_.push_back(std::move(line));
    if (consumer_stash_.size() >= k_publish_every) {
        publish();
    }
}

void line_buffer_pool::publish() {
    if (consumer_stash_.empty()) {
        return;
    }
    {
        std::lock_guard shared_lock(shared_mutex_);
        const std::size_t room = k_max_pooled - std::min(k_max_pooled, shared_.size());
        const std::size_t n = std::min(room, consumer_stash_.size());
        std::move(consumer_stash_.end() - static_cast<std::ptrdiff_t>(n), consumer_stash_.end(),
                  std::back_inserter(shared_));
        full_.store(shared_.size() >= k_max_pooled, std::memory_order_relaxed);
    }
    consumer_stash_.clear();  // frees what did not fit, outside the lock
}

}  // namespace falco_ref
