// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "run/time_limit.hpp"

namespace conformance {

using clock_type = std::chrono::steady_clock;

// What to run: argv[0] is an absolute path (resolved by the caller), env is complete.
struct launch_spec {
    std::vector<std::string> argv;
    std::vector<std::string> env;  // NAME=VALUE, nothing inherited
    std::filesystem::path cwd;
    std::filesystem::path stdout_path;
    std::filesystem::path stderr_path;
    // Run in a private mount namespace where /dev/log is this path (mocks_lib's helper); a path
    // nobody listens on makes syslog(3) fail quietly, so logs never reach the host's syslog.
    std::optional<std::string> dev_log;
    // Every byte written to the implementation's input is also appended here (for the
    // reproduce.sh of a kept work directory).
    std::optional<std::filesystem::path> input_record;
    unsigned umask = 022;  // the file-mode creation mask it starts with
};

// The implementation under test as a child process: its own process group (so `target:
// group` signals reach its program children), stdin a pipe the harness writes, stdout and
// stderr pipes drained continuously into files by a reader thread (the implementation sees a
// pipe, as under a supervisor, and never blocks on a full pipe the harness is not reading).
// The destructor kills the whole group and reaps it: nothing outlives a case.
class impl_process {
public:
    // Throws std::runtime_error (a harness error) when the fork, the namespace set-up or the
    // exec fails, naming the stage.
    explicit impl_process(const launch_spec& spec);
    impl_process(const impl_process&) = delete;
    impl_process& operator=(const impl_process&) = delete;
    ~impl_process();

    pid_t pid() const { return pid_; }

    // Alerts go to this FIFO instead of stdin (for `--alerts PATH`, needed with -d). The FIFO is
    // opened for writing at the first write, once the implementation opened it for reading.
    void use_alerts_fifo(std::filesystem::path fifo) { fifo_ = std::move(fifo); }

    // Writes everything or returns why not ("" on success), naming the limit when it ran out;
    // never blocks past it.
    std::string write_input(std::string_view data, const time_limit& limit);
    void close_input();

    // Reaps without blocking; true once the implementation exited. status() is waitpid's.
    bool exited() { return exited(pid_); }
    bool wait_exit(clock_type::time_point deadline) { return wait_exit(pid_, deadline); }
    std::optional<int> status() const { return status(pid_); }
    // The same for another child of the harness in an adopted group (a daemon, re-parented to
    // the harness, which is a child subreaper).
    bool exited(pid_t pid);
    bool wait_exit(pid_t pid, clock_type::time_point deadline);
    std::optional<int> status(pid_t pid) const;

    // Another process group to clean up at the end (a daemonised child: it left ours by setsid).
    void adopt_group(pid_t pgid);
    bool group_empty() const;

    // Waits until the reader saw EOF on stdout and stderr (every writer is gone) or the deadline.
    bool drain(clock_type::time_point deadline);

    // SIGKILL to every group, reap, stop the reader. Idempotent.
    void terminate();

private:
    void reap();
    void read_loop();

    pid_t pid_ = -1;
    std::vector<pid_t> groups_;
    std::map<pid_t, int> reaped_;  // wait statuses of the children the harness cares about
    int stdin_fd_ = -1;
    int fifo_fd_ = -1;
    int record_fd_ = -1;  // launch_spec::input_record
    std::optional<std::filesystem::path> fifo_;
    int out_fd_ = -1;
    int err_fd_ = -1;
    int stop_fds_[2] = {-1, -1};
    std::filesystem::path stdout_path_, stderr_path_;
    std::atomic<bool> out_eof_{false}, err_eof_{false};
    std::thread reader_;
    bool terminated_ = false;
};

// Resolves a command word against PATH as execvp would, without exec'ing; "" when not found.
std::string resolve_program(const std::string& word, const std::string& path_env);

}  // namespace conformance
