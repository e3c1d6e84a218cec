// SPDX-License-Identifier: Apache-2.0
#include "app/gate_setup.hpp"

#include <algorithm>
#include <cstdlib>

#include <mocks/dev_log_namespace.hpp>
#include <mocks/install_layout.hpp>

#include "cases/case_loader.hpp"
#include "run/impl_command.hpp"
#include "run/impl_process.hpp"
#include "select/glob.hpp"

#ifndef FALCO_GOLDEN_DIR
#define FALCO_GOLDEN_DIR "golden"
#endif
#ifndef FALCO_CONFORMANCE_INSTALLED_GOLDEN
#define FALCO_CONFORMANCE_INSTALLED_GOLDEN "share/falco-conformance/golden"
#endif

namespace conformance {

namespace {

bool has_any(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
    return std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) {
        return std::find(have.begin(), have.end(), w) != have.end();
    });
}

// Entries must match some case of the golden tree (typo guard); entries for cases that do not
// apply to this profile are left alone, so one file can serve every profile.
std::vector<listed_entry> read_known_failures(const cli_options& o,
                                              const std::vector<golden_case>& all) {
    if (o.known_failures.empty()) {
        return {};
    }
    const auto every_id = case_loader(golden_dir(o)).all_ids();
    auto entries = read_listed_entries(o.known_failures);
    std::vector<listed_entry> mine;
    for (auto& e : entries) {
        if (std::none_of(every_id.begin(), every_id.end(),
                         [&](const auto& id) { return glob_match(e.key, id); })) {
            throw harness_error(e.where + ": '" + e.key +
                                "' matches no case (a typo, or the case was renamed)");
        }
        if (std::any_of(all.begin(), all.end(),
                        [&](const auto& c) { return glob_match(e.key, c.id); })) {
            mine.push_back(std::move(e));
        }
    }
    return mine;
}

}  // namespace

std::string golden_dir(const cli_options& o) {
    return o.golden.empty()
               ? mocks::installed_or_built(FALCO_CONFORMANCE_INSTALLED_GOLDEN, FALCO_GOLDEN_DIR)
               : o.golden;
}

std::vector<golden_case> select_cases(std::vector<golden_case> all, const cli_options& o) {
    for (const auto& pattern : o.cases) {
        if (std::none_of(all.begin(), all.end(),
                         [&](const auto& c) { return glob_match(pattern, c.id); })) {
            throw harness_error("--case '" + pattern + "' matches no case of profile " + o.profile +
                                " (ids look like " + o.profile + "/file/some_case; try --list)");
        }
    }
    std::vector<golden_case> selected;
    for (auto& c : all) {
        const bool by_id =
            o.cases.empty() || std::any_of(o.cases.begin(), o.cases.end(),
                                           [&](const auto& p) { return glob_match(p, c.id); });
        const bool by_tag = o.tags.empty() || has_any(c.tags, o.tags);
        if (by_id && by_tag && !has_any(c.tags, o.exclude_tags)) {
            selected.push_back(std::move(c));
        }
    }
    return selected;
}

gate_lists read_lists(const cli_options& o, const std::vector<golden_case>& all) {
    gate_lists lists;
    lists.known_failures = read_known_failures(o, all);
    if (!o.capabilities.empty()) {
        lists.caps = capabilities::read(o.capabilities);
    }
    return lists;
}

std::string no_private_dev_log() {
    const auto why = mocks::private_dev_log_unavailable();
    return why ? *why : "";
}

run_options make_run_options(const std::string& self, const cli_options& o, const gate_lists& lists,
                             std::ostream& err) {
    run_options ro;
    try {
        ro.impl = impl_command::parse(o.impl);
    } catch (const std::invalid_argument& e) {
        throw harness_error(std::string("--impl: ") + e.what());
    }
    ro.program = resolve_program(ro.impl.argv[0], std::getenv("PATH") ? std::getenv("PATH") : "");
    if (ro.program.empty()) {
        throw harness_error("--impl: '" + ro.impl.argv[0] +
                            "' is not an executable file (nor found in PATH)");
    }
    ro.impl_text = o.impl;
    ro.profile = o.profile;
    ro.harness = self;
    ro.golden_arg = o.golden;
    ro.keep_workdir = o.keep_workdir;
    if (o.timeout_ms) {
        ro.timeout = std::chrono::milliseconds(*o.timeout_ms);
    }
    if (const auto no_namespace = no_private_dev_log(); !no_namespace.empty()) {
        ro.private_dev_log = false;
        err << "falco-conformance: no private /dev/log (" << no_namespace
            << "): syslog cases are skipped, the others run without it\n";
    }
    ro.aliases = lists.caps.aliases;
    ro.exit_77_not_applicable = lists.caps.exit_77_not_applicable;
    return ro;
}

}  // namespace conformance
