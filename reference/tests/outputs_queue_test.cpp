// SPDX-License-Identifier: Apache-2.0
// outputs_queue: the FIFO between the reader and the worker. The consumer takes everything
// queued in one step and pops from that batch without the lock; these tests check that the
// batch stays invisible: the capacity and clear() see every item not popped yet.
#include "falco_ref/outputs_queue.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

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

TEST(outputs_queue, pops_in_push_order_across_batches) {
    outputs_queue q(0);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    EXPECT_EQ(q.pop().msg.line, "a");  // takes the batch {a, b}
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_EQ(q.pop().msg.line, "b");  // still from the first batch
    EXPECT_EQ(q.pop().msg.line, "c");
    EXPECT_EQ(q.clear(), 0u);
}

TEST(outputs_queue, items_of_the_consumers_batch_still_count_against_the_capacity) {
    outputs_queue q(3);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_FALSE(q.try_push(alert_item("full")));
    EXPECT_EQ(q.pop().msg.line, "a");  // b and c wait in the consumer's batch
    EXPECT_TRUE(q.try_push(alert_item("d")));
    EXPECT_FALSE(q.try_push(control_item(outputs_item::kind::reopen)));  // control counts too
    EXPECT_EQ(q.pop().msg.line, "b");
    EXPECT_TRUE(q.try_push(alert_item("e")));
    EXPECT_EQ(q.pop().msg.line, "c");
    EXPECT_EQ(q.pop().msg.line, "d");
    EXPECT_EQ(q.pop().msg.line, "e");
}

TEST(outputs_queue, clear_discards_the_unpopped_rest_of_a_batch_and_counts_only_alerts) {
    outputs_queue q(0);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(q.try_push(alert_item("b")));
    ASSERT_TRUE(q.try_push(control_item(outputs_item::kind::reopen)));
    ASSERT_TRUE(q.try_push(alert_item("c")));
    EXPECT_EQ(q.pop().msg.line, "a");  // the batch {a, b, reopen, c}
    ASSERT_TRUE(q.try_push(alert_item("d")));
    EXPECT_EQ(q.clear(), 3u);  // b, c, d; not the reopen
    EXPECT_EQ(q.clear(), 0u);
    ASSERT_TRUE(q.try_push(control_item(outputs_item::kind::stop)));
    EXPECT_EQ(q.pop().type, outputs_item::kind::stop);  // nothing of the old batch comes back
    EXPECT_EQ(q.clear(), 0u);
}

TEST(outputs_queue, a_waiting_consumer_is_woken_by_a_push_from_another_thread) {
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

TEST(outputs_queue, consumer_waiting_between_pushes_gets_every_item) {
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
        : done_(std::async(std::launch::async,
                           [this, &q, n] {
                               tid_.set_value(::gettid());
                               std::string lines;
                               for (std::size_t i = 0; i < n; ++i) {
                                   lines += q.pop().msg.line;
                               }
                               return lines;
                           })),
          stat_path_("/proc/self/task/" + std::to_string(tid_.get_future().get()) + "/stat") {}
    // True while the thread sleeps (state S in /proc): nothing but pop() can put it to sleep,
    // and nobody else holds the queue's lock, so it waits for an item.
    bool waiting() const {
        std::ifstream stat(stat_path_);
        std::string line;
        std::getline(stat, line);
        const std::size_t state = line.rfind(')') + 2;  // "<tid> (<name>) <state> ..."
        return state < line.size() && line[state] == 'S';
    }
    bool finished(std::chrono::milliseconds deadline = 10s) {
        return done_.wait_for(deadline) == std::future_status::ready;
    }
    std::string lines() { return done_.get(); }

private:
    std::promise<pid_t> tid_;
    std::future<std::string> done_;
    std::string stat_path_;
};

// A batch handed over by push_all: in order, behind what was queued, counted by clear() like
// single pushes, and one wake-up for a waiting consumer.
TEST(outputs_queue, push_all_appends_the_batch_in_order) {
    outputs_queue q(0);
    ASSERT_TRUE(q.try_push(alert_item("a")));
    std::vector<outputs_item> batch;
    batch.push_back(alert_item("b"));
    batch.push_back(alert_item("c"));
    q.push_all(batch);
    EXPECT_TRUE(batch.empty());
    batch.push_back(alert_item("d"));
    q.push_all(batch);
    EXPECT_EQ(q.pop().msg.line, "a");
    EXPECT_EQ(q.pop().msg.line, "b");
    batch.push_back(alert_item("e"));  // onto an empty pushed_ list: taken over whole
    q.push_all(batch);
    EXPECT_EQ(q.clear(), 3u);  // c, d (the consumer's batch) and e
    ASSERT_TRUE(q.try_push(alert_item("f")));
    EXPECT_EQ(q.pop().msg.line, "f");
}

TEST(outputs_queue, push_all_wakes_a_waiting_consumer) {
    outputs_queue q(0);
    background_consumer consumer(q, 2);
    ASSERT_TRUE(wait_until([&] { return consumer.waiting(); }));
    std::vector<outputs_item> batch;
    batch.push_back(alert_item("a"));
    batch.push_back(alert_item("b"));
    q.push_all(batch);
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), "ab");
}

TEST(outputs_queue, every_push_wakes_a_waiting_consumer) {
    outputs_queue q(10);
    background_consumer consumer(q, 1);
    ASSERT_TRUE(wait_until([&] { return consumer.waiting(); }));
    ASSERT_TRUE(q.try_push(alert_item("a")));
    ASSERT_TRUE(consumer.finished());
    EXPECT_EQ(consumer.lines(), "a");
}

}  // namespace
}  // namespace falco_ref
