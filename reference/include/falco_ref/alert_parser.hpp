// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "falco_ref/alert.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// Parses one line of the alert contract (conformance/PROTOCOL.md section 2). Strings are kept
// byte for byte (raw invalid UTF-8 included), numbers keep their kind, and the priority is
// parsed as the profile parses rule priorities.
class alert_parser {
public:
    // Whether the alert's `output_fields` are stored. Only the JSON formats print them; with
    // `skip` they are still read and checked exactly as with `keep` (the same lines accepted,
    // the same errors), but `out.output_fields` stays empty. Storing them is about a quarter
    // of the parse time (bench/RESULTS.md section 4).
    enum class fields { keep, skip };

    explicit alert_parser(const profile& prof, fields f = fields::keep) : prof_(prof), fields_(f) {}

    // `line` excludes its '\n'. Returns false and sets `error` to a one-line reason (e.g.
    // `missing key "rule"`, `"time" must be an integer or an RFC 3339 string`) when the line
    // is not a valid alert; `out` is then unspecified.
    bool parse(std::string_view line, alert& out, std::string& error) const;

private:
    const profile& prof_;
    fields fields_;
};

}  // namespace falco_ref
