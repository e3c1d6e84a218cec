// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/spec_index.hpp"

namespace conformance {

// Which golden cases assert each rule of one profile (their `rules:` lists).
struct profile_trace {
    struct entry {
        const spec_rule* rule;
        // Case ids, home included: "0.44/file/keep_alive_false_text".
        std::vector<std::string> cases;
    };
    std::string profile;
    std::vector<entry> rules;  // every rule that applies in the profile, sorted by id

    std::size_t asserted() const;
    std::size_t not_asserted_with_reason() const;  // no case, and a `*Not asserted:*` reason
    std::vector<const spec_rule*> gaps() const;    // no case and no reason
    // "Profile 0.44: 179 rules, 134 asserted, 14 not asserted with a reason, 31 gaps."
    std::string summary() const;
};

profile_trace trace_profile(const std::string& profile, const spec_index& spec,
                            const std::vector<golden_case>& cases);

// docs/spec/TRACEABILITY.md: per profile, each rule with its document and the cases asserting
// it, then the rules no case asserts with their reason or marked as a gap. `command` is how the
// file is regenerated, named at its top.
std::string render_traceability(const std::vector<profile_trace>& profiles,
                                const std::string& command);

}  // namespace conformance
