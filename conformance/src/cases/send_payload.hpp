// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "cases/golden_case.hpp"
#include "cases/templater.hpp"

namespace conformance {

// The bytes each send step of a case writes to the implementation's input: `send` (lines of
// the case's alerts.jsonl), `send_raw` (templated text), `send_file`, `send_generated`.
// One definition for the step that sends them and for the adapters' alerts file.
class send_payloads {
public:
    send_payloads(const golden_case& c, const templater& values) : case_(c), values_(values) {}

    // The payload of a send step; empty for any other step.
    std::string of(const step& s);

    // What adapters read before the start (FALCO_CONFORMANCE_ALERTS): the case's alerts.jsonl
    // whole, if it has one (its order of rules is the order a replay plans in), then every
    // byte the send_raw, send_file and send_generated steps will write, in step order.
    // nullopt when the case sends nothing at all.
    std::optional<std::string> adapter_alerts();

    // Whether the case sends anything: an alerts.jsonl, or a send_raw, send_file or
    // send_generated step.
    static bool sends_anything(const golden_case& c);

private:
    const std::string& alerts_file();

    const golden_case& case_;
    const templater& values_;
    std::optional<std::string> alerts_file_;  // alerts.jsonl, read when first needed
};

}  // namespace conformance
