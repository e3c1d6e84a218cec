// SPDX-License-Identifier: Apache-2.0
// The steps that end every run that started its outputs (steps.hpp).
#include <cstdio>

#include "app_messages.hpp"
#include "falco_ref/logger.hpp"
#include "steps.hpp"

namespace falco_ref::app {

step_result stop_outputs(run_state& s, const step_result&) {
    if (!s.outs) {
        return step_result::next();
    }
    if (const auto fatal = s.outs->fatal_error()) {
        // legacy: the error is reported, the outputs torn down, no statistics, exit 1.
        report_runtime_error(*fatal);
        s.outs->stop();
        return step_result::stop(1);
    }
    s.outs->stop();  // the shutdown drain, then every channel's close
    if (const auto fatal = s.outs->fatal_error()) {
        report_runtime_error(*fatal);
        return step_result::stop(1);
    }
    return step_result::next();
}

step_result log_accounting(run_state& s, const step_result&) {
    if (!s.outs || s.outs->fatal_error()) {
        return step_result::next();
    }
    const outputs& outs = *s.outs;
    std::string text = "outputs accounting:";
    for (const auto& c : outs.counters()) {
        text += " " + c.name + " delivered=" + std::to_string(c.delivered) +
                " failed=" + std::to_string(c.failed) + ";";
    }
    // Per channel: delivered + failed + queue drops + discarded == alerts pushed.
    text += " queue drops=" + std::to_string(outs.alert_drops()) +
            " discarded=" + std::to_string(outs.discarded()) +
            " (all queue drops incl. control messages=" + std::to_string(outs.queue_drops()) + ")";
    log(log_level::debug, text);
    return step_result::next();
}

step_result print_statistics(run_state& s, const step_result& so_far) {
    // Only a run that ended normally prints them (PROTOCOL.md section 3). Always after the drain:
    // Falco 0.36 and 0.38 write them before it, while the worker may still write queued alerts,
    // so this is one of the orders they produce (docs/spec/0.38.md#stats.stdout, docs/PROFILES.md
    // row 44).
    if (!s.pipeline || so_far.exit_code != 0) {
        return step_result::next();
    }
    const std::string text = s.pipeline->statistics().render();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return step_result::next();
}

step_result report_event_error(run_state& s, const step_result&) {
    if (s.event_error.empty()) {
        return step_result::next();
    }
    // The run_result of the failed event source, printed by falco.cpp after the statistics
    // (falco@0.43.1:userspace/falco/app/actions/process_events.cpp:419-420,655-656,
    // falco@0.43.1:userspace/falco/falco.cpp:44-46).
    write_stderr("Error: " + s.event_error + "\n");
    return step_result::stop(1);
}

}  // namespace falco_ref::app
