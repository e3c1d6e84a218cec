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
    bool to_stderr = true;  // before the config is loaded Falco logs to stderr
    bool to_syslog = false;
    log_level level = log_level::info;
    bool iso8601_timestamps = false;  // time_format_iso_8601
};

// Falco's logger before the configuration is loaded: stderr and syslog on, level info
// (falco@0.44.1:userspace/engine/logger.cpp:24-25,96-97; the same statics in
// falco@0.33.1:userspace/falco/logger.cpp:23,134-135 and in 0.15.3).
constexpr logger_settings k_logger_before_config{true, true, log_level::info, false};

void configure_logger(const logger_settings& settings);

// How the local time of a stderr line writes the day of the month: padded with a space as
// asctime() does (Falco up to 0.41.x, `profile::log_day_padded_with_space`) or with a zero.
// Set once, from the profile, before anything is logged.
void set_log_day_padded_with_space(bool space);

logger_settings current_logger_settings();

void log(log_level level, std::string_view message);

// Same as log(), but a message repeated verbatim is capped: the first
// k_repeat_log_burst occurrences are logged as Falco logs them, later ones are counted and
// summarised by one line per k_repeat_log_window. Falco itself logs e.g.
// "file: failed to open output file X" once per alert forever; this is our deviation to keep
// stderr bounded under a flood (reported in the runtime notes, not a Falco behaviour).
void log_repeatable(log_level level, std::string_view message);

// Emits the pending "repeated" summary of every capped message (called once at shutdown).
void flush_repeated_logs();

// One write(2) of `text` to stderr, unprefixed and unfiltered: Falco's raw fprintf(stderr)
// lines ("Error: ...", "Cannot read config file ...") and our own diagnostics.
void write_stderr(std::string_view text);

}  // namespace falco_ref
