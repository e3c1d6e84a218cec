// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "falco_ref/json_value.hpp"
#include "falco_ref/priority.hpp"

namespace falco_ref {

// One alert of the contract (conformance/PROTOCOL.md, "Alerts"): what Falco's engine hands to
// its outputs after a rule matched. `message` is the rule output already resolved, without the
// time/priority prefix.
struct alert {
    std::int64_t time_ns = 0;  // event time, nanoseconds since the epoch (UTC)
    std::string rule;
    priority prio = priority::debug;
    std::string priority_text;  // the priority as written in the input (legacy statistics)
    std::string source = "syscall";
    std::vector<std::string> tags;  // as given; serialisers sort/deduplicate per profile
    std::string message;
    json_value::object output_fields;
};

}  // namespace falco_ref
