// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/profile.hpp"

namespace falco_ref {
namespace {

// Falco 0.44.1: the member initialisers of `profile` (profile-0.44.md).
const profile k_v0_44{};

// Falco 0.15.3 as the seed page documents it (legacy-profile.md, "Decisions" and section 4).
profile make_legacy() {
    profile p;
    p.id = profile_id::legacy;
    p.json = profile::json_layout::jsoncpp_grafted_fields;    // legacy 2.b
    p.syslog_text_without_prefix = true;                      // legacy 4 #1 (page)
    p.text_line_ends_at_nul = true;                           // legacy.md#text.nul
    p.buffered_outputs_default = true;                        // legacy 4 #2 (page)
    p.file_checked_at_startup = true;                         // legacy 2.d "Init check"
    p.file_error_is_fatal = true;                             // legacy 2.d "Runtime open failure"
    p.file_write_error_sticky = false;                        // legacy.md#file.write_error
    p.reopen_requires_keep_alive = true;                      // legacy 4 #4 (code)
    p.program_spawn_flushes_stdio = true;                     // legacy 2.f "Spawn"
    p.priority_lua_pattern = true;                            // legacy 2.a "Rule priority"
    p.config_errors_as_runtime_errors = true;                 // legacy 3
    p.terminate_log_line = "SIGHUP Received, restarting...";  // legacy 2.h (sic)
    p.logs_initialized_line = true;                           // falco.cpp:726-739
    p.log_reopen = false;                                     // legacy 2.h SIGUSR1: no log line
    p.has_outputs_queue = false;                              // synchronous outputs (<0.27)
    p.has_rate_limiter = true;                                // legacy 2.h outputs.rate
    p.expands_env_in_config = false;                          // ${VAR} only since 0.37.0
    p.json_has_hostname = false;                              // legacy 2.b "Absent keys"
    p.has_daemon_mode = true;                                 // legacy 2.c -d/--daemon
    p.pidfile = profile::pidfile_use::daemon_pid;             // legacy 2.c "Pidfile"
    p.default_pidfile = "/var/run/falco.pid";                 // falco.cpp:410
    p.stats_use_short_upper_names = false;                    // legacy 2.h statistics
    p.http_reuse_handle = false;                              // legacy 2.g "Mechanism"
    p.http_content_type_by_format = false;                    // legacy 2.g "Headers"
    p.http_sends_user_agent = false;                          // legacy 2.g "Headers"
    p.http_has_tls_options = false;                           // legacy 4 #3 (page)
    p.http_echo_always = true;                                // legacy 2.g "Response"
    p.http_unquotes_url = false;                              // legacy 2.g "url": verbatim
    p.http_retries_timeouts = false;                          // legacy 2.g: one attempt
    p.http_perform_error_prefix = "libcurl error: ";          // legacy 2.g "Errors"
    p.http_expect_continue_above = 1024;                      // legacy 2.g "Headers"
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
