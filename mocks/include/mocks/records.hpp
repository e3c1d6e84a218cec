// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mocks {

// The records the mocks write (mocks/README.md), read back by tests and by the harness.
// Byte strings are decoded: a `_base64` variant in the file becomes the raw bytes here.

struct syslog_record {
    std::uint64_t seq = 0;
    std::string transport;  // unix, udp, tcp
    std::string format;     // rfc3164, rfc5424, malformed
    std::optional<int> pri, facility, severity;
    std::optional<std::string> timestamp, host, ident;
    std::optional<long> pid;
    std::optional<std::string> msgid, structured_data;  // RFC 5424 only
    std::string msg;
    std::string raw;
    std::string error;  // for malformed
};

struct http_record {
    std::uint64_t seq = 0;
    std::uint64_t conn_id = 0;
    bool tls = false;
    std::string method, target, version;
    std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
    std::string body;
    int status = 0;               // 0 when the request was not answered (fault close or hang)
    std::string fault;            // "", "close" or "hang"
    std::optional<int> delay_ms;  // set when a delay fault applied
    // First value of a header, name compared case-insensitively.
    std::optional<std::string> header(std::string_view name) const;
};

struct capture_event {
    std::string event;  // start, read, signal, eof, exit
    long pid = 0;
    long ppid = 0, pgid = 0, sid = 0;  // start only
    std::vector<std::string> argv;     // start only
    std::string data;                  // read only
    std::string signal;                // signal only
    int code = 0;                      // exit only
    std::uint64_t t_ns = 0;
};

// Each reader returns every complete record in the file (a missing file gives none); a line
// that is not a valid record throws std::runtime_error naming the file and line.
std::vector<syslog_record> read_syslog_records(const std::string& path);
std::vector<http_record> read_http_records(const std::string& path);  // requests only
std::uint64_t read_http_connection_count(const std::string& path);
std::vector<capture_event> read_capture_events(const std::string& path);

// Polls `condition` until it is true or the deadline passes; returns the last result.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(5));

}  // namespace mocks
