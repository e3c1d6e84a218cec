// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "replay_alert.hpp"

namespace replay {

// Reads one line of the alert contract (conformance/PROTOCOL.md section 2) for the 0.44
// profile, the only one a real Falco 0.44.1 can play. Used by the adapter (to plan the rules)
// and by the plugin (to replay), so that both agree on what a valid alert is.
class alert_reader {
public:
    struct blank {};  // an empty line or one of only spaces/tabs/CR: ignored, not counted
    // The alert, a blank line, or the reason the line is not a valid alert.
    using result = std::variant<replay_alert, blank, std::string>;

    static result read(std::string_view line);

    // 0.44 priority parsing: case-insensitive full name, or `info`
    // (docs/spec/0.44.md#input.priority.parse,
    // falco@0.44.1:userspace/engine/falco_common.cpp:20-37). Returns the canonical name, or "" when
    // unknown.
    static std::string canonical_priority(std::string_view written);

    // RFC 3339 with up to 9 fraction digits and Z or +-HH:MM, to ns since the epoch; false when
    // malformed or outside 0 <= t < 2^63.
    static bool parse_rfc3339(std::string_view text, std::uint64_t& ns);
};

}  // namespace replay
