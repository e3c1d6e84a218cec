// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/stdout_channel.hpp"

#include <cstdio>
#include <string>

namespace falco_ref {

stdout_channel::stdout_channel(const config& cfg) : buffered_(cfg.buffered_outputs) {}

void stdout_channel::deliver(const output_message& msg) {
    // The line and its '\n' into stdout's buffer (falco@0.44.1:userspace/falco/
    // outputs_stdout.cpp:21-32); unbuffered, the flush below writes both at once.
    std::fwrite(msg.line.data(), 1, msg.line.size(), stdout);
    std::fputc('\n', stdout);
    if (!buffered_) {
        std::fflush(stdout);  // std::unitbuf in Falco
    }
}

void stdout_channel::close() {
    std::fflush(stdout);  // outputs_stdout.cpp:34-36
}

}  // namespace falco_ref
