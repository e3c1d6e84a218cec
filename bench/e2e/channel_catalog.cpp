// SPDX-License-Identifier: Apache-2.0
#include "channel_catalog.hpp"

namespace falco_bench {

std::vector<channel_spec> channel_catalog(const std::string& profile) {
    const bool legacy = profile == "legacy";
    const char* write_loop = "write(2) per line to a file, fd kept open";
    const char* pipe_loop = "write(2) per line into a pipe to the same program";
    return {
        {"stdout", "stdout_output, buffered, stdout redirected to a file", sink_kind::stdout_file,
         true, true, baseline_kind::write_per_line, write_loop, 0.5},
        {"stdout_unbuffered", "stdout_output, unbuffered (-U semantics)", sink_kind::stdout_file,
         false, true, baseline_kind::write_per_line, write_loop, std::nullopt},
        {"file", "file_output keep_alive true, buffered", sink_kind::file, true, true,
         baseline_kind::write_per_line, write_loop, 0.5},
        {"file_unbuffered", "file_output keep_alive true, unbuffered", sink_kind::file, false, true,
         baseline_kind::write_per_line, write_loop, std::nullopt},
        {"file_nokeep", "file_output keep_alive false (open/write/close per alert)",
         sink_kind::file, true, false, baseline_kind::open_write_close,
         "open(O_APPEND)+write(2)+close(2) per line", 0.7},
        {"syslog", "syslog_output through syslog(3) to /dev/log = mock-syslog (private mount ns)",
         sink_kind::syslog, true, true, baseline_kind::unix_datagram,
         "sendto(2) per record (RFC 3164 header + line) on a unix datagram socket to the same "
         "mock-syslog",
         0.7},
        {"program", "program_output keep_alive true, buffered", sink_kind::program, true, true,
         baseline_kind::pipe_write, pipe_loop, 0.5},
        {"program_unbuffered", "program_output keep_alive true, unbuffered", sink_kind::program,
         false, true, baseline_kind::pipe_write, pipe_loop, std::nullopt},
        {"program_nokeep", "program_output keep_alive false (popen/pclose per alert)",
         sink_kind::program, true, false, baseline_kind::popen_per_line,
         "popen+fputs+pclose per line", std::nullopt},
        legacy
            ? channel_spec{"http", "http_output (legacy: a new connection per alert)",
                           sink_kind::http, true, true, baseline_kind::curl_new_handle,
                           "libcurl POST per line, new easy handle per line, same mock-http", 0.7}
            : channel_spec{"http", "http_output (one easy handle: connection reuse)",
                           sink_kind::http, true, true, baseline_kind::curl_reuse,
                           "libcurl POST per line, one reused easy handle, same mock-http", 0.7},
        {"null",
         "file_output to /dev/null, keep_alive true, buffered: no sink cost; alerts counted from "
         "the implementation's statistics (Events detected)",
         sink_kind::discarded, true, true, baseline_kind::none, "none (the sink costs nothing)",
         std::nullopt},
    };
}

std::optional<channel_spec> find_channel(const std::string& profile, const std::string& name) {
    for (auto& spec : channel_catalog(profile)) {
        if (spec.name == name) {
            return spec;
        }
    }
    return std::nullopt;
}

std::string baseline_name(baseline_kind kind) {
    switch (kind) {
        case baseline_kind::write_per_line:
            return "write_per_line";
        case baseline_kind::open_write_close:
            return "open_write_close";
        case baseline_kind::unix_datagram:
            return "unix_datagram";
        case baseline_kind::pipe_write:
            return "pipe_write";
        case baseline_kind::popen_per_line:
            return "popen_per_line";
        case baseline_kind::curl_reuse:
            return "curl_reuse";
        case baseline_kind::curl_new_handle:
            return "curl_new_handle";
        case baseline_kind::none:
            return "none";
    }
    return "?";
}

}  // namespace falco_bench
