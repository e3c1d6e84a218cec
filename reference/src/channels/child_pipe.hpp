// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>

namespace falco_ref {

// `/bin/sh -c <program>` with its stdin the read end of a pipe we hold: what popen(3) gives
// Falco (falco@0.44.1:userspace/falco/outputs_program.cpp:25-42), made explicit so that we can
// bound the waits Falco leaves unbounded and close every other descriptor in the child.
class child_pipe {
public:
    using clock = std::chrono::steady_clock;

    // Throws std::system_error (errno) when the pipe or the spawn fails: popen's failure cases.
    static child_pipe spawn(const std::string& program);

    child_pipe(child_pipe&& other) noexcept;
    child_pipe(const child_pipe&) = delete;
    child_pipe& operator=(const child_pipe&) = delete;
    // Last resort only (the owner calls finish()): EOF, then a bounded wait, then SIGKILL.
    ~child_pipe();

    pid_t pid() const { return pid_; }

    // Writes every byte, waiting while the pipe is full, for ever (Falco's fprintf blocks the
    // same way). Returns 0, or the errno of the failed write (EPIPE when the child closed its
    // end or exited).
    int write_all(std::string_view data);
    // The same, giving up at `deadline` with ETIMEDOUT; *written says how far it got.
    int write_all_until(std::string_view data, clock::time_point deadline, std::size_t* written);

    struct exit_info {
        bool killed = false;  // it did not exit by the deadline and got SIGKILL
        int status = 0;       // waitpid status
    };
    // Closes our end (the child reads EOF) and reaps the child, waiting until `deadline`;
    // after that it is SIGKILLed and reaped. Idempotent.
    exit_info finish(clock::time_point deadline);

private:
    child_pipe(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
    bool wait_exit_until(clock::time_point deadline, int* status);

    pid_t pid_ = -1;
    int fd_ = -1;  // our write end, O_NONBLOCK so that every wait goes through poll()
};

}  // namespace falco_ref
