// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"
#include "select/listed_entries.hpp"

namespace conformance {

// What the capabilities and known-failures files (conformance/README.md) say about a case,
// before it runs, after it ran, and ahead of a run (--list).
class verdict_rules {
public:
    // `lacking`: the capabilities file's features (a bare name matches a case's features,
    // `tag:<name>` its hand tags); `known_failures`: case-id globs of this profile;
    // `no_namespace_reason`: why there is no private /dev/log ("" when there is one);
    // `no_tmpfs_reason`: why the harness cannot mount a tmpfs of its own ("" when it can).
    verdict_rules(std::vector<listed_entry> lacking, std::vector<listed_entry> known_failures,
                  std::string no_namespace_reason, std::string no_tmpfs_reason = "")
        : lacking_(std::move(lacking)),
          known_failures_(std::move(known_failures)),
          no_namespace_reason_(std::move(no_namespace_reason)),
          no_tmpfs_reason_(std::move(no_tmpfs_reason)) {}

    // The verdict a case gets without running, if any: not applicable when it needs listed
    // features (each named with what in the case needs it and the list's reason), skipped when
    // it needs the syslog mock and there is no private /dev/log, or a tmpfs the harness cannot
    // mount.
    std::optional<case_result> before_run(const golden_case& c) const;

    // A run's result under the known-failures list: a listed case that failed is an expected
    // failure, one that passed fails the run as a stale entry. Keeps the run's own outcome in
    // `run_outcome`.
    void after_run(case_result& r) const;

    // What a run would make of the case, for --list: "run", "not applicable: ...", "skipped:
    // ...", "expected failure: ...".
    std::string preview(const golden_case& c) const;

    // One warning per capabilities line that matters to no selected case, saying why.
    std::vector<std::string> warnings(const std::vector<golden_case>& selected) const;

private:
    const listed_entry* known_failure(const std::string& id) const;

    std::vector<listed_entry> lacking_;
    std::vector<listed_entry> known_failures_;
    std::string no_namespace_reason_;
    std::string no_tmpfs_reason_;
};

}  // namespace conformance
