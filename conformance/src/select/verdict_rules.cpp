// SPDX-License-Identifier: Apache-2.0
#include "select/verdict_rules.hpp"

#include <algorithm>
#include <functional>

#include "select/glob.hpp"

namespace conformance {

namespace {

constexpr std::string_view k_tag_prefix = "tag:";

bool has_tag(const golden_case& c, std::string_view tag) {
    return std::find(c.tags.begin(), c.tags.end(), tag) != c.tags.end();
}

// Whether the capabilities line `entry` makes the case not applicable.
bool lacks(const golden_case& c, const listed_entry& entry) {
    if (entry.key.starts_with(k_tag_prefix)) {
        return has_tag(c, std::string_view(entry.key).substr(k_tag_prefix.size()));
    }
    return c.needs.count(entry.key) > 0;
}

// "needs http (http_output.enabled in the config, expect.http), which the implementation
// lacks: no libcurl (caps.txt:2)".
std::string why_not_applicable(const golden_case& c, const listed_entry& entry) {
    const auto lacked =
        ", which the implementation lacks: " + entry.reason + " (" + entry.where + ")";
    if (entry.key.starts_with(k_tag_prefix)) {
        return "has tag " + entry.key.substr(k_tag_prefix.size()) + lacked;
    }
    std::string origins;
    for (const auto& o : c.needs.at(entry.key)) {
        origins += (origins.empty() ? "" : ", ") + o;
    }
    return "needs " + entry.key + " (" + origins + ")" + lacked;
}

std::size_t count_cases(const std::vector<golden_case>& cases,
                        const std::function<bool(const golden_case&)>& wanted) {
    return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), wanted));
}

}  // namespace

std::optional<case_result> verdict_rules::before_run(const golden_case& c) const {
    if (!c.load_error.empty()) {
        return std::nullopt;  // the runner reports it as an error
    }
    case_result r;
    r.id = c.id;
    for (const auto& entry : lacking_) {
        if (lacks(c, entry)) {
            r.reason += (r.reason.empty() ? "" : "; ") + why_not_applicable(c, entry);
        }
    }
    if (!r.reason.empty()) {
        r.outcome = verdict::not_applicable;
        return r;
    }
    if (c.syslog_mock && !no_namespace_reason_.empty()) {
        r.outcome = verdict::skipped;
        r.reason = "needs the mock syslog at /dev/log: " + no_namespace_reason_;
        return r;
    }
    const bool tmpfs = std::any_of(c.setup.begin(), c.setup.end(),
                                   [](const step& s) { return s.what == step::kind::tmpfs; });
    if (tmpfs && !no_tmpfs_reason_.empty()) {
        r.outcome = verdict::skipped;
        r.reason = "needs a tmpfs mounted by the harness: " + no_tmpfs_reason_;
        return r;
    }
    return std::nullopt;
}

const listed_entry* verdict_rules::known_failure(const std::string& id) const {
    const auto it = std::find_if(known_failures_.begin(), known_failures_.end(),
                                 [&](const auto& e) { return glob_match(e.key, id); });
    return it == known_failures_.end() ? nullptr : &*it;
}

void verdict_rules::after_run(case_result& r) const {
    r.run_outcome = r.outcome;
    const auto* listed = known_failure(r.id);
    if (!listed) {
        return;
    }
    if (r.outcome == verdict::failed) {
        r.outcome = verdict::expected_failure;
        r.reason = listed->reason + " (" + listed->where + ")";
    } else if (r.outcome == verdict::passed) {
        r.outcome = verdict::failed;
        r.failures.push_back({"known-failures",
                              "listed as a known failure at " + listed->where + " (" +
                                  listed->reason + ") but passed: remove the entry",
                              ""});
    }
}

std::string verdict_rules::preview(const golden_case& c) const {
    if (!c.load_error.empty()) {
        return "error: " + c.load_error;
    }
    if (const auto pre = before_run(c)) {
        return std::string(verdict_name(pre->outcome)) + ": " + pre->reason;
    }
    if (const auto* listed = known_failure(c.id)) {
        return "expected failure: " + listed->reason + " (" + listed->where +
               "); a pass fails the run until the line is removed";
    }
    return "run";
}

std::vector<std::string> verdict_rules::warnings(const std::vector<golden_case>& selected) const {
    std::vector<std::string> out;
    for (const auto& entry : lacking_) {
        if (count_cases(selected, [&](const auto& c) { return lacks(c, entry); }) > 0) {
            continue;
        }
        if (entry.key.starts_with(k_tag_prefix)) {
            out.push_back(entry.where + ": tag '" + entry.key.substr(k_tag_prefix.size()) +
                          "' is on no selected case");
            continue;
        }
        const auto tagged =
            count_cases(selected, [&](const auto& c) { return has_tag(c, entry.key); });
        if (tagged > 0) {
            out.push_back(entry.where + ": '" + entry.key + "' is a tag of " +
                          std::to_string(tagged) +
                          " selected cases, not a feature: capabilities match features (--list "
                          "shows each case's); write tag:" +
                          entry.key + " to declare those cases not applicable");
        } else {
            out.push_back(entry.where + ": feature '" + entry.key +
                          "' is needed by no selected case (--list shows each case's features)");
        }
    }
    return out;
}

}  // namespace conformance
