// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

namespace falco_ref {

// The three renderings of an event time (nanoseconds since the epoch, 0 <= ns < 2^63) that
// appear in alerts. Appended to `out`, no allocation beyond its growth.

// `%evt.time`: local `HH:MM:SS.nnnnnnnnn` given the local offset in seconds, computed as
// libsinsp's ts_to_string does: `(sec + offset) % 86400` in unsigned 64-bit arithmetic
// (libs@0.25.4:userspace/libsinsp/utils.cpp:869-906; docs/spec/common.md#time.local; legacy uses
// the same code, sysdig@falco/0.15.3:userspace/libsinsp/utils.cpp:909-947).
void append_clock_time(std::string& out, std::int64_t ns, std::int32_t offset_seconds);

// `%evt.time.iso8601`: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000`, i.e. strftime("%FT%T") on gmtime,
// `.%09u`, strftime("%z") on the gmtime struct, always +0000
// (libs@0.25.4:userspace/libsinsp/utils.cpp:907-930; docs/spec/common.md#time.iso8601).
void append_iso8601_time(std::string& out, std::int64_t ns);

// The JSON `time` key: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (strftime("%FT%T", gmtime) + `.%09luZ`;
// falco@0.44.1:userspace/engine/formats.cpp:96-108, falco@0.15.3:userspace/engine/formats.cpp:
// 225-235), whatever time_format_iso_8601 says.
void append_json_time(std::string& out, std::int64_t ns);

}  // namespace falco_ref
