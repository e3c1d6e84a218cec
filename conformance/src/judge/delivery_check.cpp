// SPDX-License-Identifier: Apache-2.0
#include "judge/delivery_check.hpp"

#include <algorithm>
#include <iterator>
#include <regex>

#include "cases/line_generator.hpp"
#include "judge/line_diff.hpp"

namespace conformance {

namespace {

constexpr std::size_t k_shown_bytes = 160;  // of a record quoted in a report

std::string shown(const std::string& record) {
    auto text = escape_visible(record.substr(0, k_shown_bytes));
    if (record.size() > k_shown_bytes) {
        text += "... (" + std::to_string(record.size()) + " bytes)";
    }
    return text;
}

// The sequence numbers one channel delivered, and what was wrong with them.
struct channel_account {
    std::vector<std::uint64_t> seqs;  // in arrival order, as accepted
    std::size_t ignored = 0;          // records the pattern does not match
    std::vector<std::string> problems;
};

std::optional<std::uint64_t> parse_seq(const std::string& digits) {
    if (digits.empty() || digits.size() > 19 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return std::stoull(digits);
}

channel_account account(const delivery_spec& spec, const observed_channel& channel,
                        const std::regex& pattern) {
    channel_account acc;
    const auto record_template = spec.records.find(channel.name) != spec.records.end()
                                     ? spec.records.find(channel.name)
                                     : spec.records.find("*");
    std::optional<line_template> expected_record;
    if (record_template != spec.records.end()) {
        expected_record.emplace(record_template->second);
    }
    std::size_t out_of_range = 0, disorder = 0, mismatched = 0;
    std::size_t previous_index = 0;
    for (std::size_t i = 0; i < channel.records.size(); ++i) {
        const auto& record = channel.records[i];
        std::smatch m;
        if (!std::regex_search(record, m, pattern)) {
            ++acc.ignored;
            continue;
        }
        const auto index = "record " + std::to_string(i + 1);
        const auto seq = parse_seq(m[1].str());
        if (!seq) {
            acc.problems.push_back(index +
                                   ": the pattern's group 1 is not a number: " + shown(record));
            continue;
        }
        if (*seq < 1 || *seq > spec.sent) {
            if (out_of_range++ == 0) {
                acc.problems.push_back(index + ": seq=" + std::to_string(*seq) + " is outside 1.." +
                                       std::to_string(spec.sent));
            }
            continue;
        }
        if (!acc.seqs.empty() && *seq <= acc.seqs.back()) {
            if (disorder++ == 0) {
                acc.problems.push_back(index + ": seq=" + std::to_string(*seq) +
                                       (*seq == acc.seqs.back() ? " duplicated" : " out of order") +
                                       " (after seq=" + std::to_string(acc.seqs.back()) +
                                       " in record " + std::to_string(previous_index + 1) + ")");
            }
            continue;
        }
        if (expected_record) {
            const auto want = expected_record->render(*seq, "");
            if (record != want && mismatched++ == 0) {
                acc.problems.push_back(index + " differs from the template:\n  expected " +
                                       shown(want) + "\n  got      " + shown(record));
            }
        }
        acc.seqs.push_back(*seq);
        previous_index = i;
    }
    // Only the first of each kind is shown; the rest are counted.
    std::string more;
    for (const auto& [n, what] : {std::pair{out_of_range, "out of range"},
                                  std::pair{disorder, "duplicated or out of order"},
                                  std::pair{mismatched, "differing from the template"}}) {
        if (n > 1) {
            more += (more.empty() ? "and " : ", ") + std::to_string(n - 1) + " more " + what;
        }
    }
    if (!more.empty()) {
        acc.problems.push_back(more);
    }
    return acc;
}

// "seq=5, seq=9 (and 3 more)"
std::string list_some(const std::vector<std::uint64_t>& seqs) {
    std::string text;
    for (std::size_t i = 0; i < seqs.size() && i < 3; ++i) {
        text += (i ? ", seq=" : "seq=") + std::to_string(seqs[i]);
    }
    if (seqs.size() > 3) {
        text += " (and " + std::to_string(seqs.size() - 3) + " more)";
    }
    return text;
}

std::uint64_t first_missing(const std::vector<std::uint64_t>& sorted, std::uint64_t sent) {
    std::uint64_t want = 1;
    for (const auto s : sorted) {
        if (s != want) {
            break;
        }
        ++want;
    }
    return want <= sent ? want : 0;
}

}  // namespace

std::optional<failure> check_delivery(const delivery_spec& spec,
                                      const std::vector<observed_channel>& observed) {
    const std::regex pattern(spec.pattern);
    std::vector<channel_account> accounts;
    for (const auto& channel : observed) {
        accounts.push_back(account(spec, channel, pattern));
    }
    // Accepted numbers are strictly increasing, hence already sorted and unique.
    const auto& reference = accounts.front().seqs;
    bool failed = false;
    bool all_complete = true;
    std::string detail;
    for (std::size_t c = 0; c < observed.size(); ++c) {
        auto& acc = accounts[c];
        const bool complete = acc.seqs.size() == spec.sent;
        all_complete = all_complete && complete;
        if (spec.loss == delivery_spec::loss_rule::none && !complete) {
            acc.problems.insert(
                acc.problems.begin(),
                "first missing seq=" + std::to_string(first_missing(acc.seqs, spec.sent)) +
                    " (loss: none)");
        }
        if (c > 0 && acc.seqs != reference) {
            std::vector<std::uint64_t> missing, extra;
            std::set_difference(reference.begin(), reference.end(), acc.seqs.begin(),
                                acc.seqs.end(), std::back_inserter(missing));
            std::set_difference(acc.seqs.begin(), acc.seqs.end(), reference.begin(),
                                reference.end(), std::back_inserter(extra));
            std::string diff = "not the same alerts as " + observed.front().name + ":";
            if (!missing.empty()) {
                diff += " missing here " + list_some(missing) + ";";
            }
            if (!extra.empty()) {
                diff += " only here " + list_some(extra) + ";";
            }
            diff.pop_back();
            acc.problems.push_back(diff);
        }
        failed = failed || !acc.problems.empty();
        detail += "  " + observed[c].name + ": " + std::to_string(acc.seqs.size()) + " of " +
                  std::to_string(spec.sent) + " alerts in order";
        if (!acc.seqs.empty()) {
            detail += " (seq " + std::to_string(acc.seqs.front()) + ".." +
                      std::to_string(acc.seqs.back()) + ")";
        }
        if (acc.ignored > 0) {
            detail += ", " + std::to_string(acc.ignored) + " other records ignored";
        }
        detail += acc.problems.empty() ? ": ok\n" : "\n";
        for (auto p : acc.problems) {
            for (std::size_t at = 0; (at = p.find('\n', at)) != std::string::npos; at += 5) {
                p.insert(at + 1, "    ");
            }
            detail += "    " + p + "\n";
        }
    }
    std::string message;
    if (spec.loss == delivery_spec::loss_rule::required && all_complete && !failed) {
        failed = true;
        message = "loss: required, but every channel received all " + std::to_string(spec.sent) +
                  " alerts";
    }
    if (!failed) {
        return std::nullopt;
    }
    if (message.empty()) {
        const auto bad = std::count_if(accounts.begin(), accounts.end(),
                                       [](const auto& a) { return !a.problems.empty(); });
        message = std::to_string(bad) + " of " + std::to_string(observed.size()) +
                  " channels break the accounting of " + std::to_string(spec.sent) + " alerts";
    }
    return failure{"delivery", message, detail};
}

}  // namespace conformance
