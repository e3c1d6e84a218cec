// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace falco_bench {

// Process-wide fixtures of bench_micro, set up once in main() before any thread exists:
// a scratch directory, a private /dev/log (a mount namespace in which /dev/log is our own
// datagram receiver, as the harness does for implementations), and a loopback HTTP server.
class micro_environment {
public:
    // Must run while the process is single-threaded (it may unshare the mount namespace).
    static void init();
    static void shutdown();

    static const std::string& scratch_dir();
    // nullopt when syslog can be benchmarked; else why not (not root, no namespaces...).
    static const std::optional<std::string>& syslog_unavailable();
    static std::uint64_t syslog_datagrams();
    // http://127.0.0.1:PORT/ of the in-process server (started on first use).
    static std::string http_url();
    static std::uint64_t http_requests();
};

}  // namespace falco_bench
