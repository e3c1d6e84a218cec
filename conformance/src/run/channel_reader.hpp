// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cases/vocabulary.hpp"

namespace conformance {

// Where each channel's observations are, for one case.
struct channel_paths {
    std::filesystem::path work;
    std::filesystem::path stdout_file;
    std::filesystem::path stderr_file;
    std::filesystem::path syslog_log;
    std::filesystem::path http_log;
    std::filesystem::path capture_log;
};

// Reads what a channel shows *now*, as records (golden/README.md, `wait`): stdout, stderr and
// files count complete lines; syslog messages; http requests; program read events (or start
// events with unit `processes`, EOF events with unit `eof`). Each record is a text a `pattern`
// is matched against: the line (stderr: without the log timestamp), the syslog message, the
// request body, the data read, the argv joined by spaces.
class channel_reader {
public:
    explicit channel_reader(channel_paths paths) : paths_(std::move(paths)) {}

    std::vector<std::string> records(const channel_ref& ref) const;

    // Raw bytes of a byte channel (stdout, stderr, a file) so far; "" for the others.
    std::string content(const channel_ref& ref) const;

    const channel_paths& paths() const { return paths_; }

private:
    channel_paths paths_;
};

// Falco's logger prefix ("Fri Nov 27 04:49:18 2026: " or "2026-11-27T04:49:18+0000: ")
// removed when present.
std::string strip_log_prefix(std::string_view line);

}  // namespace conformance
