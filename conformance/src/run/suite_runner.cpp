// SPDX-License-Identifier: Apache-2.0
#include "run/suite_runner.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace conformance {

const char* verdict_name(verdict v) {
    switch (v) {
        case verdict::passed:
            return "passed";
        case verdict::failed:
            return "failed";
        case verdict::error:
            return "error";
        case verdict::skipped:
            return "skipped";
        case verdict::not_applicable:
            return "not applicable";
        case verdict::expected_failure:
            return "expected failure";
    }
    return "?";
}

void suite_counts::add(verdict v) {
    switch (v) {
        case verdict::passed:
            ++passed;
            break;
        case verdict::failed:
            ++failed;
            break;
        case verdict::error:
            ++errors;
            break;
        case verdict::skipped:
            ++skipped;
            break;
        case verdict::not_applicable:
            ++not_applicable;
            break;
        case verdict::expected_failure:
            ++expected_failures;
            break;
    }
}

case_result suite_runner::run_repeated(const golden_case& c, unsigned repeat) const {
    auto result = runner_.run(c);
    unsigned passed = result.outcome == verdict::passed ? 1 : 0;
    bool differs = false;
    for (unsigned i = 1; i < repeat; ++i) {
        auto again = runner_.run(c);
        differs |= again.outcome != result.outcome;
        passed += again.outcome == verdict::passed ? 1 : 0;
        again.duration += result.duration;
        if (result.outcome == verdict::passed) {
            result = std::move(again);  // keep a failing run's details when there is one
        } else {
            result.duration = again.duration;
        }
    }
    if (differs) {
        result.outcome = verdict::failed;
        result.failures.insert(
            result.failures.begin(),
            {"repeat",
             "nondeterministic: passed " + std::to_string(passed) + " of " +
                 std::to_string(repeat) + " runs (details of a failing run below)",
             ""});
    }
    return result;
}

std::vector<case_result> suite_runner::run(
    const std::vector<golden_case>& cases, unsigned jobs, unsigned repeat,
    const std::function<void(const case_result&)>& on_result) {
    std::vector<case_result> results(cases.size());
    std::atomic<std::size_t> next{0};
    std::mutex lock;  // serialises on_result
    const auto worker = [&] {
        for (std::size_t i; (i = next++) < cases.size();) {
            auto pre = rules_.before_run(cases[i]);
            auto r = pre ? std::move(*pre) : run_repeated(cases[i], repeat);
            rules_.after_run(r);
            std::lock_guard guard(lock);
            on_result(r);
            results[i] = std::move(r);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < std::max(1u, jobs); ++t) {
        threads.emplace_back(worker);
    }
    worker();
    for (auto& t : threads) {
        t.join();
    }
    return results;
}

}  // namespace conformance
