// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/stdout_channel.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace falco_ref {

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
        // A stream error, counted as a failed delivery. Falco never checks std::cout's state,
        // so nothing is logged (falco@0.44.1:userspace/falco/outputs_stdout.cpp:21-32).
        const std::string what = std::string("write to stdout failed: ") + std::strerror(errno);
        std::clearerr(stdout);
        return channel_outcome::failed(what, channel_outcome::report::unnoticed);
    }
    return channel_outcome::done();
}

channel_outcome stdout_channel::close() {
    std::fflush(stdout);  // outputs_stdout.cpp:34-36
    return channel_outcome::done();
}

}  // namespace falco_ref
