// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "falco_ref/alert_parser.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/format/alert_formatter.hpp"
#include "falco_ref/outputs.hpp"
#include "falco_ref/rate_limiter.hpp"
#include "falco_ref/stats.hpp"

namespace falco_ref {

// One run's path from an input line to the outputs queue (docs/ARCHITECTURE.md "Flow"): parse,
// filter by `priority`, count in the statistics, rate-limit (legacy, 0.36), format once, push.
class alert_pipeline {
public:
    alert_pipeline(const config& cfg, outputs& outs);

    // `line_no` is 1-based; a bad line is reported on stderr with it (PROTOCOL.md section 2).
    // Throws nlohmann_writer::invalid_utf8 where the profile's JSON serialiser throws; the
    // alert is then counted but not pushed.
    void handle_line(const std::string& line, std::uint64_t line_no);

    const stats& statistics() const { return stats_; }

private:
    const config& cfg_;
    outputs& outputs_;
    alert_parser parser_;
    alert_formatter formatter_;
    stats stats_;
    std::optional<rate_limiter> limiter_;
    // Reused for every line: its strings and output_fields nodes keep their storage.
    alert alert_;
};

}  // namespace falco_ref
