// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/rate_limiter.hpp"

#include <algorithm>

namespace falco_ref {

rate_limiter::rate_limiter(double rate, double max_burst)
    : rate_limiter(rate, max_burst, [] { return std::chrono::steady_clock::now(); }) {}

rate_limiter::rate_limiter(double rate, double max_burst, clock_fn clock)
    : rate_(rate),
      max_burst_(max_burst),
      tokens_(max_burst),
      clock_(std::move(clock)),
      last_(clock_()) {}

bool rate_limiter::claim() {
    const auto now = clock_();
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(max_burst_, tokens_ + elapsed * rate_);
    if (tokens_ < 1.0) {
        return false;
    }
    tokens_ -= 1.0;
    return true;
}

}  // namespace falco_ref
