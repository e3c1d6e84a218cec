// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ctime>

namespace falco_ref {

// The local time offset libsinsp applies to `%evt.time`: gmt2local(time(NULL)), i.e.
// localtime(now) - gmtime(now) in whole minutes (seconds of the offset are dropped), taken
// at the current wall clock on every call, not at the event time
// (libs@0.25.4:userspace/libsinsp/utils.cpp:837-866; docs/spec/common.md#time.local.offset_now). TZ
// governs it. Cached per wall-clock second, which gives the same value as recomputing on every call
// except within the second a zone's offset changes. Not thread-safe: one instance per formatting
// thread.
class local_time_offset {
public:
    std::int32_t seconds() const;

private:
    mutable std::time_t cached_at_ = -1;
    mutable std::int32_t cached_offset_ = 0;
};

}  // namespace falco_ref
