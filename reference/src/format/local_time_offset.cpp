// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/local_time_offset.hpp"

namespace falco_ref {

std::int32_t local_time_offset::seconds() const {
    const std::time_t now = std::time(nullptr);
    if (now == cached_at_) {
        return cached_offset_;
    }
    // localtime() re-reads TZ on every call in Falco; glibc's localtime_r does not, so ask
    // for it explicitly (once per second).
    tzset();
    std::tm gmt{};
    std::tm loc{};
    gmtime_r(&now, &gmt);
    localtime_r(&now, &loc);
    std::int32_t dt = (loc.tm_hour - gmt.tm_hour) * 3600 + (loc.tm_min - gmt.tm_min) * 60;
    int dir = loc.tm_year - gmt.tm_year;
    if (dir == 0) {
        dir = loc.tm_yday - gmt.tm_yday;
    }
    dt += dir * 86400;
    cached_at_ = now;
    cached_offset_ = dt;
    return dt;
}

}  // namespace falco_ref
