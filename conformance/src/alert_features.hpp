// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// Features of a case derived from the content of its alerts.jsonl, for --capabilities: an
// implementation that replays alerts through a real Falco (conformance/replay/,
// docs/REAL-FALCO.md section 5) cannot express some alerts, and the limit should follow the
// data rather than hand-written tags. Lines that are not JSON objects are ignored.
//   alerts:sources>1               two or more `source` values (default syscall)
//   alerts:negative-int            a negative integer in output_fields
//   alerts:float                   a floating-point number in output_fields
//   alerts:list                    an array in output_fields
//   alerts:fields-without-template output_fields beyond evt.time[.iso8601], no output_template
//   alerts:nul                     a NUL in rule, message, output_template or a field string
//   alerts:literal-percent         a literal % in the template (or, without one, the message)
//   alerts:rule-varies             one rule name with two templates, priorities or tag sets
std::vector<std::string> derive_alert_features(std::string_view alerts_jsonl);

}  // namespace conformance
