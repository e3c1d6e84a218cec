// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"
#include "run/case_runner.hpp"
#include "select/listed_entries.hpp"

namespace conformance {

struct suite_counts {
    std::size_t passed = 0, failed = 0, skipped = 0, not_applicable = 0, expected_failures = 0,
                errors = 0;
    void add(verdict v);
};

// Runs the selected cases on `jobs` threads (cases are independent: each has its own work
// directory, mocks and process group), then applies the baselines: capabilities first (a case
// needing a lacking feature is not run), the namespace check, then known failures (a listed
// case that fails is an expected failure; one that passes fails the run as stale).
class suite_runner {
public:
    suite_runner(const case_runner& runner, std::vector<listed_entry>& known_failures,
                 std::vector<listed_entry>& lacking, std::string no_namespace_reason)
        : runner_(runner),
          known_failures_(known_failures),
          lacking_(lacking),
          no_namespace_reason_(std::move(no_namespace_reason)) {}

    // Results in the order of `cases`; `on_result` is called (serialised) as each completes.
    // With `repeat` > 1 each case runs that many times: a case whose outcome differs between
    // runs fails as nondeterministic (a flaky case is a bug in the case or the implementation,
    // never something to retry away).
    std::vector<case_result> run(const std::vector<golden_case>& cases, unsigned jobs,
                                 unsigned repeat,
                                 const std::function<void(const case_result&)>& on_result);

    // The verdict a case gets without running it, if any (also used by --list).
    std::optional<case_result> pre_verdict(const golden_case& c) const;

private:
    case_result run_repeated(const golden_case& c, unsigned repeat) const;
    // Known failures and the `used` marks of both lists; called under the results lock.
    void apply_baselines(case_result& result);

    const case_runner& runner_;
    std::vector<listed_entry>& known_failures_;
    std::vector<listed_entry>& lacking_;
    std::string no_namespace_reason_;  // empty: namespaces work
};

}  // namespace conformance
