// SPDX-License-Identifier: Apache-2.0
#include "app/conformance_app.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <mocks/dev_log_namespace.hpp>
#include <mocks/install_layout.hpp>
#include <mocks/mock_process.hpp>

#include "app/check_command.hpp"
#include "app/cli_options.hpp"
#include "app/gate_setup.hpp"
#include "app/identify_command.hpp"
#include "app/report_commands.hpp"
#include "app/trace_command.hpp"
#include "cases/case_loader.hpp"
#include "report/console_reporter.hpp"
#include "report/html_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/junit_reporter.hpp"
#include "run/case_runner.hpp"
#include "run/impl_command.hpp"
#include "run/impl_process.hpp"
#include "run/scratch_mount.hpp"
#include "run/suite_runner.hpp"
#include "select/capabilities.hpp"
#include "select/glob.hpp"
#include "select/verdict_rules.hpp"
#include "util/content_hash.hpp"
#include "util/file_util.hpp"

#ifndef FALCO_CONFORMANCE_VERSION
#define FALCO_CONFORMANCE_VERSION "0"
#endif

namespace conformance {

namespace {

constexpr int k_exit_passed = 0;
constexpr int k_exit_harness = 2;

// The selection's arguments as given, recorded in the reports (shards of one run share them).
std::vector<std::string> selection_args(const cli_options& o) {
    std::vector<std::string> args;
    for (const auto& [option, values] : {std::pair{"--case", &o.cases}, std::pair{"--tag", &o.tags},
                                         std::pair{"--exclude-tag", &o.exclude_tags}}) {
        for (const auto& v : *values) {
            args.insert(args.end(), {option, v});
        }
    }
    return args;
}

// The cases of --shard K/N, in their order; all of them without --shard.
std::vector<golden_case> in_shard(std::vector<golden_case> selected, const cli_options& o) {
    if (o.shard) {
        std::erase_if(selected, [&](const auto& c) { return !o.shard->contains(c.id); });
    }
    return selected;
}

// Each selected case with its features; with a capabilities or known-failures file also what a
// run would make of it, then the counts and the lists' warnings.
int list_cases(const cli_options& o, std::vector<golden_case> all, std::ostream& out) {
    const bool preview = !o.capabilities.empty() || !o.known_failures.empty();
    auto lists = preview ? read_lists(o, all) : gate_lists{};
    const auto chosen = select_cases(std::move(all), o);
    const auto cases = in_shard(chosen, o);
    const verdict_rules rules(lists.caps.lacking, lists.known_failures,
                              preview ? no_private_dev_log() : "",
                              preview ? own_mount_namespace_unavailable() : "");
    std::map<std::string, std::size_t> counts;
    for (const auto& c : cases) {
        out << c.id;
        for (const auto& f : c.features()) {
            out << ' ' << f;
        }
        if (!c.load_error.empty()) {
            out << "  [schema error]";
        }
        out << '\n';
        if (preview) {
            const auto verdict = rules.preview(c);
            out << "  " << verdict << '\n';
            ++counts[verdict.substr(0, verdict.find(':'))];
        }
    }
    if (preview) {
        for (const auto& w : rules.warnings(chosen)) {
            out << "warning: " << w << '\n';
        }
        std::string summary;
        for (const auto& [what, n] : counts) {
            summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + what;
        }
        out << "preview: " << summary << '\n';
    }
    return k_exit_passed;
}

// Exactly the cases that failed in this run, whatever list was loaded: a listed case keeps its
// reason, a new failure gets its first mismatch; a listed case that passed is left out.
void write_baseline(const std::string& file, const run_report& report) {
    std::string text =
        "# known failures of: " + report.impl + " (profile " + report.profile +
        ")\n# one line per case: CASE-ID  reason; remove a line when the case passes\n";
    for (const auto& r : report.results) {
        if (r.run_outcome != verdict::failed) {
            continue;
        }
        const auto why =
            r.outcome == verdict::expected_failure ? r.reason.substr(0, r.reason.rfind(" ("))
            : r.failures.empty()
                ? std::string("fails")
                : "fails: [" + r.failures.front().what + "] " + r.failures.front().message;
        text += r.id + "  " + why.substr(0, why.find('\n')) + "\n";
    }
    write_file(file, text);
}

int run_suite(const std::string& self, const cli_options& o, std::vector<golden_case> all,
              std::ostream& out, std::ostream& err) {
    const auto started = clock_type::now();
    auto lists = read_lists(o, all);
    const auto ro = make_run_options(self, o, lists, err);
    const auto no_namespace = no_private_dev_log();
    const auto chosen = select_cases(std::move(all), o);
    if (chosen.empty()) {
        throw harness_error("no case selected (profile " + o.profile + ", golden " + golden_dir(o) +
                            ")");
    }
    // An empty shard is not an error: a small selection over many CI jobs leaves some idle.
    const auto selected = in_shard(chosen, o);
    if (o.shard) {
        out << "shard " << o.shard->text() << ": " << selected.size() << " of " << chosen.size()
            << " selected cases\n";
    }

    const case_runner runner(ro);
    const verdict_rules rules(std::move(lists.caps.lacking), std::move(lists.known_failures),
                              no_namespace, own_mount_namespace_unavailable());
    suite_runner suite(runner, rules);
    console_reporter console(out);
    run_report report;
    report.suite_version = FALCO_CONFORMANCE_VERSION;
    report.profile = o.profile;
    report.impl = o.impl;
    report.golden_dir = golden_dir(o);
    // A profile's cases come from every home directory: the whole tree is what was judged.
    report.golden_digest = tree_digest(std::filesystem::path(report.golden_dir));
    report.selection = selection_args(o);
    report.selected_total = chosen.size();
    report.shard = o.shard;
    report.results =
        suite.run(selected, o.jobs, o.repeat, [&](const case_result& r) { console.on_result(r); });
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        report.results[i].tags = selected[i].tags;
        report.counts.add(report.results[i].outcome);
    }
    report.warnings = rules.warnings(chosen);  // the whole selection: every shard says the same
    report.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started);
    report.exit_code = exit_code_of(report.counts);
    if (!o.junit.empty()) {
        write_junit_report(o.junit, report);
    }
    if (!o.json.empty()) {
        write_json_report(o.json, report);
    }
    if (!o.html.empty()) {
        write_html_report(o.html, report);
    }
    if (!o.write_known_failures.empty()) {
        write_baseline(o.write_known_failures, report);
    }
    console.summary(report);
    return report.exit_code;
}

}  // namespace

int run_app(const std::string& self, const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err) {
    if (is_report_command(args)) {
        return run_report_command(args, out, err);
    }
    if (!args.empty() && args.front() == "identify") {
        return run_identify(self, {args.begin() + 1, args.end()}, out, err);
    }
    if (!args.empty() && args.front() == "trace") {
        return run_trace({args.begin() + 1, args.end()}, golden_dir(cli_options{}), out, err);
    }
    try {
        const auto o = cli_options::parse(args);
        if (o.help) {
            out << cli_options::usage();
            return k_exit_passed;
        }
        if (o.version) {
            // Where this copy finds its data: the installed tree, or the build tree.
            out << "falco-conformance " << FALCO_CONFORMANCE_VERSION
                << "\ngolden: " << golden_dir(o) << "\nmocks: " << mocks::mock_syslog_path() << ' '
                << mocks::mock_http_path() << ' ' << mocks::capture_path() << '\n';
            return k_exit_passed;
        }
        const auto golden = golden_dir(o);
        const case_loader loader(golden);
        auto all = loader.load_profile(o.profile);
        if (o.check) {
            return check_golden(select_cases(std::move(all), o), locate_spec(golden, o.spec), out);
        }
        if (o.list) {
            return list_cases(o, std::move(all), out);
        }
        return run_suite(self, o, std::move(all), out, err);
    } catch (const std::exception& e) {
        err << "falco-conformance: " << e.what() << '\n';
        return k_exit_harness;
    }
}

}  // namespace conformance
