// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "channel_catalog.hpp"
#include "run_measure.hpp"

namespace falco_bench {

// Where a baseline loop writes; only the fields its kind uses are read.
struct baseline_target {
    std::string file_path;      // write_per_line, open_write_close
    std::string socket_path;    // unix_datagram
    std::string program;        // pipe_write, popen_per_line (run by /bin/sh -c)
    std::string url;            // curl_*
    bool json_content = false;  // Content-Type of the POSTs
};

// Runs the minimal loop of `kind` over `payloads` (already terminated as the sink needs:
// lines with '\n' for files and pipes, bare lines for HTTP, whole datagrams for syslog) on the
// calling thread. Fills wall_s and user_s/sys_s (this thread plus the children it waited for);
// counting is the caller's job. Sets `error` when the sink refused a write.
run_measure run_baseline(baseline_kind kind, const baseline_target& target,
                         const std::vector<std::string>& payloads);

}  // namespace falco_bench
