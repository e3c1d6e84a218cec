// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"
#include "run/case_runner.hpp"
#include "select/verdict_rules.hpp"

namespace conformance {

struct suite_counts {
    std::size_t passed = 0, failed = 0, skipped = 0, not_applicable = 0, expected_failures = 0,
                errors = 0;
    void add(verdict v);
};

// Runs the selected cases on `jobs` threads (cases are independent: each has its own work
// directory, mocks and process group) under the verdict rules: a case the capabilities make not
// applicable (or the namespace check skips) is not run; known failures apply to each result.
class suite_runner {
public:
    suite_runner(const case_runner& runner, const verdict_rules& rules)
        : runner_(runner), rules_(rules) {}

    // Results in the order of `cases`; `on_result` is called (serialised) as each completes.
    // With `repeat` > 1 each case runs that many times: a case whose outcome differs between
    // runs fails as nondeterministic (a flaky case is a bug in the case or the implementation,
    // never something to retry away).
    std::vector<case_result> run(const std::vector<golden_case>& cases, unsigned jobs,
                                 unsigned repeat,
                                 const std::function<void(const case_result&)>& on_result);

private:
    case_result run_repeated(const golden_case& c, unsigned repeat) const;

    const case_runner& runner_;
    const verdict_rules& rules_;
};

}  // namespace conformance
