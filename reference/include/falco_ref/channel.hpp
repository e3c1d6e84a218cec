// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "falco_ref/output_message.hpp"

namespace falco_ref {

// A delivery failure of one channel. The worker logs it at ERR as "<name>: <what>" and goes on
// with the next channel (falco@0.44.1:userspace/falco/falco_outputs.cpp:303-311).
class channel_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One output channel (file, stdout, syslog, program, http). All calls come from the single
// outputs worker thread, so implementations need no locking. Each call may block (a full pipe,
// a stalled server); the worker's watchdog reports calls longer than output_timeout.
class channel {
public:
    virtual ~channel() = default;

    // "file", "stdout", "syslog", "program", "http": the name Falco uses in its log lines.
    virtual std::string_view name() const = 0;

    // Writes one message. Throws channel_error on failure; the message is then lost on this
    // channel only.
    virtual void deliver(const output_message& msg) = 0;

    // SIGUSR1, processed in order behind the messages already queued. Default: nothing.
    virtual void reopen() {}

    // Shutdown: flush and release everything (Falco's cleanup()). Called once, last.
    virtual void close() {}
};

}  // namespace falco_ref
