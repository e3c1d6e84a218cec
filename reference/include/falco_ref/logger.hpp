// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include "falco_ref/config.hpp"

namespace falco_ref {

// Falco's operational logger (falco@0.44.1:userspace/engine/logger.cpp:99-139): each message
// goes to stderr as "<timestamp>: <message>\n" when log_stderr is on, and through syslog(3) at
// its level when log_syslog is on; messages less severe than log_level are dropped.
// Thread-safe: the reader thread, the outputs worker and the watchdog all log.
struct logger_settings {
    bool to_stderr = true;   // before the config is loaded Falco logs to stderr
    bool to_syslog = false;
    log_level level = log_level::info;
    bool iso8601_timestamps = false;  // time_format_iso_8601
};

void configure_logger(const logger_settings& settings);

void log(log_level level, std::string_view message);

}  // namespace falco_ref
