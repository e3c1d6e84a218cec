// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "falco_ref/output_message.hpp"

namespace falco_ref {

// What one channel call did. A failure carries its reason and says how Falco reports it, so
// that the outputs worker, which logs every failure and counts every alert, writes Falco's
// line byte for byte and counts what really happened.
class channel_outcome {
public:
    enum class status {
        done,
        failed,  // this call failed; the channel goes on with the next message
        fatal,   // legacy: the run ends ("Runtime error: <reason>. Exiting.", exit 1)
    };

    // How Falco makes a failure visible.
    enum class report {
        // The exception reaches falco_outputs' worker, which logs ERR "<channel>: <reason>"
        // (falco@0.44.1:userspace/falco/falco_outputs.cpp:303-311): the file output's open
        // failure, and our program write failure.
        by_worker,
        // The channel logs its own ERR line and returns: `reason` is that line
        // (falco@0.44.1:userspace/falco/outputs_http.cpp:125-129, outputs_program.cpp:29-36).
        by_channel,
        // Nothing: Falco never checks a stream after writing to it (stdout, the file output).
        unnoticed,
    };

    static channel_outcome done() { return channel_outcome(status::done, report::unnoticed, {}); }
    static channel_outcome failed(std::string reason, report how) {
        return channel_outcome(status::failed, how, std::move(reason));
    }
    static channel_outcome fatal(std::string reason) {
        return channel_outcome(status::fatal, report::unnoticed, std::move(reason));
    }

    status result() const { return status_; }
    bool ok() const { return status_ == status::done; }
    report how() const { return how_; }
    const std::string& reason() const { return reason_; }

    // The ERR line the outputs worker logs for this outcome of channel `name`; nullopt when
    // Falco logs nothing there (done, unnoticed, fatal: the fatal error is reported by the
    // application as it ends the run).
    std::optional<std::string> log_line(std::string_view name) const {
        if (status_ != status::failed || how_ == report::unnoticed) {
            return std::nullopt;
        }
        // The worker ends its line with a newline of its own (falco_outputs.cpp:308-309), which
        // the logger keeps or not as docs/spec/0.44.md#log.newline says.
        return how_ == report::by_worker ? std::string(name) + ": " + reason_ + "\n" : reason_;
    }

private:
    channel_outcome(status s, report how, std::string reason)
        : status_(s), how_(how), reason_(std::move(reason)) {}

    status status_;
    report how_;
    std::string reason_;
};

// One output channel (file, stdout, syslog, program, http). All calls come from the single
// outputs worker thread, so implementations need no locking. Each call may block (a full pipe,
// a stalled server); the worker's watchdog reports calls longer than output_timeout. Each call
// returns what happened; a failed delivery loses the message on this channel only.
class channel {
public:
    virtual ~channel() = default;

    // "file", "stdout", "syslog", "program", "http": the name Falco uses in its log lines.
    virtual std::string_view name() const = 0;

    // Writes one message.
    virtual channel_outcome deliver(const output_message& msg) = 0;

    // SIGUSR1, processed in order behind the messages already queued. Default: nothing.
    virtual channel_outcome reopen() { return channel_outcome::done(); }

    // Shutdown: flush and release everything (Falco's cleanup()). Called once, last.
    virtual channel_outcome close() { return channel_outcome::done(); }
};

}  // namespace falco_ref
