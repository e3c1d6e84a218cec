// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli_options.hpp"
#include "falco_ref/alert_pipeline.hpp"
#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/outputs.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref::app {

// What one run of falco-outputs-ref builds, step by step (runner.cpp), as Falco's application
// state travels from action to action (falco@0.44.1:userspace/falco/app/state.h).
struct run_state {
    std::vector<std::string> args;
    cli_options opts;
    const profile* prof = nullptr;
    config cfg;
    std::vector<std::unique_ptr<channel>> channels;  // from init_channels until start_outputs
    std::string alerts_path;                         // absolute: -d changes directory to '/'
    std::unique_ptr<outputs> outs;
    std::unique_ptr<alert_pipeline> pipeline;  // parse, filter, count, format, push
    int input_fd = -1;  // -1: no input to read (not opened, or a signal came first)
    // Set when an alert ended the reading loop with an error (Falco's event source failing):
    // the run still drains and prints its statistics, then reports it and exits 1.
    std::string event_error;
};

// What a step says about the rest of the run (Falco's run_result,
// falco@0.44.1:userspace/falco/app/run_result.h): go on, or stop with an exit code. The
// teardown steps run whatever the run steps said.
struct step_result {
    bool proceed = true;
    int exit_code = 0;

    static step_result next() { return {}; }
    static step_result stop(int exit_code) { return {false, exit_code}; }
    // The first non-zero exit code wins; a stop stays a stop.
    static step_result merge(const step_result& a, const step_result& b) {
        return {a.proceed && b.proceed, a.exit_code != 0 ? a.exit_code : b.exit_code};
    }
};

}  // namespace falco_ref::app
