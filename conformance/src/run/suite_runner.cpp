// SPDX-License-Identifier: Apache-2.0
#include "run/suite_runner.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "select/glob.hpp"

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

std::optional<case_result> suite_runner::pre_verdict(const golden_case& c) const {
    case_result r;
    r.id = c.id;
    if (!c.load_error.empty()) {
        return std::nullopt;  // the runner reports it as an error
    }
    const auto features = c.features();
    for (const auto& lack : lacking_) {
        if (std::find(features.begin(), features.end(), lack.key) != features.end()) {
            r.outcome = verdict::not_applicable;
            r.reason = "needs " + lack.key + ", which the implementation lacks: " + lack.reason;
            return r;
        }
    }
    if (c.syslog_mock && !no_namespace_reason_.empty()) {
        r.outcome = verdict::skipped;
        r.reason = "needs the mock syslog at /dev/log: " + no_namespace_reason_;
        return r;
    }
    return std::nullopt;
}

void suite_runner::apply_baselines(case_result& result) {
    for (auto& lack : lacking_) {
        if (result.outcome == verdict::not_applicable &&
            result.reason.starts_with("needs " + lack.key + ",")) {
            lack.used = true;
        }
    }
    const auto listed = std::find_if(known_failures_.begin(), known_failures_.end(),
                                     [&](const auto& e) { return glob_match(e.key, result.id); });
    if (listed == known_failures_.end() || result.outcome == verdict::not_applicable) {
        return;
    }
    listed->used = true;
    if (result.outcome == verdict::failed) {
        result.outcome = verdict::expected_failure;
        result.reason = listed->reason + " (" + listed->where + ")";
    } else if (result.outcome == verdict::passed) {
        result.outcome = verdict::failed;
        result.failures.push_back({"known-failures",
                                   "listed as a known failure at " + listed->where + " (" +
                                       listed->reason + ") but passed: remove the entry",
                                   ""});
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
    std::mutex lock;  // serialises on_result and the `used` flags of the lists
    const auto worker = [&] {
        for (std::size_t i; (i = next++) < cases.size();) {
            auto pre = pre_verdict(cases[i]);
            auto r = pre ? std::move(*pre) : run_repeated(cases[i], repeat);
            std::lock_guard guard(lock);
            apply_baselines(r);
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
