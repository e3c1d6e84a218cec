// SPDX-License-Identifier: Apache-2.0
// outputs_queue: the FIFO between the reader and the worker. The consumer takes everything
// queued in one step and pops from that batch without the lock; these tests check that the
// batch stays invisible: capacity, size() and clear() see every item not popped yet.
#include "falco_ref/outputs_queue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "outputs_test_support.hpp"

namespace falco_ref {
namespace {

using namespace std::chrono_literals;
using testing::wait_until;

outputs_item alert_item(const std::string& line) {
    outputs_item item;
    item.msg.line = line;
    return item;
}

outputs_item control_item(outputs_item::kind k) {
    outputs_item item;
    item.type = k;
    return item;
}

TEST(OutputsQueueTest, PopsInPushOrderAcrossBatches) {
    outputs_queue q(0);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    EXPECT_EQ(q.pop().msg.line, "a");  // takes the batch {a, b}
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_EQ(q.pop().msg.line, "b");  // still from the first batch
    EXPECT_EQ(q.pop().msg.line, "c");
    EXPECT_EQ(q.size(), 0u);
}

TEST(OutputsQueueTest, ItemsOfTheConsumersBatchStillCountAgainstTheCapacity) {
    outputs_queue q(3);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_FALSE(q.try_push(alert_item("full")));
    EXPECT_EQ(q.pop().msg.line, "a");  // b and c wait in the consumer's batch
    EXPECT_EQ(q.size(), 2u);
    EXPECT_TRUE(q.try_push(alert_item("d")));
    EXPECT_FALSE(q.try_push(control_item(outputs_item::kind::reopen)));  // control counts too
    EXPECT_EQ(q.size(), 3u);
    EXPECT_EQ(q.pop().msg.line, "b");
    EXPECT_TRUE(q.try_push(alert_item("e")));
    EXPECT_EQ(q.pop().msg.line, "c");
    EXPECT_EQ(q.pop().msg.line, "d");
    EXPECT_EQ(q.pop().msg.line, "e");
}

TEST(OutputsQueueTest, ClearDiscardsTheUnpoppedRestOfABatchAndCountsOnlyAlerts) {
    outputs_queue q(0);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_TRUE(q.try_push(control_item(outputs_item::kind::reopen)));
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_EQ(q.pop().msg.line, "a");  // the batch {a, b, reopen, c}
    ASSERT_TRUE(q.try_push(alert_item("d")));
    EXPECT_EQ(q.clear(), 3u);  // b, c, d; not the reopen
    EXPECT_EQ(q.size(), 0u);
    ASSERT_TRUE(q.try_push(control_item(outputs_item::kind::stop)));
    EXPECT_EQ(q.pop().type, outputs_item::kind::stop);  // nothing of the old batch comes back
    EXPECT_EQ(q.size(), 0u);
}

TEST(OutputsQueueTest, AWaitingConsumerIsWokenByAPushFromAnotherThread) {
    outputs_queue q(0);
    auto popped = std::async(std::launch::async, [&] {
        std::string lines = q.pop().msg.line;
        lines += q.pop().msg.line;  // waits again after the first batch ran out
        return lines;
    });
    ASSERT_TRUE(q.try_push(alert_item("a")));
    // Not a synchronisation: the second item is pushed whether or not the consumer is
    // waiting yet; both orders of events must end with both items popped.
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_EQ(popped.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(popped.get(), "ab");
}

TEST(OutputsQueueTest, ConsumerWaitingBetweenPushesGetsEveryItem) {
    // Each item is pushed only after the consumer took the previous one, so the consumer is
    // (about to be) waiting at every push: every push must wake it.
    outputs_queue q(0);
    std::promise<void> took_first;
    auto popped = std::async(std::launch::async, [&] {
        std::string lines = q.pop().msg.line;
        took_first.set_value();
        lines += q.pop().msg.line;
        return lines;
    });
    ASSERT_TRUE(q.try_push(alert_item("a")));
    took_first.get_future().wait();
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_EQ(popped.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(popped.get(), "ab");
}

// Pops `n` items on a thread of its own; the test reads them once it is done.
class background_consumer {
public:
    background_consumer(outputs_queue& q, std::size_t n)
        : done_(std::async(std::launch::async, [&q, n] {
              std::string lines;
              for (std::size_t i = 0; i < n; ++i) {
                  lines += q.pop().msg.line;
              }
              return lines;
          })) {}
    bool finished(std::chrono::milliseconds deadline = 10s) {
        return done_.wait_for(deadline) == std::future_status::ready;
    }
    std::string lines() { return done_.get(); }

private:
    std::future<std::string> done_;
};

// Streamed pushes leave a waiting consumer asleep until wake(), which the reader calls before
// it waits for input itself.
TEST(OutputsQueueTest, DeferredPushesWaitForWake) {
    outputs_queue q(0);
    background_consumer consumer(q, 2);
    ASSERT_TRUE(wait_until([&] { return q.consumer_waiting(); }));
    ASSERT_TRUE(q.try_push(alert_item("a"), true));
    ASSERT_TRUE(q.try_push(alert_item("b"), true));
    // Negative window: 200 ms in which a woken consumer would have taken both items.
    EXPECT_FALSE(consumer.finished(200ms));
    EXPECT_EQ(q.size(), 2u);
    EXPECT_TRUE(q.consumer_waiting());
    q.wake();
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), "ab");
}

TEST(OutputsQueueTest, DeferredPushesWakeOnceABatchIsPending) {
    outputs_queue q(0);
    const std::size_t n = outputs_queue::k_wake_batch;
    background_consumer consumer(q, n);
    ASSERT_TRUE(wait_until([&] { return q.consumer_waiting(); }));
    for (std::size_t i = 0; i + 1 < n; ++i) {
        ASSERT_TRUE(q.try_push(alert_item("x"), true));
    }
    // Negative window: 200 ms, one item short of a batch.
    EXPECT_FALSE(consumer.finished(200ms));
    EXPECT_EQ(q.size(), n - 1);
    ASSERT_TRUE(q.try_push(alert_item("x"), true));  // the batch is complete: wakes
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), std::string(n, 'x'));
}

TEST(OutputsQueueTest, BoundedQueueNeverDefersTheWakeUp) {
    outputs_queue q(10);
    background_consumer consumer(q, 1);
    ASSERT_TRUE(wait_until([&] { return q.consumer_waiting(); }));
    ASSERT_TRUE(q.try_push(alert_item("a"), true));
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), "a");
}

TEST(OutputsQueueTest, ControlMessagesAndPlainPushesWakeAtOnce) {
    outputs_queue q(0);
    background_consumer consumer(q, 2);
    ASSERT_TRUE(wait_until([&] { return q.consumer_waiting(); }));
    ASSERT_TRUE(q.try_push(alert_item("a"), true));
    ASSERT_TRUE(q.try_push(control_item(outputs_item::kind::reopen)));  // not deferred
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), "a");  // the reopen carries no line
}

}  // namespace
}  // namespace falco_ref
