// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace falco_bench {

// Starts implementation processes from a small helper process forked at the very start of
// falco-bench. Why: Linux keeps ru_maxrss across exec, so a child forked from falco-bench
// itself (which holds every pre-generated alert, hundreds of MB) would report falco-bench's
// memory as the implementation's peak RSS. The helper is forked before those allocations, so
// the floor it leaves in ru_maxrss is a few MB (measured by rss_floor_kb()).
class spawn_server {
public:
    struct request {
        std::vector<std::string> argv;  // argv[0] absolute
        std::vector<std::string> env;
        std::string work_dir;
        std::optional<std::string> dev_log_socket;          // private mount namespace (mocks lib)
        int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1;  // dup2'ed to 0, 1, 2
    };
    struct result {
        int status = 0;  // as from wait4
        rusage usage{};
    };

    // Forks the helper. Call first thing in main(), single-threaded. Throws on failure.
    static void start();

    // Starts the process; returns its pid (for a timeout kill) or throws std::runtime_error.
    static pid_t spawn(const request& req);
    // Blocks until the process started by the last spawn() exited.
    static result wait();

    // ru_maxrss (KiB) of `/bin/true` started this way: the floor under every peak RSS figure.
    static long rss_floor_kb();
};

}  // namespace falco_bench
