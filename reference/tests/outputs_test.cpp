// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/outputs.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "falco_ref/logger.hpp"
#include "outputs_test_support.hpp"

namespace falco_ref {
namespace {

using testing::recording_channel;
using testing::stderr_capture;
using testing::wait_until;
using namespace std::chrono_literals;

output_message msg(const std::string& line) {
    output_message m;
    m.line = line;
    return m;
}

class outputs_test : public ::testing::Test {
protected:
    void SetUp() override {
        configure_logger(logger_settings{true, false, log_level::debug, false});
    }
    // Two channels, as file and stdout would be; the pointers stay valid inside `outputs`.
    std::unique_ptr<outputs> make(outputs_settings s) {
        std::vector<std::unique_ptr<channel>> chans;
        auto a = std::make_unique<recording_channel>("first");
        auto b = std::make_unique<recording_channel>("second");
        first_ = a.get();
        second_ = b.get();
        chans.push_back(std::move(a));
        chans.push_back(std::move(b));
        return std::make_unique<outputs>(std::move(chans), std::move(s));
    }
    recording_channel* first_ = nullptr;
    recording_channel* second_ = nullptr;
};

// docs/spec/0.44.md#queue.pipeline, docs/spec/common.md#output.order: every message to every
// channel in order; REOPEN and STOP in the same FIFO behind the alerts already queued; STOP runs
// each channel's cleanup.
TEST_F(outputs_test, control_messages_travel_in_fifo_order_behind_alerts) {
    auto outs = make({});
    first_->block();  // hold the worker so that everything below is queued first
    ASSERT_TRUE(outs->push(msg("a1")));
    ASSERT_TRUE(first_->wait_in_deliver(1));
    ASSERT_TRUE(outs->reopen());
    ASSERT_TRUE(outs->push(msg("a2")));
    first_->release();
    outs->stop();
    EXPECT_EQ(first_->calls(), (std::vector<std::string>{"first:deliver:a1", "first:reopen",
                                                         "first:deliver:a2", "first:close"}));
    EXPECT_EQ(second_->calls(), (std::vector<std::string>{"second:deliver:a1", "second:reopen",
                                                          "second:deliver:a2", "second:close"}));
}

// Streamed alerts (the reader's) reach an unbounded queue in batches: not before a batch is
// full or the producer flushes, and always ahead of a later control message.
TEST_F(outputs_test, streamed_alerts_wait_for_a_flush) {
    auto outs = make({});
    ASSERT_TRUE(outs->push_streamed(msg("a1")));
    ASSERT_TRUE(outs->push_streamed(msg("a2")));
    // Negative window: 200 ms in which a worker that had the alerts would have delivered them.
    std::this_thread::sleep_for(200ms);
    EXPECT_TRUE(first_->calls().empty());
    outs->flush_streamed();
    ASSERT_TRUE(wait_until([&] { return first_->calls().size() == 2; }));
    outs->stop();
    EXPECT_EQ(first_->calls(),
              (std::vector<std::string>{"first:deliver:a1", "first:deliver:a2", "first:close"}));
}

TEST_F(outputs_test, a_full_batch_of_streamed_alerts_goes_without_a_flush) {
    auto outs = make({});
    for (std::size_t i = 0; i < outputs::k_stream_batch; ++i) {
        ASSERT_TRUE(outs->push_streamed(msg("a")));
    }
    EXPECT_TRUE(wait_until([&] { return first_->calls().size() == outputs::k_stream_batch; }));
}

TEST_F(outputs_test, control_messages_and_pushes_go_behind_streamed_alerts) {
    auto outs = make({});
    ASSERT_TRUE(outs->push_streamed(msg("a1")));
    ASSERT_TRUE(outs->reopen());
    ASSERT_TRUE(outs->push_streamed(msg("a2")));
    ASSERT_TRUE(outs->push(msg("a3")));
    ASSERT_TRUE(outs->push_streamed(msg("a4")));
    outs->stop();
    EXPECT_EQ(first_->calls(),
              (std::vector<std::string>{"first:deliver:a1", "first:reopen", "first:deliver:a2",
                                        "first:deliver:a3", "first:deliver:a4", "first:close"}));
}

TEST_F(outputs_test, a_bounded_queue_takes_each_streamed_alert_at_once) {
    outputs_settings s;
    s.queue_capacity = 1;
    auto outs = make(s);
    first_->block();
    ASSERT_TRUE(outs->push_streamed(msg("a1")));
    ASSERT_TRUE(first_->wait_in_deliver(1));  // delivered without a flush
    EXPECT_TRUE(outs->push_streamed(msg("a2")));
    EXPECT_FALSE(outs->push_streamed(msg("a3")));  // met the capacity when pushed: dropped
    EXPECT_EQ(outs->alert_drops(), 1u);
    first_->release();
    outs->stop();
    EXPECT_EQ(first_->calls(),
              (std::vector<std::string>{"first:deliver:a1", "first:deliver:a2", "first:close"}));
}

// docs/spec/0.44.md#queue.full: dropped, counted; only the first drop logs ERR.
TEST_F(outputs_test, full_queue_drops_and_logs_once) {
    stderr_capture err;
    outputs_settings s;
    s.queue_capacity = 2;
    auto outs = make(s);
    first_->block();
    ASSERT_TRUE(outs->push(msg("m1")));
    ASSERT_TRUE(first_->wait_in_deliver(1));  // m1 left the queue; the worker is stuck in it
    EXPECT_TRUE(outs->push(msg("m2")));
    EXPECT_TRUE(outs->push(msg("m3")));
    EXPECT_FALSE(outs->push(msg("m4")));
    EXPECT_FALSE(outs->reopen());  // control messages count and are dropped too
    EXPECT_FALSE(outs->push(msg("m5")));
    EXPECT_EQ(outs->queue_drops(), 3u);
    first_->release();
    outs->stop();
    EXPECT_EQ(err.count("Outputs queue out of memory. Drop event and continue on ..."), 1u)
        << err.text();
    const auto counters = outs->counters();
    ASSERT_EQ(counters.size(), 2u);
    EXPECT_EQ(counters[0].name, "first");
    EXPECT_EQ(counters[0].delivered, 3u);
    EXPECT_EQ(counters[1].delivered, 3u);
}

// falco_outputs.cpp:303-311: "<name>: <what>" at ERR, and the next channel still delivers.
TEST_F(outputs_test, channel_error_is_logged_and_delivery_continues) {
    stderr_capture err;
    auto outs = make({});
    first_->fail_with("failed to open output file /x/y");
    outs->push(msg("m1"));
    outs->stop();
    EXPECT_EQ(err.count(": first: failed to open output file /x/y\n"), 1u) << err.text();
    EXPECT_EQ(second_->calls().front(), "second:deliver:m1");
    const auto counters = outs->counters();
    EXPECT_EQ(counters[0].failed, 1u);
    EXPECT_EQ(counters[0].delivered, 0u);
    EXPECT_EQ(counters[1].delivered, 1u);
}

// A failure the channel reports itself in Falco (http, a program spawn) is logged as it is; one
// Falco would not notice is counted but not logged.
TEST_F(outputs_test, each_failure_is_logged_as_falco_reports_it_and_counted) {
    stderr_capture err;
    auto outs = make({});
    first_->fail_with("libcurl failed to perform call: Couldn't connect to server",
                      channel_outcome::report::by_channel);
    second_->fail_with("write to stdout failed: No space left on device",
                       channel_outcome::report::unnoticed);
    outs->push(msg("m1"));
    outs->stop();
    EXPECT_EQ(err.count(": libcurl failed to perform call: Couldn't connect to server\n"), 1u)
        << err.text();
    EXPECT_EQ(err.count("first: "), 0u) << err.text();
    EXPECT_EQ(err.count("No space left"), 0u) << err.text();
    const auto counters = outs->counters();
    EXPECT_EQ(counters[0].failed, 1u);
    EXPECT_EQ(counters[1].failed, 1u);
    EXPECT_EQ(counters[0].delivered + counters[1].delivered, 0u);
}

// Our deviation (logger.hpp log_repeatable): Falco logs a failing channel at every alert
// forever; we log the first 10 identical lines as Falco does, then summarise the rest (here at
// stop(), as the 10 s summary window has not elapsed).
TEST_F(outputs_test, repeated_channel_errors_are_capped_after_ten) {
    // The logger remembers messages for the whole process: a fresh text per run keeps the test
    // repeatable (--gtest_repeat).
    static int run = 0;
    const std::string what = "failed to open output file /cap/test" + std::to_string(++run);
    stderr_capture err;
    auto outs = make({});
    first_->fail_with(what);
    for (int i = 0; i < 15; ++i) {
        outs->push(msg("m"));
    }
    outs->stop();
    const std::string summary = ": last message repeated 5 more times: first: " + what + "\n";
    EXPECT_EQ(err.count(summary), 1u) << err.text();
    // The summary line ends with the message too, hence the subtraction.
    EXPECT_EQ(err.count(": first: " + what + "\n") - err.count(summary), 10u) << err.text();
    EXPECT_EQ(outs->counters()[0].failed, 15u);
}

// docs/spec/0.44.md#queue.timeout: CRIT once per blocked call, delivery not aborted.
TEST_F(outputs_test, watchdog_reports_a_blocked_channel_once) {
    stderr_capture err;
    outputs_settings s;
    s.output_timeout = 200ms;
    auto outs = make(s);
    second_->block();
    outs->push(msg("m1"));
    const std::string line = "\"second\" output timeout, all output channels are blocked\n";
    EXPECT_TRUE(wait_until([&] { return err.count(line) == 1; }));
    // Negative window: 500 ms (5 watchdog polls, more than 2 timeouts) shows no second line
    // for the same blocked call.
    std::this_thread::sleep_for(500ms);
    EXPECT_EQ(err.count(line), 1u);
    second_->release();
    outs->stop();
    EXPECT_EQ(second_->calls().front(), "second:deliver:m1");  // the call completed
}

// docs/spec/0.44.md#drain.timeout: NOTICE, the queue is discarded, STOP still closes.
TEST_F(outputs_test, shutdown_drain_discards_what_a_blocked_channel_holds_up) {
    stderr_capture err;
    outputs_settings s;
    s.output_timeout = 300ms;
    auto outs = make(s);
    first_->block();
    outs->push(msg("m1"));
    ASSERT_TRUE(first_->wait_in_deliver(1));
    outs->push(msg("m2"));
    outs->push(msg("m3"));
    std::thread stopper([&] { outs->stop(); });
    EXPECT_TRUE(wait_until([&] {
        return err.count("output channels still blocked, discarding all remaining notifications") ==
               1;
    }));
    first_->release();
    stopper.join();
    EXPECT_EQ(first_->calls(), (std::vector<std::string>{"first:deliver:m1", "first:close"}));
    EXPECT_EQ(second_->calls(), (std::vector<std::string>{"second:deliver:m1", "second:close"}));
}

// Legacy (no output_timeout): stop() delivers everything, however long it takes.
TEST_F(outputs_test, without_timeout_stop_drains_everything) {
    stderr_capture err;
    outputs_settings s;
    s.use_timeout = false;
    s.output_timeout = 1ms;
    auto outs = make(s);
    first_->block();
    outs->push(msg("m1"));
    ASSERT_TRUE(first_->wait_in_deliver(1));
    outs->push(msg("m2"));
    std::thread stopper([&] { outs->stop(); });
    // Negative window: 300 ms, far past the 1 ms timeout, without a drain NOTICE.
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(err.count("output channels still blocked"), 0u);
    first_->release();
    stopper.join();
    EXPECT_EQ(first_->calls(),
              (std::vector<std::string>{"first:deliver:m1", "first:deliver:m2", "first:close"}));
}

class fatal_channel : public channel {
public:
    std::string_view name() const override { return "file"; }
    channel_outcome deliver(const output_message&) override {
        return channel_outcome::fatal("boom");
    }
    channel_outcome close() override {
        closed = true;
        return channel_outcome::done();
    }
    bool closed = false;
};

// docs/spec/legacy.md#file.error: the run ends; later channels and alerts get
// nothing; cleanup still runs.
TEST_F(outputs_test, fatal_error_stops_delivery_and_reports_once) {
    std::vector<std::unique_ptr<channel>> chans;
    auto fatal = std::make_unique<fatal_channel>();
    auto after = std::make_unique<recording_channel>("stdout");
    fatal_channel* fatal_ptr = fatal.get();
    recording_channel* after_ptr = after.get();
    chans.push_back(std::move(fatal));
    chans.push_back(std::move(after));
    std::atomic<int> reported{0};
    outputs_settings s;
    s.use_timeout = false;
    s.on_fatal = [&](const std::string& what) {
        EXPECT_EQ(what, "boom");
        ++reported;
    };
    outputs outs(std::move(chans), s);
    outs.push(msg("m1"));
    outs.push(msg("m2"));
    outs.stop();
    EXPECT_EQ(reported.load(), 1);
    EXPECT_EQ(outs.fatal_error(), std::optional<std::string>("boom"));
    EXPECT_TRUE(fatal_ptr->closed);
    EXPECT_EQ(after_ptr->calls(), (std::vector<std::string>{"stdout:close"}));
}

}  // namespace
}  // namespace falco_ref
