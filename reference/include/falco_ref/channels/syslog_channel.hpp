// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

// syslog_output: glibc syslog(3) to /dev/log as Falco calls it: `syslog(level, "%s", msg)`,
// level = the priority number, facility LOG_USER, ident `falco`, no PID, no newline
// (docs/spec/common.md#syslog.call, docs/spec/0.44.md#syslog.message,
// docs/spec/legacy.md#syslog.message). The message is
// output_message::syslog_body(): the line, or the legacy unprefixed text.
//
// Falco never calls openlog and relies on its binary being named falco; we call
// openlog("falco", 0, LOG_USER) so that our own executable name does not leak
// (docs/spec/common.md#syslog.call). openlog's state is process-wide and shared with the logger,
// which sets the same values.
//
// glibc drops a message silently when /dev/log is missing or refuses it, and so does this
// channel. One connect() at construction checks the socket: if it fails, one ERR line says
// that syslog messages will be lost, and the channel keeps running (the socket may appear
// later; glibc reconnects at every call while it is unconnected). While the socket is known to
// be missing, each delivery checks it again, so that a message glibc drops is counted as
// failed (unnoticed: Falco logs nothing per message); once it connects, a delivery is counted
// as delivered, since a later drop cannot be seen.
class syslog_channel final : public channel {
public:
    explicit syslog_channel(const config& cfg);

    std::string_view name() const override { return "syslog"; }
    channel_outcome deliver(const output_message& msg) override;

    // Whether a datagram (or, as glibc falls back, stream) socket could connect to `path`;
    // on failure *error is the strerror text.
    static bool can_connect(const std::string& path, std::string* error);

private:
    std::string unreachable_;  // why /dev/log could not be reached at the last check, or ""
};

}  // namespace falco_ref
