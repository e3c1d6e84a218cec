// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace falco_bench {

// Where a channel's alerts are counted at the receiving end. `discarded`: file_output to
// /dev/null, which receives nothing countable; its alerts are taken from the implementation's
// end-of-run statistics instead (the `null` channel: the implementation's own ceiling).
enum class sink_kind { stdout_file, file, syslog, program, http, discarded };

// The minimal loop that writes the same pre-rendered lines to the same kind of sink: the
// physical cost an implementation is compared with.
enum class baseline_kind {
    write_per_line,    // one write(2) per line, fd kept open
    open_write_close,  // open(O_APPEND), write(2), close(2) per line
    unix_datagram,     // one sendto(2) per line on a unix datagram socket
    pipe_write,        // one write(2) per line into a pipe to the program
    popen_per_line,    // popen, write, pclose per line
    curl_reuse,        // libcurl POST per line, one easy handle for the whole run
    curl_new_handle,   // libcurl POST per line, a new easy handle (connection) per line
    none,              // no loop: the sink costs nothing (the `null` channel)
};

// One benchmarked output configuration.
struct channel_spec {
    std::string name;
    std::string description;
    sink_kind sink = sink_kind::file;
    bool buffered = true;
    bool keep_alive = true;
    baseline_kind baseline = baseline_kind::write_per_line;
    std::string baseline_description;
    std::optional<double> target;  // minimum impl/baseline throughput ratio, if there is one
};

// Every configuration falco-bench knows, for the profile ("0.44" or "legacy": legacy's HTTP
// channel opens a connection per alert, so its baseline does too).
std::vector<channel_spec> channel_catalog(const std::string& profile);

// The configuration named `name`, or nullopt.
std::optional<channel_spec> find_channel(const std::string& profile, const std::string& name);

std::string baseline_name(baseline_kind kind);

}  // namespace falco_bench
