// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "run_measure.hpp"

namespace falco_bench {

// How one implementation run is started (conformance/PROTOCOL.md section 1).
struct impl_launch {
    std::vector<std::string> argv;  // prefix + "-c" "falco.yaml"
    std::string work_dir;           // the child's cwd
    std::vector<std::string> env;   // the complete environment (KEY=VALUE)
    std::string stdout_path, stderr_path;
    // When set, the child runs in a private mount namespace whose /dev/log is this socket
    // (mocks::fork_with_private_dev_log), as the harness does for syslog.
    std::optional<std::string> dev_log_socket;
    std::chrono::seconds timeout{300};
};

// Starts the implementation, writes `input` to its stdin as fast as it reads, closes stdin,
// and waits for the exit (wait4 in spawn_server: CPU time and peak RSS of the child). Fills
// wall_s, user_s,
// sys_s, max_rss_kb, exit_code and error; counting delivered alerts is the caller's job.
// Wall time runs from just before fork to the return of wait4.
run_measure run_implementation(const impl_launch& launch, const std::string& input);

// argv[0] made absolute (a relative path with '/' resolved against the current directory, a
// bare name searched in PATH), since the child starts in another directory.
std::string resolve_program(const std::string& name);

}  // namespace falco_bench
