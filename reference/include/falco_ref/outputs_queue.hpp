// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include "falco_ref/output_message.hpp"

namespace falco_ref {

// One entry of the outputs FIFO: an alert, or a control message travelling behind the alerts
// already queued (docs/spec/0.44.md#queue.pipeline).
struct outputs_item {
    enum class kind { output, reopen, stop };
    kind type = kind::output;
    output_message msg;
};

// The bounded multi-producer, single-consumer FIFO between the reader and the outputs worker
// (Falco: a tbb::concurrent_bounded_queue). Every item counts against the capacity, control
// messages included.
//
// The consumer takes everything queued in one locked step and then hands it out one pop() at
// a time without the lock; producers wake it only when it is actually waiting. Items taken in
// such a batch but not yet popped still count as queued: for the capacity and for
// clear(), so the observable FIFO is the one Falco's queue gives (one item leaves the queue
// per pop).
//
// A producer with a stream of items may hand them over in batches (push_all, unbounded queues
// only): one locked step and at most one wake-up per batch instead of per item, which cost
// more than delivering an alert (bench/RESULTS.md section 4). A bounded queue takes items one
// at a time, so that each meets the capacity when Falco's push would.
class outputs_queue {
public:
    // 0 = unbounded (docs/spec/0.44.md#queue.capacity).
    explicit outputs_queue(std::size_t capacity) : capacity_(capacity) {}

    std::size_t capacity() const { return capacity_; }

    // False when full: the caller drops the item. Wakes the consumer if it waits.
    bool try_push(outputs_item item);

    // Appends every item of `items`, in order, to an unbounded queue (capacity() == 0) and
    // leaves `items` empty. Wakes the consumer if it waits.
    void push_all(std::vector<outputs_item>& items);

    // Blocks until an item is available. One consumer thread only.
    outputs_item pop();

    // Discards everything queued (shutdown drain timeout); returns how many alerts (not control
    // messages) were discarded, for the accounting. Any thread.
    std::size_t clear();

private:
    // Items of the consumer's batch not popped yet; mutex_ held.
    std::size_t batch_left() const;
    // True (and cleared) if the consumer waits and must be notified; mutex_ held.
    bool take_waiting_consumer();

    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::vector<outputs_item> pushed_;  // guarded by mutex_
    bool consumer_waiting_ = false;     // guarded by mutex_

    // The consumer's batch: filled (and resized) only by pop() under mutex_; items at
    // [next_, batch_end_) are still queued. next_ moves by atomic steps so that clear() (under
    // mutex_) can claim the rest of a batch that the consumer is reading without the lock.
    // On their own cache line: the consumer's pops do not disturb the producers' lock.
    alignas(64) std::vector<outputs_item> batch_;
    std::size_t batch_end_ = 0;  // written under mutex_ by the consumer
    std::atomic<std::size_t> next_{0};
};

}  // namespace falco_ref
