// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "falco_ref/alert.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// Test-only oracle: the RapidJSON 1.1.0 SAX alert parser the reference shipped before
// alert_parser became hand-written. Same contract as alert_parser::parse; the differential
// test (alert_parser_differential_test.cpp) and fuzzer (alert_parser_diff_fuzzer.cpp) require
// both to accept and reject the same lines and to produce the same alerts.
class rapidjson_alert_parser {
public:
    explicit rapidjson_alert_parser(const profile& prof) : prof_(prof) {}

    bool parse(std::string_view line, alert& out, std::string& error) const;

private:
    const profile& prof_;
};

}  // namespace falco_ref
