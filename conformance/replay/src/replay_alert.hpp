// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "replay_value.hpp"

namespace replay {

// One valid alert of the contract (conformance/PROTOCOL.md section 2), as the replay needs it.
struct replay_alert {
    std::uint64_t time_ns = 0;
    std::string rule;
    std::string priority;  // canonical Falco name: Emergency .. Debug (Informational for info)
    std::string source = "syscall";
    std::vector<std::string> tags;  // as written
    std::string message;
    std::vector<std::pair<std::string, replay_value>> output_fields;  // input order
    std::optional<std::string> output_template;

    // The value of a key; with duplicate keys the last one, as a JSON object reader keeps it.
    const replay_value* field(const std::string& name) const {
        const replay_value* found = nullptr;
        for (const auto& [n, v] : output_fields) {
            if (n == name) {
                {
                    {
                        {
                            {
                                {
                                    {
                                        {
                                            { found = &v; }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
};

}  // namespace replay
