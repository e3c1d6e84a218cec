// SPDX-License-Identifier: Apache-2.0
#include "report/report_merger.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "util/joined.hpp"

namespace conformance {

namespace {

// Each field that must be the same in every shard, by name, as text for the message.
std::vector<std::pair<std::string, std::string>> run_identity(const run_report& r) {
    return {{"suite version", r.suite_version},
            {"profile", r.profile},
            {"golden tree", r.golden_digest},
            {"implementation", r.impl},
            {"selection", r.selection.empty() ? "(all cases)" : joined(r.selection, " ")},
            {"selected total", std::to_string(r.selected_total)},
            {"shard count", std::to_string(r.shard ? r.shard->count : 1)}};
}

}  // namespace

run_report merge_reports(const std::vector<named_report>& shards) {
    if (shards.empty()) {
        throw std::runtime_error("no report given");
    }
    const auto& first = shards.front();
    const auto identity = run_identity(first.report);
    std::map<unsigned, const named_report*> by_index;
    std::map<std::string, const named_report*> by_case;
    run_report merged;
    for (const auto& s : shards) {
        if (!s.report.merged_from.empty()) {
            throw std::runtime_error(s.file + ": already a merged report");
        }
        const auto mine = run_identity(s.report);
        for (std::size_t i = 0; i < identity.size(); ++i) {
            if (mine[i].second != identity[i].second) {
                throw std::runtime_error(s.file + ": " + identity[i].first + " '" + mine[i].second +
                                         "' differs from '" + identity[i].second + "' in " +
                                         first.file + " (not shards of one run)");
            }
        }
        const auto shard = s.report.shard.value_or(shard_spec{});
        if (const auto [it, added] = by_index.emplace(shard.index, &s); !added) {
            throw std::runtime_error(s.file + ": shard " + shard.text() + " overlaps " +
                                     it->second->file + ", which is shard " + shard.text() +
                                     " too");
        }
        for (const auto& r : s.report.results) {
            if (!shard.contains(r.id)) {
                throw std::runtime_error(s.file + ": case " + r.id + " does not belong to shard " +
                                         shard.text());
            }
            if (const auto [it, added] = by_case.emplace(r.id, &s); !added) {
                throw std::runtime_error(s.file + ": case " + r.id + " is also in " +
                                         it->second->file);
            }
            merged.results.push_back(r);
            merged.counts.add(r.outcome);
        }
        merged.merged_from.push_back(s.file);
        merged.duration = std::max(merged.duration, s.report.duration);
    }
    const unsigned count = first.report.shard ? first.report.shard->count : 1;
    std::string missing;
    for (unsigned k = 1; k <= count; ++k) {
        if (!by_index.contains(k)) {
            missing += (missing.empty() ? "" : ", ") + shard_spec{k, count}.text();
        }
    }
    if (!missing.empty()) {
        throw std::runtime_error("shard " + missing + " missing (" + std::to_string(shards.size()) +
                                 " of " + std::to_string(count) + " reports given)");
    }
    if (merged.results.size() != first.report.selected_total) {
        throw std::runtime_error("the reports hold " + std::to_string(merged.results.size()) +
                                 " cases, but " + std::to_string(first.report.selected_total) +
                                 " were selected (a report cut short?)");
    }
    std::sort(merged.results.begin(), merged.results.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    merged.suite_version = first.report.suite_version;
    merged.profile = first.report.profile;
    merged.impl = first.report.impl;
    merged.golden_dir = first.report.golden_dir;
    merged.golden_digest = first.report.golden_digest;
    merged.selection = first.report.selection;
    merged.selected_total = first.report.selected_total;
    for (const auto& w : first.report.warnings) {
        if (std::all_of(shards.begin(), shards.end(), [&](const auto& s) {
                const auto& ws = s.report.warnings;
                return std::find(ws.begin(), ws.end(), w) != ws.end();
            })) {
            merged.warnings.push_back(w);
        }
    }
    merged.exit_code = exit_code_of(merged.counts);
    return merged;
}

}  // namespace conformance
