// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/profile.hpp"

namespace falco_ref {
namespace {

// Falco 0.44.1: the member initialisers of `profile` (docs/spec/0.44.md).
const profile k_v0_44{};

// Falco 0.15.3 as the "Falco Alerts" documentation page of the Falco 0.15 era documents it
// (docs/spec/legacy.md; its section 1 says where the page wins over the code). The comment
// after a value names the rule of docs/spec/legacy.md, or common.md, that the value follows.
profile make_legacy() {
    profile p;
    p.id = profile_id::legacy;
    p.json = profile::json_layout::jsoncpp_grafted_fields;    // json.layout
    p.syslog_text_without_prefix = true;                      // syslog.message (page)
    p.text_line_ends_at_nul = true;                           // text.nul
    p.buffered_outputs_default = true;                        // config.buffered.default (page)
    p.file_checked_at_startup = true;                         // file.startup
    p.file_error_is_fatal = true;                             // file.error
    p.file_write_error_sticky = false;                        // file.write_error
    p.reopen_requires_keep_alive = true;                      // file.reopen, program.reopen
    p.program_spawn_flushes_stdio = true;                     // program.spawn.flush
    p.priority_lua_pattern = true;                            // input.priority.parse
    p.config_errors_as_runtime_errors = true;                 // error.format
    p.terminate_log_line = "SIGHUP Received, restarting...";  // signal.term.log (sic)
    p.logs_initialized_line = true;                           // log.startup.config
    p.log_reopen = false;                                     // signal.usr1.log: no log line
    p.has_outputs_queue = false;                              // queue.pipeline: synchronous
    p.has_rate_limiter = true;                                // ratelimit.bucket
    p.expands_env_in_config = false;                          // config.env.expand: none
    p.json_has_hostname = false;                              // json.hostname
    p.has_daemon_mode = true;                                 // daemon.fork
    p.pidfile = profile::pidfile_use::daemon_pid;             // daemon.pidfile
    p.default_pidfile = "/var/run/falco.pid";                 // daemon.pidfile
    p.stats_use_short_upper_names = false;                    // stats.severity.name
    p.http_reuse_handle = false;                              // http.handle
    p.http_content_type_by_format = false;                    // http.content_type
    p.http_sends_user_agent = false;                          // http.user_agent
    p.http_has_tls_options = false;                           // http.options, http.tls (page)
    p.http_echo_always = true;                                // http.echo
    p.http_unquotes_url = false;                              // http.url: verbatim
    p.http_retries_timeouts = false;                          // http.retry: one attempt
    p.http_perform_error_prefix = "libcurl error: ";          // http.error.message
    p.http_expect_continue_above = 1024;                      // http.expect
    return p;
}

const profile k_legacy = make_legacy();

}  // namespace

const profile& get_profile(profile_id id) {
    return id == profile_id::legacy ? k_legacy : k_v0_44;
}

std::optional<profile_id> parse_profile_id(std::string_view name) {
    if (name == "0.44") {
        return profile_id::v0_44;
    }
    if (name == "legacy") {
        return profile_id::legacy;
    }
    return std::nullopt;
}

}  // namespace falco_ref
