// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/cli_options.hpp"
#include "cases/golden_case.hpp"
#include "run/case_runner.hpp"
#include "select/capabilities.hpp"
#include "select/listed_entries.hpp"

namespace conformance {

// What a run and `identify` share: the golden directory, the selection, the lists of the command
// line and the options every case runs with.

// A usage or set-up problem: reported on stderr, exit 2.
struct harness_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// --golden, else the golden cases installed next to the harness, else the source tree's.
std::string golden_dir(const cli_options& o);

// The cases of --case, --tag and --exclude-tag, in their order. Throws harness_error when a
// --case pattern matches nothing.
std::vector<golden_case> select_cases(std::vector<golden_case> all, const cli_options& o);

// The capabilities and known-failures files of the command line, read and checked.
struct gate_lists {
    capabilities caps;
    std::vector<listed_entry> known_failures;
};
gate_lists read_lists(const cli_options& o, const std::vector<golden_case>& all);

// Why syslog cases cannot run here, or "" (mount namespaces available).
std::string no_private_dev_log();

// The options every case of a run gets: the parsed --impl resolved against PATH, the timeout,
// whether /dev/log can be private (a warning on `err` when not), and the capabilities' aliases.
// Throws harness_error for an --impl that cannot run.
run_options make_run_options(const std::string& self, const cli_options& o, const gate_lists& lists,
                             std::ostream& err);

}  // namespace conformance
