// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/alert_pipeline.hpp"

#include "falco_ref/logger.hpp"

namespace falco_ref {
namespace {

bool is_blank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

alert_pipeline::alert_pipeline(const config& cfg, outputs& outs)
    : cfg_(cfg),
      outputs_(outs),
      // The text formats print no output_fields: they are checked but not stored.
      parser_(*cfg.prof, cfg.json_output ? alert_parser::fields::keep : alert_parser::fields::skip),
      formatter_(cfg),
      stats_(*cfg.prof) {
    // The bucket starts full here, as Falco's when its event loop starts
    // (falco@0.36.2:userspace/falco/app/actions/process_events.cpp:160-165).
    if (cfg.prof->has_rate_limiter &&
        !(cfg.prof->rate_zero_disables_limiter && cfg.outputs_rate == 0)) {
        limiter_.emplace(cfg.outputs_rate, cfg.outputs_max_burst);
    }
}

void alert_pipeline::handle_line(const std::string& line, std::uint64_t line_no) {
    if (is_blank(line)) {
        return;
    }
    alert& a = alert_;
    std::string error;
    if (!parser_.parse(line, a, error)) {
        // Always on stderr, whatever log_stderr says (PROTOCOL.md section 2).
        write_stderr("falco-outputs-ref: line " + std::to_string(line_no) + ": " + error + "\n");
        return;
    }
    if (static_cast<int>(a.prio) > static_cast<int>(cfg_.min_priority)) {
        return;  // a rule below `priority` is never loaded
    }
    stats_.count(a);
    if (limiter_ && !limiter_->claim()) {
        // falco@0.15.3:userspace/falco/falco_outputs.cpp:141-145,
        // falco@0.36.2:userspace/falco/app/actions/process_events.cpp:337-344.
        log(log_level::debug, "Skipping rate-limited notification for rule " + a.rule);
        return;
    }
    output_message msg;
    msg.line = outputs_.take_line_buffer();
    formatter_.format(a, msg);
    // The runner flushes the streamed alerts before it waits for more input (line_reader's
    // before_poll), so a streamed alert is never left undelivered while we idle.
    outputs_.push_streamed(std::move(msg));
}

}  // namespace falco_ref
