// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "channel_catalog.hpp"

namespace falco_bench {

// What arrived at a sink: counted there, never taken from the sender's word (but for the
// `discarded` sink, which has nothing to count).
struct sink_count {
    std::uint64_t alerts = 0;
    std::uint64_t bytes = 0;
};

// Counts the alerts in `path`, read as the sink kind writes it:
//   stdout_file  lines that start an alert (a digit of the time, or '{' of a JSON object);
//                the end-of-run statistics lines do not
//   file         every line
//   program      the sum of the "LINES BYTES" lines that `wc -lc` children appended
//   syslog       mock-syslog records that parsed (not "malformed")
//   http         mock-http POST requests
//   discarded    no sink to count at: the number of the implementation's "Events detected: N"
//                statistics line on its stdout (PROTOCOL.md section 3); no bytes
// A missing file counts zero. Throws std::runtime_error on an unreadable record file.
sink_count count_sink(sink_kind kind, const std::string& path);

// Lines of a mock record file that are records of one delivery (syslog: every line; http: the
// request lines, not the connection events). Cheap enough to poll while waiting.
std::uint64_t count_record_lines(sink_kind kind, const std::string& path);

}  // namespace falco_bench
