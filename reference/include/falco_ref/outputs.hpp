// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "falco_ref/channel.hpp"
#include "falco_ref/line_buffer_pool.hpp"
#include "falco_ref/outputs_queue.hpp"

namespace falco_ref {

struct outputs_settings {
    std::size_t queue_capacity = 0;  // 0 = unbounded
    std::chrono::milliseconds output_timeout{2000};
    // 0.44: the output_timeout watchdog and the bounded shutdown drain. legacy (synchronous
    // outputs, no output_timeout): off, and stop() drains everything.
    bool use_timeout = true;
    // Called on the worker thread, once, when a channel call is fatal; the application then
    // ends the run (the legacy file output, falco@0.15.3:userspace/falco/falco_outputs.cpp:
    // 158-163).
    std::function<void(const std::string& what)> on_fatal;
};

struct channel_counters {
    std::string name;
    std::uint64_t delivered = 0;
    std::uint64_t failed = 0;
};

// Falco's falco_outputs (docs/spec/0.44.md#11-delivery-queue-and-shutdown-drain;
// falco@0.44.1:userspace/falco/falco_outputs.cpp):
// one FIFO, one worker delivering each message to every channel in order, control messages
// (REOPEN, STOP) in the same FIFO, a per-call output_timeout watchdog and the bounded
// shutdown drain. Counts what happened to each message for the end-of-run accounting.
class outputs {
public:
    outputs(std::vector<std::unique_ptr<channel>> channels, outputs_settings settings);
    ~outputs();  // stop() if not done yet

    outputs(const outputs&) = delete;
    outputs& operator=(const outputs&) = delete;

    // False when the queue is full and the message was dropped (the first drop logs ERR
    // "Outputs queue out of memory. Drop event and continue on ...").
    bool push(output_message msg);

    // push() for the producer of a stream of alerts (the reader): into an unbounded queue the
    // alerts are handed over in batches of k_stream_batch, and the producer must call
    // flush_streamed() before it blocks waiting for input, so that no alert waits while it
    // idles. push(), reopen() and stop() hand over what was streamed first (FIFO order), so
    // while anything is streamed they too belong to the producer's thread. A bounded queue
    // takes each alert at once (outputs_queue).
    static constexpr std::size_t k_stream_batch = 64;
    bool push_streamed(output_message msg);
    void flush_streamed();

    // An empty string to format the next message into: the storage of a line the worker has
    // delivered when one is free, so that steady-state alerts allocate nothing.
    std::string take_line_buffer() { return line_buffers_.take(); }

    // SIGUSR1: queued behind the alerts already pushed; may be dropped like any message.
    bool reopen();

    // Shutdown (Falco's stop_worker): STOP behind the queued messages; with use_timeout, if the
    // worker has not finished within output_timeout, logs NOTICE "output channels still
    // blocked, discarding all remaining notifications", clears the queue and pushes STOP
    // again. Then joins the worker, which closes every channel. Like Falco, the join still
    // waits for a channel call that is blocked. Idempotent.
    void stop();

    // Every message the full queue refused, control messages included (Falco's
    // outputs_queue_num_drops).
    std::uint64_t queue_drops() const;
    // Alerts only: refused by the full queue, and discarded by a shutdown drain that timed out.
    // With the channel counters: delivered + failed + alert_drops + discarded == pushed.
    std::uint64_t alert_drops() const;
    std::uint64_t discarded() const;
    std::vector<channel_counters> counters() const;
    std::optional<std::string> fatal_error() const;

private:
    bool push_item(outputs_item item);
    void worker();
    // One channel call for `item`; an exception that escapes the channel becomes a failure.
    static channel_outcome call(channel& ch, const outputs_item& item);
    // Calls channel `index`, logs a failure as Falco does and counts the outcome; false when
    // the channel failed fatally.
    bool deliver_to(std::size_t index, const outputs_item& item);

    std::vector<std::unique_ptr<channel>> channels_;
    outputs_settings settings_;
    outputs_queue queue_;
    std::vector<outputs_item> streamed_;  // the producer's batch, not in queue_ yet
    line_buffer_pool line_buffers_;

    mutable std::mutex mutex_;  // guards the fields below
    std::condition_variable worker_done_cv_;
    bool worker_done_ = false;
    bool stopped_ = false;
    std::uint64_t drops_ = 0;
    std::uint64_t alert_drops_ = 0;
    std::uint64_t discarded_ = 0;
    std::vector<channel_counters> counters_;
    std::optional<std::string> fatal_;

    std::thread worker_;
};

}  // namespace falco_ref
