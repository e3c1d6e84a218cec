// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <mutex>
#include <set>

namespace conformance {

// Every process group and mock the harness has running, so that an interrupted harness
// (Ctrl-C in a terminal, a CI job cancelled with SIGTERM) leaves nothing behind: on SIGINT,
// SIGTERM or SIGHUP a watcher thread kills them all and the harness exits 130.
class child_registry {
public:
    static child_registry& instance();

    // Forks a child that leads its own process group and registers that group, under the
    // registry's lock, so an interrupt arriving between fork and registration cannot miss it
    // (kill_all waits for the lock). `child` runs in the child only and must not return (exec
    // or _exit; system calls only: the harness is multi-threaded). Returns fork's result, with
    // its errno kept on failure.
    template <typename Child>
    pid_t fork_group(Child&& child) {
        std::lock_guard guard(lock_);
        const pid_t pid = fork();
        if (pid == 0) {
            setpgid(0, 0);
            child();
            _exit(127);
        }
        const int fork_errno = errno;
        if (pid > 0) {
            setpgid(pid, pid);  // also here: no race with a signal sent right after start
            groups_.insert(pid);
        }
        errno = fork_errno;
        return pid;
    }

    void add_group(pid_t pgid);
    void remove_group(pid_t pgid);
    void add_process(pid_t pid);
    void remove_process(pid_t pid);
    // Work directories to delete on interrupt (not those kept with --keep-workdir).
    void add_workdir(const std::filesystem::path& dir);
    void remove_workdir(const std::filesystem::path& dir);

    // Installs the signal handlers and starts the watcher (once; main() calls it).
    static void install_interrupt_cleanup();

private:
    void kill_all();

    std::mutex lock_;
    std::set<pid_t> groups_;
    std::set<pid_t> processes_;
    std::set<std::filesystem::path> workdirs_;
};

}  // namespace conformance
