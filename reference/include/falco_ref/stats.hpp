// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "falco_ref/alert.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// End-of-run rule statistics (docs/spec/common.md#7-statistics,
// docs/spec/0.44.md#13-statistics, docs/spec/legacy.md#13-statistics). Counted on the reading
// thread for every alert that passes the `priority` filter, whatever happens to it later
// (queue drop, rate limit, channel failure).
class stats {
public:
    explicit stats(const profile& prof) : prof_(prof) {}

    void count(const alert& a);

    std::uint64_t total() const { return total_; }

    // The exact text printed on stdout at the end of a run.
    std::string render() const;

private:
    void bump(std::vector<std::pair<std::string, std::uint64_t>>& counts, const std::string& key);

    const profile& prof_;
    std::uint64_t total_ = 0;
    std::array<std::uint64_t, 8> by_priority_{};  // 0.44: enum order
    // legacy: the priority as written in the input; both: rules in order of first alert.
    std::vector<std::pair<std::string, std::uint64_t>> by_priority_text_;
    std::vector<std::pair<std::string, std::uint64_t>> by_rule_;
};

}  // namespace falco_ref
