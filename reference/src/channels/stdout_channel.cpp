// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/stdout_channel.hpp"

#include <stdio_ext.h>

#include <cstdio>
#include <string>

#include "falco_ref/mutation.hpp"

namespace falco_ref {

stdout_channel::stdout_channel(const config& cfg)
    : buffered_(cfg.buffered_outputs),
      newline_(!mutation_active("no_trailing_newline")),
      lose_flush_(mutation_active("lost_flush")) {}

void stdout_channel::deliver(const output_message& msg) {
    // The line and its '\n' into stdout's buffer (falco@0.44.1:userspace/falco/
    // outputs_stdout.cpp:21-32); unbuffered, the flush below writes both at once.
    std::fwrite(msg.line.data(), 1, msg.line.size(), stdout);
    if (newline_) {
        std::fputc('\n', stdout);
    }
    if (!buffered_) {
        std::fflush(stdout);  // std::unitbuf in Falco
    }
}

void stdout_channel::close() {
    if (lose_flush_) {
        __fpurge(stdout);
        return;
    }
    std::fflush(stdout);  // outputs_stdout.cpp:34-36
}

}  // namespace falco_ref
