// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "run_state.hpp"

namespace falco_ref::app {

// The steps of a run, in the order runner.cpp lists them. Each does one thing and says whether
// the run goes on (step_result). Falco's counterpart, where there is one, is named
// (falco@0.44.1:userspace/falco/app/actions/<name>.cpp).

// startup_steps.cpp
step_result parse_command_line(run_state& s);  // PROTOCOL.md section 1
step_result print_help(run_state& s);          // print_help
step_result print_version(run_state& s);       // print_version
step_result init_logger(run_state& s);         // the logger's defaults before the config
step_result check_command_line(run_state& s);  // -c opened (0.34, 0.35), -d's pid file
step_result load_config(run_state& s);         // load_config
step_result log_startup(run_state& s);         // the config's logger, the first INFO lines
step_result init_channels(run_state& s);       // init_outputs: the channels (not 0.34)
// 0.34: init_outputs after -d forked, so in the daemon child (daemon_forks_before_outputs).
step_result init_channels_after_daemonize(run_state& s);

// process_steps.cpp
step_result resolve_input_path(run_state& s);      // --alerts made absolute, before -d
step_result create_signal_handlers(run_state& s);  // create_signal_handlers, before -d forks
step_result daemonize(run_state& s);               // -d (legacy, 0.34, 0.35)
step_result write_pidfile(run_state& s);           // pidfile (0.44 -P)
step_result start_outputs(run_state& s);           // init_outputs: the queue and its worker
step_result open_input(run_state& s);              // the alerts input (stdin, a file, a FIFO)
step_result process_alerts(run_state& s);          // process_events: read until EOF or a signal

// teardown_steps.cpp; `so_far` is the merged result of every step before.
step_result stop_outputs(run_state& s, const step_result& so_far);        // cleanup_outputs
step_result log_accounting(run_state& s, const step_result& so_far);      // debug accounting
step_result print_statistics(run_state& s, const step_result& so_far);    // print_stats
step_result report_event_error(run_state& s, const step_result& so_far);  // falco.cpp "Error: "

}  // namespace falco_ref::app
