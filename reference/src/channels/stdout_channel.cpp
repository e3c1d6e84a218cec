// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/stdout_channel.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace falco_ref {
namespace {

// A stream error, counted as a failed delivery. Falco never checks std::cout's state, so
// nothing is logged (falco@0.44.1:userspace/falco/outputs_stdout.cpp:21-32).
channel_outcome write_error(int err) {
    return channel_outcome::failed(std::string("write to stdout failed: ") + std::strerror(err),
                                   channel_outcome::report::unnoticed);
}

}  // namespace

stdout_channel::stdout_channel(const config& cfg) : buffered_(cfg.buffered_outputs) {}

channel_outcome stdout_channel::deliver(const output_message& msg) {
    // The line and its '\n' into stdout's buffer (falco@0.44.1:userspace/falco/
    // outputs_stdout.cpp:21-32); unbuffered, the flush below writes both at once.
    errno = 0;
    const bool written =
        std::fwrite(msg.line.data(), 1, msg.line.size(), stdout) == msg.line.size() &&
        std::fputc('\n', stdout) != EOF;
    // std::unitbuf in Falco.
    if (!written || (!buffered_ && std::fflush(stdout) == EOF)) {
        const int err = errno;
        std::clearerr(stdout);
        return write_error(err);
    }
    return channel_outcome::done();
}

channel_outcome stdout_channel::close() {
    std::fflush(stdout);  // outputs_stdout.cpp:34-36
    return channel_outcome::done();
}

}  // namespace falco_ref
