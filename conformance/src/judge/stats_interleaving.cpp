// SPDX-License-Identifier: Apache-2.0
#include "judge/stats_interleaving.hpp"

#include <algorithm>
#include <set>

#include "judge/text_comparison.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

// How far a merge got: `alert` alert lines and `stat` statistics lines taken.
struct merge_state {
    std::size_t alert = 0;
    std::size_t stat = 0;
    auto operator<=>(const merge_state&) const = default;
};

// The actual lines with the statistics lines moved after the others: a statistics line is one
// equal to a line of the expected block, at or after the first line that starts a block. With
// `scope` tail, the other lines are those from that first line on, and before it as many as make
// up the tail's alert lines (the last ones). When the actual lines are an interleaving, the result
// equals the expected content; when not, the diff against it shows where they differ.
std::string statistics_moved_last(const statistics_split& expected, std::string_view actual,
                                  interleaving_scope scope) {
    const std::set<std::string_view> block_lines(expected.stats.begin(), expected.stats.end());
    std::vector<std::string> others;
    std::size_t others_in_block = 0;
    std::string block;
    bool in_block = false;
    for (auto& line : lines_with_newlines(actual)) {
        in_block = in_block || line.starts_with(k_statistics_start);
        if (in_block && block_lines.count(line) != 0) {
            block += line;
        } else {
            others.push_back(std::move(line));
            others_in_block += in_block ? 1 : 0;
        }
    }
    std::size_t first = 0;
    const auto kept = std::max(expected.alerts.size(), others_in_block);
    if (scope == interleaving_scope::tail && others.size() > kept) {
        first = others.size() - kept;
    }
    std::string out;
    for (std::size_t i = first; i < others.size(); ++i) {
        out += others[i];
    }
    return out + block;
}

std::string_view without_newline(std::string_view line) {
    return line.ends_with('\n') ? line.substr(0, line.size() - 1) : line;
}

}  // namespace

interleaving_match::interleaving_match(const statistics_split& expected, std::string_view actual,
                                       interleaving_scope scope) {
    const bool free_lines = scope == interleaving_scope::tail;
    const auto lines = lines_with_newlines(actual);
    // Every merge state reachable after the lines seen so far (a breadth-first walk of the
    // interleavings: at most one state per statistics line with scope whole).
    std::vector<merge_state> reached{{0, 0}};
    std::vector<merge_state> next;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        next.clear();
        for (const auto& s : reached) {
            if (free_lines && s.alert == 0) {
                next.push_back(s);
            }
            if (s.alert < expected.alerts.size() && line == expected.alerts[s.alert]) {
                next.push_back({s.alert + 1, s.stat});
            }
            if (s.stat < expected.stats.size() && line == expected.stats[s.stat]) {
                next.push_back({s.alert, s.stat + 1});
            }
        }
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
        if (next.empty()) {
            misfit_line_ = i + 1;
            return;
        }
        reached.swap(next);
    }
    const auto furthest = *std::max_element(
        reached.begin(), reached.end(),
        [](const auto& x, const auto& y) { return x.alert + x.stat < y.alert + y.stat; });
    missing_lines_ =
        expected.alerts.size() + expected.stats.size() - furthest.alert - furthest.stat;
    matches_ = missing_lines_ == 0;
    if (furthest.stat < expected.stats.size()) {
        next_missing_ = expected.stats[furthest.stat];
    } else if (furthest.alert < expected.alerts.size()) {
        next_missing_ = expected.alerts[furthest.alert];
    }
}

std::optional<failure> compare_interleaved(std::string what, std::string_view expected_label,
                                           std::string_view expected, std::string_view actual,
                                           interleaving_scope scope) {
    const auto split = split_at_statistics(expected);
    if (split.stats.empty() && scope == interleaving_scope::whole) {
        return compare_text(std::move(what), expected_label, expected, actual);
    }
    const interleaving_match match(split, actual, scope);
    if (match.matches()) {
        return std::nullopt;
    }
    const auto shown = statistics_moved_last(split, actual, scope);
    auto f = compare_text(what + ", statistics lines moved last", expected_label, expected, shown);
    if (!f) {
        f = compare_text(what, expected_label, expected, actual);
    }
    if (!f) {
        f = failure{};
    }
    f->what = what;
    const std::string head = scope == interleaving_scope::whole
                                 ? "is no interleaving of the alert lines and the statistics of "
                                 : "does not end with an interleaving of the alert lines and the "
                                   "statistics of ";
    const auto why = match.misfit_line() != 0
                         ? "line " + std::to_string(match.misfit_line()) +
                               " is neither the next alert line nor the next statistics line"
                         : "it ends with " + std::to_string(match.missing_lines()) +
                               " expected lines missing, among them `" +
                               std::string(without_newline(match.next_missing())) + "`";
    f->message = head + std::string(expected_label) + " (expected " +
                 std::to_string(split.alerts.size()) + " alert lines and " +
                 std::to_string(split.stats.size()) + " statistics lines; got " +
                 std::to_string(lines_with_newlines(actual).size()) + " lines): " + why;
    return f;
}

}  // namespace conformance
