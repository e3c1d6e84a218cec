// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "falco_ref/output_message.hpp"

namespace falco_ref {

// One entry of the outputs FIFO: an alert, or a control message travelling behind the alerts
// already queued (profile-0.44.md j).
struct outputs_item {
    enum class kind { output, reopen, stop };
    kind type = kind::output;
    output_message msg;
};

// The bounded multi-producer, single-consumer FIFO between the reader and the outputs worker
// (Falco: a tbb::concurrent_bounded_queue). Every item counts against the capacity, control
// messages included.
class outputs_queue {
public:
    // 0 = unbounded (profile-0.44.md j `outputs_queue.capacity`).
    explicit outputs_queue(std::size_t capacity) : capacity_(capacity) {}

    // False when full: the caller drops the item.
    bool try_push(outputs_item item);

    // Blocks until an item is available.
    outputs_item pop();

    // Discards everything queued (shutdown drain timeout); returns how many alerts (not control
    // messages) were discarded, for the accounting.
    std::size_t clear();

    std::size_t size() const;

private:
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable not_empty_;
    std::deque<outputs_item> items_;
};

}  // namespace falco_ref
