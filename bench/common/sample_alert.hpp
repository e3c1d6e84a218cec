// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace falco_bench {

// A typed output field as libsinsp would hand it over (PROTOCOL.md section 2): the kinds
// matter because each JSON writer prints them differently.
struct sample_field {
    using value_type = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double,
                                    std::string, std::vector<std::string>>;
    std::string name;
    value_type value;
};

// One alert of the contract, independent of any implementation's types, so that the micro
// benchmarks (which convert it to falco_ref::alert) and the end-to-end tool (which writes it as
// JSON Lines for any binary) measure the same data.
struct sample_alert {
    std::int64_t time_ns = 0;
    std::string rule;
    std::string priority;
    std::string source = "syscall";
    std::vector<std::string> tags;
    std::string message;
    std::vector<sample_field> fields;  // sorted by name, unique
    // The rule output with %field references that renders to `message` (PROTOCOL.md section
    // 2, `output_template`): one per rule and size, as a Falco rule has one output.
    std::string output_template;
};

// Deterministic alert number `index` whose output_fields serialise to about `fields_bytes`
// bytes of JSON (at least a few fields; realistic Falco field names and kinds). Every alert of
// one size has the same fields. The message is the rule output with the field values in it, as
// a resolved Falco rule output is, so it grows with the fields.
sample_alert make_sample_alert(std::size_t fields_bytes, std::uint64_t index);

// The alert as one contract line (JSON object + '\n'), with its `output_template` when asked
// (adapters that drive a real Falco need it; see conformance/replay).
std::string to_contract_line(const sample_alert& alert, bool with_template = false);

// The compact JSON object of the fields alone (used to report the real size).
std::string fields_json(const sample_alert& alert);

// JSON string literal with the escapes every JSON writer agrees on (quotes included).
void append_json_string(std::string& out, std::string_view text);

}  // namespace falco_bench
