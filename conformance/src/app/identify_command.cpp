// SPDX-License-Identifier: Apache-2.0
#include "app/identify_command.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/gate_setup.hpp"
#include "cases/case_loader.hpp"
#include "cases/profile_catalog.hpp"
#include "run/suite_runner.hpp"
#include "select/verdict_rules.hpp"

namespace conformance {

namespace {

// One way a case can be run: the case as some profiles see it (equal views), and those profiles.
struct case_view {
    golden_case view;
    std::set<std::string> profiles;
};

// A profile among whose cases a discriminating one is left to run for a profile that shares
// none with the others (legacy today): that many of its own cases, the first by id.
constexpr std::size_t k_own_cases_when_unshared = 5;

// The views worth running. A case that applies to several profiles and reads differently in
// some of them (its `by_profile`) tells those apart: every view of it runs. A profile that no
// such case tells apart from the others is placed by a few cases that apply to it alone: an
// implementation of another profile fails them.
std::vector<case_view> discriminating_views(
    const std::map<std::string, std::vector<case_view>>& by_id,
    const std::vector<std::string>& profiles) {
    std::vector<case_view> chosen;
    std::set<std::string> told_apart;
    for (const auto& [id, views] : by_id) {
        if (views.size() < 2) {
            continue;
        }
        for (const auto& v : views) {
            chosen.push_back(v);
            told_apart.insert(v.profiles.begin(), v.profiles.end());
        }
    }
    for (const auto& p : profiles) {
        if (told_apart.contains(p)) {
            continue;
        }
        std::size_t taken = 0;
        for (const auto& [id, views] : by_id) {
            if (taken == k_own_cases_when_unshared) {
                break;
            }
            if (views.size() == 1 && views.front().profiles == std::set<std::string>{p} &&
                views.front().view.load_error.empty()) {
                chosen.push_back(views.front());
                ++taken;
            }
        }
    }
    return chosen;
}

}  // namespace

int run_identify(const std::string& self, const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
    try {
        const auto o = cli_options::parse(args);
        if (o.help) {
            out << "usage: falco-conformance identify --impl CMD [--golden DIR] [--capabilities F]"
                   " [--known-failures F] [-j N] [--timeout-ms N]\n\nRuns the cases that tell the "
                   "profiles apart and prints the profiles the implementation is\nconsistent with, "
                   "and for every other profile the first case that rules it out.\nA case of "
                   "--known-failures that fails rules nothing out; one that passes counts\nas "
                   "failed, as in a run.\n";
            return 0;
        }
        const case_loader loader(golden_dir(o));
        // Every case of every profile, grouped by id and by what each profile sees of it.
        std::map<std::string, std::vector<case_view>> by_id;
        std::vector<std::string> profiles;
        std::vector<golden_case> every_case;
        for (const auto& known : known_profiles()) {
            auto cases = loader.load_profile(known.name);
            if (cases.empty()) {
                continue;
            }
            profiles.push_back(known.name);
            for (auto& c : cases) {
                auto& views = by_id[c.id];
                const auto same = std::find_if(views.begin(), views.end(), [&](const auto& v) {
                    return v.view.view == c.view;
                });
                if (same != views.end()) {
                    same->profiles.insert(known.name);
                } else {
                    every_case.push_back(c);
                    views.push_back({std::move(c), {known.name}});
                }
            }
        }
        auto chosen = discriminating_views(by_id, profiles);
        std::vector<golden_case> to_run;
        for (const auto& v : chosen) {
            to_run.push_back(v.view);
        }
        auto lists = read_lists(o, every_case);
        const auto ro = make_run_options(self, o, lists, err);
        const case_runner runner(ro);
        const verdict_rules rules(std::move(lists.caps.lacking), std::move(lists.known_failures),
                                  no_private_dev_log());
        suite_runner suite(runner, rules);
        out << "identify: " << o.impl << "\nrunning " << to_run.size() << " views of "
            << by_id.size() << " cases that tell " << profiles.size() << " profiles apart\n";
        const auto results = suite.run(to_run, o.jobs, 1, [](const case_result&) {});

        std::map<std::string, std::string> ruled_out;  // profile -> first failing case (by id)
        std::size_t errors = 0, not_applicable = 0;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const auto& r = results[i];
            if (r.outcome == verdict::error) {
                ++errors;
                err << "identify: " << r.id << " (as " << to_run[i].profile
                    << " sees it) could not be run: " << r.reason << '\n';
            } else if (r.outcome == verdict::not_applicable || r.outcome == verdict::skipped) {
                ++not_applicable;
            } else if (r.outcome == verdict::failed) {
                for (const auto& p : chosen[i].profiles) {
                    auto& first = ruled_out[p];
                    if (first.empty() || r.id < first) {
                        first = r.id;
                    }
                }
            }
        }
        std::string consistent;
        for (const auto& p : profiles) {
            if (!ruled_out.contains(p)) {
                consistent += (consistent.empty() ? "" : ", ") + p;
            }
        }
        out << "consistent with: " << (consistent.empty() ? "no profile" : consistent) << '\n';
        for (const auto& p : profiles) {
            if (const auto it = ruled_out.find(p); it != ruled_out.end()) {
                out << "not " << p << ": " << it->second << '\n';
            }
        }
        if (not_applicable > 0) {
            out << not_applicable << " views not applicable (--capabilities) or skipped\n";
        }
        if (errors > 0) {
            return 2;
        }
        return consistent.empty() ? 1 : 0;
    } catch (const std::exception& e) {
        err << "falco-conformance identify: " << e.what() << '\n';
        return 2;
    }
}

}  // namespace conformance
