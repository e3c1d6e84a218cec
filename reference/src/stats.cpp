// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/stats.hpp"

#include <algorithm>

namespace falco_ref {

void stats::bump(std::vector<std::pair<std::string, std::uint64_t>>& counts,
                 const std::string& key) {
    // Linear search keeps first-seen order; the number of distinct rules is small.
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& entry) { return entry.first == key; });
    if (it == counts.end()) {
        counts.emplace_back(key, 1);
    } else {
        ++it->second;
    }
}

void stats::count(const alert& a) {
    ++total_;
    ++by_priority_[static_cast<std::size_t>(a.prio)];
    bump(by_priority_text_, a.priority_text);
    bump(by_rule_, a.rule);
}

std::string stats::render() const {
    // falco@0.44.1:userspace/engine/stats_manager.cpp:33-52 and
    // falco@0.15.3:userspace/engine/lua/rule_loader.lua:635-646: same lines, three-space indent.
    std::string out = "Events detected: " + std::to_string(total_) + "\n";
    out += "Rule counts by severity:\n";
    if (prof_.stats_use_short_upper_names) {
        for (std::size_t i = 0; i < by_priority_.size(); ++i) {
            if (by_priority_[i] > 0) {
                out += "   ";
                out += priority_stats_name(static_cast<priority>(i));
                out += ": " + std::to_string(by_priority_[i]) + "\n";
            }
        }
    } else {
        for (const auto& [text, n] : by_priority_text_) {
            out += "   " + text + ": " + std::to_string(n) + "\n";
        }
    }
    out += "Triggered rules by rule name:\n";
    for (const auto& [rule, n] : by_rule_) {
        out += "   " + rule + ": " + std::to_string(n) + "\n";
    }
    return out;
}

}  // namespace falco_ref
