// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <mocks/records.hpp>

namespace conformance {

// Turns what a mock recorded into JSON lines shaped like the case's expected file: the same keys
// in the same order, one line per message / request / program process, so a plain line diff and
// the JSON explanation show the difference. Only the keys the expected line lists are compared
// (golden/README.md, "Expectations"); both sides are re-serialised the same way, so spacing in
// the expected file does not matter.
struct projection {
    std::string expected;  // canonical form of the expected file
    std::string actual;    // the records, projected
    std::string error;     // the expected file is malformed (names line and key); then no diff
};

projection project_syslog(std::string_view expected_jsonl,
                          const std::vector<mocks::syslog_record>& records);
projection project_http(std::string_view expected_jsonl,
                        const std::vector<mocks::http_record>& records);
// `impl_pgid`: the implementation's process group, for "same_pgid_as_impl".
projection project_program(std::string_view expected_jsonl,
                           const std::vector<mocks::capture_event>& events, long impl_pgid);

}  // namespace conformance
