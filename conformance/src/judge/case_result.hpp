// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "run/invocation.hpp"

namespace conformance {

// One thing that did not match: `what` names the channel or step ("stdout", "steps[3] (wait)"),
// `message` is one line, `detail` the unified diff and JSON explanation (may be empty).
struct failure {
    std::string what;
    std::string message;
    std::string detail;
};

enum class verdict {
    passed,
    failed,            // the implementation did not behave as the case expects
    error,             // the harness could not run the case (schema error, a mock did not start)
    skipped,           // could not run here (no mount namespace for a syslog case)
    not_applicable,    // the implementation declared it lacks a feature the case needs
    expected_failure,  // failed, and listed in --known-failures
};

const char* verdict_name(verdict v);

// Every verdict, the ones that need attention first (the order the reports list them in).
constexpr verdict k_all_verdicts[] = {verdict::failed,           verdict::error,
                                      verdict::expected_failure, verdict::not_applicable,
                                      verdict::skipped,          verdict::passed};

struct case_result {
    std::string id;
    verdict outcome = verdict::passed;
    // The implementation's own outcome, before the known-failures list made a failure expected
    // or a pass stale: what --write-known-failures records.
    verdict run_outcome = verdict::passed;
    std::string reason;  // for skipped, not_applicable, expected_failure, error; stale entries
    // not_applicable by the implementation's own exit 77 (declared_not_applicable.hpp) rather
    // than by a feature the capabilities file lists; the summary names these cases.
    bool declared_by_implementation = false;
    std::vector<failure> failures;
    std::string stderr_tail;
    std::string workdir;  // kept with --keep-workdir, else empty
    std::string reproduce;
    std::optional<invocation> launched;  // how the implementation was started, if it was
    std::chrono::milliseconds duration{0};
    std::vector<std::string> tags;  // the case's tags and channel, for the reports' filters
};

}  // namespace conformance
