// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "falco_ref/rate_limiter.hpp"

namespace falco_ref {
namespace {

// docs/spec/legacy.md#ratelimit.bucket: starts full at max_burst, `rate` tokens per second of wall
// clock, capped at max_burst; `rate: 0` never refills. A clock driven by the test.
class fake_clock {
public:
    std::chrono::steady_clock::time_point now() const { return t_; }
    void advance(std::chrono::milliseconds d) { t_ += d; }

private:
    std::chrono::steady_clock::time_point t_{};
};

TEST(outputs_rate_limiter, burst_then_refill_by_rate) {
    fake_clock clock;
    rate_limiter tb(1, 3, [&] { return clock.now(); });
    EXPECT_TRUE(tb.claim());
    EXPECT_TRUE(tb.claim());
    EXPECT_TRUE(tb.claim());
    EXPECT_FALSE(tb.claim());
    clock.advance(std::chrono::milliseconds(999));
    EXPECT_FALSE(tb.claim());
    clock.advance(std::chrono::milliseconds(1));
    EXPECT_TRUE(tb.claim());
    EXPECT_FALSE(tb.claim());
}

TEST(outputs_rate_limiter, refill_is_capped_at_max_burst) {
    fake_clock clock;
    rate_limiter tb(10, 2, [&] { return clock.now(); });
    clock.advance(std::chrono::seconds(60));
    EXPECT_TRUE(tb.claim());
    EXPECT_TRUE(tb.claim());
    EXPECT_FALSE(tb.claim());
}

// max_burst 3 lets 3 of 15 alerts through with rate 0: no refill
// (docs/spec/legacy.md#ratelimit.bucket).
TEST(outputs_rate_limiter, zero_rate_never_refills) {
    fake_clock clock;
    rate_limiter tb(0, 3, [&] { return clock.now(); });
    int passed = 0;
    for (int i = 0; i < 15; ++i) {
        clock.advance(std::chrono::seconds(1));
        passed += tb.claim() ? 1 : 0;
    }
    EXPECT_EQ(passed, 3);
}

}  // namespace
}  // namespace falco_ref
