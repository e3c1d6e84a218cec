// SPDX-License-Identifier: Apache-2.0
#include "runner.hpp"

#include <array>

#include "steps.hpp"

namespace falco_ref::app {
namespace {

// In the order they run, as Falco's application lists its actions
// (falco@0.44.1:userspace/falco/app/app.cpp:56-93): the run steps until one stops the run,
// then every teardown step.
using run_step = step_result (*)(run_state&);
using teardown_step = step_result (*)(run_state&, const step_result&);

constexpr std::array<run_step, 16> k_run_steps = {
    parse_command_line,
    print_help,
    print_version,
    init_logger,
    check_command_line,
    load_config,
    log_startup,
    init_channels,
    resolve_input_path,
    // Before the fork, as Falco 0.15.3 installs its handlers before it daemonizes: once the
    // pidfile names the daemon, a signal is handled, not fatal (docs/spec/legacy.md#daemon.fork).
    create_signal_handlers,
    daemonize,
    // Falco 0.34 sets up its outputs after -d forked (docs/spec/0.34.md#daemon.fork).
    init_channels_after_daemonize,
    write_pidfile,
    start_outputs,
    open_input,
    process_alerts,
};

constexpr std::array<teardown_step, 4> k_teardown_steps = {
    stop_outputs,
    log_accounting,
    print_statistics,
    report_event_error,
};

}  // namespace

int runner::run(const std::vector<std::string>& args) {
    run_state s;
    s.args = args;
    step_result result;
    for (const run_step step : k_run_steps) {
        result = step_result::merge(result, step(s));
        if (!result.proceed) {
            break;
        }
    }
    for (const teardown_step step : k_teardown_steps) {
        result = step_result::merge(result, step(s, result));
    }
    return result.exit_code;
}

}  // namespace falco_ref::app
