// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <functional>

namespace falco_ref {

// The notification token bucket `outputs.rate` / `outputs.max_burst` of legacy and 0.36
// (docs/spec/legacy.md#ratelimit.bucket, falco@0.15.3:userspace/engine/token_bucket.cpp:35-82;
// docs/spec/0.36.md#ratelimit.bucket, libs@0.13.4:userspace/libsinsp/token_bucket.cpp:26-80):
// starts full at max_burst, gains `rate` tokens per second of wall-clock time, capped at max_burst;
// each alert claims one token or is skipped.
class rate_limiter {
public:
    using clock_fn = std::function<std::chrono::steady_clock::time_point()>;

    rate_limiter(double rate, double max_burst);
    rate_limiter(double rate, double max_burst, clock_fn clock);  // tests drive the clock

    bool claim();

private:
    double rate_;
    double max_burst_;
    double tokens_;
    clock_fn clock_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace falco_ref
