// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "field_inference.hpp"

namespace replay {

// One generated Falco rule: everything Falco needs per rule name (docs/REAL-FALCO.md
// section 3: one priority, tag set and template per rule name).
struct rule_spec {
    std::string name;
    std::string priority;           // canonical: Warning, Informational, ...
    std::vector<std::string> tags;  // as first written; Falco sorts and deduplicates
    std::string output;             // the rule's `output:` (see `how`)
    int first_line = 0;             // line of alerts.jsonl that defined it
    // template: the alerts' output_template, exact in text and JSON; literal: the one message
    // as a rule output without fields, exact in text and JSON; message: `%falco_replay.message`,
    // a plugin field holding each alert's message, exact in text only (JSON output_fields then
    // hold that field instead of the alert's fields).
    enum class mode { from_template, literal, message } how = mode::from_template;
};

// What falco-replay sets up for one case: the rules file, the plugin's fields and source name,
// and every reason the case's alerts cannot be replayed faithfully.
struct replay_plan {
    // The field holding the 1-based index of the alert's rule; the generated conditions test it.
    static constexpr const char* k_rule_field = "falco_replay.rule";
    // The field holding the alert's whole message, for rules in message mode.
    static constexpr const char* k_message_field = "falco_replay.message";
    // When the alerts use the default `syscall` source, the plugin names its own source this
    // (a plugin cannot own `syscall`): the documented `source` alias of docs/REAL-FALCO.md.
    static constexpr const char* k_alias_source = "replay";

    std::string source = k_alias_source;
    bool source_aliased = true;  // the alerts say `syscall`, Falco will say `replay`
    std::vector<rule_spec> rules;
    std::vector<plugin_field> fields;
    std::vector<std::string> problems;  // "alerts.jsonl:3: ..."; empty = faithful replay
    // Rules replayed in message mode: faithful unless JSON output carries output_fields.
    std::vector<std::string> json_problems;

    // The rules file (YAML) for Falco; every string double-quoted.
    std::string rules_yaml() const;
    // The plugin's specification (JSON): source, rule names in index order, fields.
    std::string plugin_spec_json() const;
    // The plugin's get_fields() answer for this spec (plugin_api.h, get_fields).
    static std::string plugin_fields_json(const std::vector<plugin_field>& fields);
};

}  // namespace replay
