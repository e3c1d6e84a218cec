// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/outputs_queue.hpp"

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

void outputs_queue::clear() {
    std::lock_guard lock(mutex_);
    items_.clear();
}

std::size_t outputs_queue::size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
}

}  // namespace falco_ref
