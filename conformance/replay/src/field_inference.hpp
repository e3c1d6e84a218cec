// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "output_template.hpp"
#include "replay_alert.hpp"

namespace replay {

// A field the replay plugin declares (plugin_api.h get_fields): its name without argument, its
// plugin type, and whether references carry an argument (`proc.aname[2]`).
struct plugin_field {
    std::string name;
    std::string type;  // "string", "uint64" or "bool"
    bool has_argument = false;
};

// Infers the plugin's fields from the templates and the values of the alerts a case sends
// (docs/REAL-FALCO.md sections 2 and 3): a plugin field is a string, a non-negative
// 64-bit integer or a boolean; `null` (unresolved) fits any type. What a plugin cannot carry is
// reported, never approximated.
class field_inference {
public:
    // Built-in fields of every plugin source whose value Falco computes itself from the event
    // (timestamp, FALCO_HOSTNAME), so the replay leaves them to Falco and declares nothing.
    static bool is_falco_computed(const std::string& base);

    // Records the references of one alert; returns the problems (empty when expressible).
    std::vector<std::string> add(const replay_alert& alert, const output_template& tmpl);

    // Declared fields in order of first reference.
    std::vector<plugin_field> fields() const;

private:
    struct seen {
        plugin_field field;
        bool typed = false;  // false while only nulls were seen: declared as string
        std::size_t order = 0;
    };
    std::map<std::string, seen> fields_;
};

}  // namespace replay
