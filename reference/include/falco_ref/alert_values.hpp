// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "falco_ref/priority.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// Conversions of alert values that do not depend on how the JSON line is tokenised, shared by
// alert_parser and the RapidJSON parser the tests keep as its oracle
// (reference/tests/oracle/rapidjson_alert_parser.hpp).

// RFC 3339 date-time (section 5.6): YYYY-MM-DDTHH:MM:SS[.1-9 digits](Z|+HH:MM|-HH:MM), 'T'
// and 'Z' in either case; leap second 60 is not representable and rejected. Converted to UTC
// nanoseconds; false if malformed or outside [0, 2^63).
bool parse_rfc3339(std::string_view s, std::int64_t& ns);

// A rule priority as the profile parses it (0.44: full name; legacy: prefix).
std::optional<priority> parse_rule_priority(const profile& prof, std::string_view text);

// A JSON number with the kind its text gives it (conformance/PROTOCOL.md section 2).
struct json_number {
    enum class kind { signed_integer, unsigned_integer, floating_point };
    kind k = kind::signed_integer;
    std::int64_t i = 0;   // signed_integer
    std::uint64_t u = 0;  // unsigned_integer: above INT64_MAX only
    double d = 0;         // floating_point
};

// Converts the text of a number that is valid JSON: integers in int64, then uint64 range, all
// others (fraction, exponent or beyond 64 bits) to the nearest double, +-inf or +-0 beyond the
// double range. False only if std::from_chars does not take the whole text.
bool convert_json_number(std::string_view text, json_number& out);

}  // namespace falco_ref
