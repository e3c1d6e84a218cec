// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "falco_ref/priority.hpp"

namespace falco_ref {

// An alert after formatting: formatted once on the reading thread, then handed unchanged to
// every channel, as Falco does (falco@0.44.1:userspace/falco/outputs.h:43-51).
struct output_message {
    priority prio = priority::debug;
    // The text line or JSON object, without a line terminator: channels add their own.
    std::string line;
    // What syslog carries when it differs from `line` (legacy text mode sends the rule output
    // without the time/priority prefix: docs/spec/legacy.md#syslog.message).
    std::optional<std::string> syslog_line;

    const std::string& syslog_body() const { return syslog_line ? *syslog_line : line; }
};

}  // namespace falco_ref
