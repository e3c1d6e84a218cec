// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

class child_pipe;

// program_output: each message goes to `/bin/sh -c <program>` on its stdin, `line\n`
// (docs/spec/common.md#65-program, docs/spec/0.44.md#9-program-output,
// docs/spec/legacy.md#9-program-output).
//
// - Lazy: the child is spawned at the first message (or by reopen), never at construction.
// - keep_alive false: spawn, write, close the pipe, wait: one child per message.
//   keep_alive true: one long-lived child.
// - buffered_outputs: a 4096-byte buffer like glibc's for a pipe, written when full, on
//   reopen and at close; unbuffered: one write(2) per message.
// - reopen (SIGUSR1): close and wait, then spawn at once (legacy: only with keep_alive).
// - The child stays in our process group and session and inherits our environment, cwd and
//   fds 1/2; every other descriptor is closed in it.
// - Spawn failure (pipe/fork): ERR `Failed to open program output: <program> (error: <strerror>)`,
//   logged as Falco logs it itself, the message is lost (a failed delivery), the next one
//   retries (falco@0.44.1:userspace/falco/outputs_program.cpp:29-36).
// - A child that closed its input or exited: the write fails with EPIPE (SIGPIPE is ignored by
//   the binary), the pipe is closed, the child reaped, and the delivery fails with
//   "write to program output failed: <program> (error: <strerror>)", which the worker logs as
//   "program: ..."; the next message spawns a new child.
// - The line ends at its first NUL: Falco writes it with fprintf("%s\n") (outputs_program.cpp:48).
//
// Waiting. Falco blocks in fprintf while the pipe is full and in pclose until the child exits,
// without any bound. deliver() keeps that: a child that never reads blocks the worker once the
// pipe (64 KiB) is full, the output_timeout watchdog reports it, and outputs::stop() waits for
// that call as Falco's join does, until the child reads or dies. Closing a child (per message with
// keep_alive false, on reopen and at close()) is bounded so that shutdown always completes: pending
// bytes are written and the child is waited for until close_grace() has passed, which is ten times
// output_timeout and at least 1 s (a slow consumer gets far longer than the watchdog tolerates);
// then the unwritten bytes are dropped and logged, the child gets EOF and, if it still has not
// exited, SIGKILL (also logged). Falco would hang instead.
class program_channel final : public channel {
public:
    explicit program_channel(const config& cfg);
    ~program_channel() override;

    std::string_view name() const override { return "program"; }
    channel_outcome deliver(const output_message& msg) override;
    channel_outcome reopen() override;
    channel_outcome close() override;

    // The bound on closing one child (see above).
    std::chrono::milliseconds close_grace() const { return close_grace_; }

    static constexpr std::size_t k_buffer_size = 4096;  // glibc's stdio buffer on a pipe

private:
    channel_outcome spawn();
    // Into the buffer, or to the child when unbuffered or the buffer is full.
    channel_outcome write_bytes(const std::string& data);
    // To the child at once; on a failure the child is reaped.
    channel_outcome write_now(const std::string& data);
    // Writes what is buffered and reaps the child, both bounded by close_grace().
    void close_child();
    // Closes the pipe and waits for the child until `deadline`, then SIGKILLs it (logged).
    void reap_child(std::chrono::steady_clock::time_point deadline);

    const profile& prof_;
    std::string program_;
    bool keep_alive_;
    bool buffered_;
    std::chrono::milliseconds close_grace_;
    std::unique_ptr<child_pipe> child_;
    std::string buffer_;
    std::string line_;  // scratch: one message with its '\n', when it is written out at once
};

}  // namespace falco_ref
