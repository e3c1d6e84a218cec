// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
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
// A limit may hold only where JSON output_fields are printed (falco-replay's message mode
// replays the text of such alerts exactly: docs/REAL-FALCO.md section 2). So when the case prints
// them (`prints_json_output_fields`), the list also has `json-fields` and, for each feature
// above, the same name with `+json-fields` appended (`alerts:float+json-fields`): a
// capabilities file lists the combined name to exclude only the JSON cases.
std::vector<std::string> derive_alert_features(std::string_view alerts_jsonl,
                                               bool prints_json_output_fields);

// Whether an implementation run with this case's config (untemplated) and arguments prints JSON
// output_fields: `json_output` true and, in 0.44, `json_include_output_fields_property` not
// false (legacy prints them always). The values are those of the effective config
// (select/effective_config.hpp: the config, then each `-o key=value` in order); a missing key or
// a value that is not a YAML bool is Falco 0.44's default (false, true). A config that is not a
// YAML mapping counts as printing them: a capability that excludes JSON cases must not let an
// unread one through.
bool prints_json_output_fields(const std::optional<std::string>& config,
                               const std::vector<std::string>& args, std::string_view profile);
class effective_config;
bool prints_json_output_fields(const effective_config& config, std::string_view profile);

}  // namespace conformance
