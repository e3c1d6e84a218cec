// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/outputs_queue.hpp"

#include <algorithm>

namespace falco_ref {

bool outputs_queue::try_push(outputs_item item) {
    {
        std::lock_guard lock(mutex_);
        if (capacity_ != 0 && items_.size() >= capacity_) {
            return false;
        }
        items_.push_back(std::move(item));
    }
    not_empty_.notify_one();
    return true;
}

outputs_item outputs_queue::pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    outputs_item item = std::move(items_.front());
    items_.pop_front();
    return item;
}

std::size_t outputs_queue::clear() {
    std::lock_guard lock(mutex_);
    const auto alerts = static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(),
                      [](const outputs_item& i) { return i.type == outputs_item::kind::output; }));
    items_.clear();
    return alerts;
}

std::size_t outputs_queue::size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
}

}  // namespace falco_ref
