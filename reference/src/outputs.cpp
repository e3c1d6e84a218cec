// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/outputs.hpp"

#include "falco_ref/call_watchdog.hpp"
#include "falco_ref/logger.hpp"

namespace falco_ref {

outputs::outputs(std::vector<std::unique_ptr<channel>> channels, outputs_settings settings)
    : channels_(std::move(channels)),
      settings_(std::move(settings)),
      queue_(settings_.queue_capacity) {
    for (const auto& ch : channels_) {
        counters_.push_back(channel_counters{std::string(ch->name()), 0, 0});
    }
    worker_ = std::thread([this] { worker(); });
}

outputs::~outputs() {
    stop();
}

bool outputs::push_item(outputs_item item) {
    flush_streamed();  // behind the alerts streamed before it
    const bool is_alert = item.type == outputs_item::kind::output;
    if (queue_.try_push(std::move(item))) {
        return true;
    }
    bool first = false;
    {
        std::lock_guard lock(mutex_);
        first = drops_++ == 0;
        alert_drops_ += is_alert ? 1 : 0;
    }
    if (first) {
        // falco@0.44.1:userspace/falco/falco_outputs.cpp:268-282: only the first drop logs.
        log(log_level::error, "Outputs queue out of memory. Drop event and continue on ...");
    }
    return false;
}

bool outputs::push(output_message msg) {
    return push_item(outputs_item{outputs_item::kind::output, std::move(msg)});
}

bool outputs::push_streamed(output_message msg) {
    if (queue_.capacity() != 0) {
        return push(std::move(msg));
    }
    streamed_.push_back(outputs_item{outputs_item::kind::output, std::move(msg)});
    if (streamed_.size() >= k_stream_batch) {
        flush_streamed();
    }
    return true;
}

void outputs::flush_streamed() {
    queue_.push_all(streamed_);
}

bool outputs::reopen() {
    return push_item(outputs_item{outputs_item::kind::reopen, {}});
}

void outputs::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) {
            return;
        }
        stopped_ = true;
    }
    push_item(outputs_item{outputs_item::kind::stop, {}});
    if (settings_.use_timeout) {
        std::unique_lock lock(mutex_);
        const bool finished = worker_done_cv_.wait_for(lock, settings_.output_timeout,
                                                       [this] { return worker_done_; });
        lock.unlock();
        if (!finished) {
            // falco_outputs.cpp:243-260.
            log(log_level::notice,
                "output channels still blocked, discarding all remaining notifications");
            const std::size_t cleared = queue_.clear();
            {
                std::lock_guard discard_lock(mutex_);
                discarded_ += cleared;
            }
            push_item(outputs_item{outputs_item::kind::stop, {}});
        }
    }
    worker_.join();
    flush_repeated_logs();
}

void outputs::worker() {
    std::optional<call_watchdog> watchdog;
    if (settings_.use_timeout) {
        // falco_outputs.cpp:287-314: CRIT, once per call that exceeds output_timeout.
        watchdog.emplace([](const std::string& name) {
            log(log_level::critical,
                "\"" + name + "\" output timeout, all output channels are blocked");
        });
    }
    for (;;) {
        outputs_item item = queue_.pop();
        bool skip = false;
        {
            std::lock_guard lock(mutex_);
            skip = fatal_.has_value() && item.type != outputs_item::kind::stop;
        }
        if (!skip) {
            for (std::size_t i = 0; i < channels_.size(); ++i) {
                if (watchdog) {
                    watchdog->arm(settings_.output_timeout, std::string(channels_[i]->name()));
                }
                if (!deliver_to(i, item)) {
                    break;  // fatal: like Falco 0.15.3, later channels miss this alert too
                }
            }
            if (watchdog) {
                watchdog->cancel();
            }
        }
        if (item.type == outputs_item::kind::stop) {
            break;
        }
        line_buffers_.give_back(std::move(item.msg.line));
    }
    {
        std::lock_guard lock(mutex_);
        worker_done_ = true;
    }
    worker_done_cv_.notify_all();
}

channel_outcome outputs::call(channel& ch, const outputs_item& item) {
    try {
        switch (item.type) {
            case outputs_item::kind::output:
                return ch.deliver(item.msg);
            case outputs_item::kind::reopen:
                return ch.reopen();
            case outputs_item::kind::stop:
                break;
        }
        return ch.close();
    } catch (const std::exception& e) {
        // What Falco's worker does with any exception a channel lets out (falco_outputs.cpp:
        // 303-311): "<name>: <what>" at ERR, then the next channel.
        return channel_outcome::failed(e.what(), channel_outcome::report::by_worker);
    }
}

bool outputs::deliver_to(std::size_t index, const outputs_item& item) {
    channel& ch = *channels_[index];
    const channel_outcome outcome = call(ch, item);
    if (const auto line = outcome.log_line(ch.name())) {
        log_repeatable(log_level::error, *line);
    }
    const bool fatal = outcome.result() == channel_outcome::status::fatal;
    bool first_fatal = false;
    {
        std::lock_guard lock(mutex_);
        if (item.type == outputs_item::kind::output) {
            ++(outcome.ok() ? counters_[index].delivered : counters_[index].failed);
        }
        if (fatal && !fatal_) {
            fatal_ = outcome.reason();
            first_fatal = true;
        }
    }
    if (first_fatal && settings_.on_fatal) {
        settings_.on_fatal(outcome.reason());
    }
    return !fatal;
}

std::uint64_t outputs::queue_drops() const {
    std::lock_guard lock(mutex_);
    return drops_;
}

std::uint64_t outputs::alert_drops() const {
    std::lock_guard lock(mutex_);
    return alert_drops_;
}

std::uint64_t outputs::discarded() const {
    std::lock_guard lock(mutex_);
    return discarded_;
}

std::vector<channel_counters> outputs::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

std::optional<std::string> outputs::fatal_error() const {
    std::lock_guard lock(mutex_);
    return fatal_;
}

}  // namespace falco_ref
