// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/line_buffer_pool.hpp"

#include <gtest/gtest.h>

#include <string>

namespace falco_ref {
namespace {

// Every line given back here has a capacity of at least k_given; a fresh string has less.
constexpr std::size_t k_given = 100;

std::string line_of_capacity(std::size_t n) {
    std::string s;
    s.reserve(n);
    s.assign(10, 'x');
    return s;
}

// Takes strings until a fresh one comes; returns how many were recycled ones.
std::size_t take_recycled(line_buffer_pool& pool) {
    std::size_t n = 0;
    while (pool.take().capacity() >= k_given) {
        ++n;
    }
    return n;
}

TEST(line_buffer_pool, empty_pool_gives_a_fresh_string) {
    line_buffer_pool pool;
    EXPECT_TRUE(pool.take().empty());
    EXPECT_EQ(take_recycled(pool), 0u);
}

TEST(line_buffer_pool, given_back_lines_come_back_empty_with_their_capacity_once_published) {
    line_buffer_pool pool;
    pool.give_back(line_of_capacity(1000));
    EXPECT_LT(pool.take().capacity(), k_given);  // still in the consumer's stash
    pool.publish();
    const std::string s = pool.take();
    EXPECT_TRUE(s.empty());
    EXPECT_GE(s.capacity(), 1000u);
    EXPECT_EQ(take_recycled(pool), 0u);
}

TEST(line_buffer_pool, consumer_publishes_on_its_own_every_batch) {
    line_buffer_pool pool;
    for (std::size_t i = 0; i + 1 < line_buffer_pool::k_publish_every; ++i) {
        pool.give_back(line_of_capacity(k_given));
    }
    EXPECT_LT(pool.take().capacity(), k_given);
    pool.give_back(line_of_capacity(k_given));
    EXPECT_EQ(take_recycled(pool), line_buffer_pool::k_publish_every);
}

TEST(line_buffer_pool, huge_lines_are_not_kept) {
    line_buffer_pool pool;
    pool.give_back(line_of_capacity(line_buffer_pool::k_max_capacity + 1));
    pool.publish();
    EXPECT_EQ(take_recycled(pool), 0u);
}

TEST(line_buffer_pool, shared_list_is_bounded) {
    line_buffer_pool pool;
    for (std::size_t i = 0; i < line_buffer_pool::k_max_pooled + 100; ++i) {
        pool.give_back(line_of_capacity(k_given));
    }
    pool.publish();
    // Taking moves the whole shared list to the producer: room for more again.
    EXPECT_GE(pool.take().capacity(), k_given);
    pool.give_back(line_of_capacity(k_given));
    pool.publish();
    // The k_max_pooled - 1 left after the first take, and the one given back since.
    EXPECT_EQ(take_recycled(pool), line_buffer_pool::k_max_pooled);
}

}  // namespace
}  // namespace falco_ref
