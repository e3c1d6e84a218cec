// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/profile.hpp"

#include <algorithm>
#include <string>

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
    p.jsoncpp = profile::jsoncpp_release::v0_10_6;            // json.utf8, json.number.float
    p.json_has_source_and_tags = false;                       // json.source, json.tags
    p.has_message_option = false;                             // json.include.message
    p.log_day_padded_with_space = true;                       // log.prefix: asctime()
    p.o_value_flow_map = false;                               // config.o.value
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
    p.no_output_checked_while_reading = true;                 // error.config.no_output
    p.terminate_log_line = "SIGHUP Received, restarting...";  // signal.term.log (sic)
    p.initialized_line_prefix = "Falco initialized with configuration file ";  // log.startup.config
    p.log_reopen = false;                             // signal.usr1.log: no log line
    p.has_outputs_queue = false;                      // queue.pipeline: synchronous
    p.has_rate_limiter = true;                        // ratelimit.bucket
    p.env_in_config = profile::env_expansion::none;   // config.env.expand: none
    p.has_config_files = false;                       // (no config_files key)
    p.json_has_hostname = false;                      // json.hostname
    p.has_daemon_mode = true;                         // daemon.fork
    p.pidfile = profile::pidfile_use::daemon_pid;     // daemon.pidfile
    p.default_pidfile = "/var/run/falco.pid";         // daemon.pidfile
    p.stats_use_short_upper_names = false;            // stats.severity.name
    p.http_reuse_handle = false;                      // http.handle
    p.http_content_type_by_format = false;            // http.content_type
    p.http_sends_user_agent = false;                  // http.user_agent
    p.http_has_tls_options = false;                   // http.options, http.tls (page)
    p.http_echo_always = true;                        // http.echo
    p.http_unquotes_url = false;                      // http.url: verbatim
    p.http_retries_timeouts = false;                  // http.retry: one attempt
    p.http_perform_error_prefix = "libcurl error: ";  // http.error.message
    p.http_checks_option_results = false;             // falco_outputs.cpp:284-287: unchecked
    p.http_expect_continue_above = 1024;              // http.expect
    return p;
}

const profile k_legacy = make_legacy();

// Falco 0.41.0 to 0.43.1, as Falco 0.43.1 with libs 0.23.2 behaves: 0.44 minus what 0.44.0
// changed in the output path (docs/spec/0.41-0.43.md, docs/PROFILES.md).
profile make_v0_41_to_0_43() {
    profile p;
    p.id = profile_id::v0_41_to_0_43;
    // load_config.cpp:73: m_buffered_outputs = !unbuffered_outputs, whatever the YAML says.
    p.buffered_outputs_yaml_honoured = false;
    p.buffered_outputs_default = true;
    p.json_invalid_utf8 = profile::invalid_utf8_policy::fatal;  // formats.cpp:158 dump()
    p.o_key_escapes = false;                                    // yaml_helper.h:366-446
    p.hostname_fallback_env = "FALCO_GRPC_HOSTNAME";            // init_outputs.cpp:37-41
    return p;
}

// Falco 0.39.0 to 0.40.0, as Falco 0.40.0 with libs 0.20.0 behaves: 0.41-0.43 minus what 0.41.0
// added (docs/spec/0.39-0.40.md).
profile make_v0_39_to_0_40() {
    profile p = make_v0_41_to_0_43();
    p.id = profile_id::v0_39_to_0_40;
    p.has_output_fields_option = false;  // falco@0.41.0:userspace/falco/configuration.cpp:348-349
    p.http_retries_timeouts = false;     // falco@0.40.0:userspace/falco/outputs_http.cpp:104-106
    p.o_before_config_files = true;      // falco@0.40.0:userspace/falco/configuration.cpp:126-141
    // log.prefix: asctime() (falco@0.40.0:userspace/engine/logger.cpp:128-137)
    p.log_day_padded_with_space = true;
    return p;
}

// Falco 0.38.0 to 0.38.2, as Falco 0.38.2 with libs 0.17.3 behaves: 0.39-0.40 minus what 0.39.0
// changed (docs/spec/0.38.md). Citations at the tag 0.38.2 unless they name another.
profile make_v0_38() {
    profile p = make_v0_39_to_0_40();
    p.id = profile_id::v0_38;
    // engine/formats.cpp:49-129: a Json::Value written by libs 0.17.3's jsoncpp 1.9.5, then
    // `, "output_fields": ` and libsinsp's own FastWriter text grafted in.
    p.json = profile::json_layout::jsoncpp_grafted_fields;
    p.jsoncpp = profile::jsoncpp_release::v1_9_5;
    // jsoncpp's writer never throws on ill-formed UTF-8 (docs/spec/0.38.md#json.utf8.fatal); the
    // policy of the nlohmann writer is unused by this layout.
    p.json_invalid_utf8 = profile::invalid_utf8_policy::replace;
    p.has_message_option = false;  // falco/configuration.cpp:292-294 reads no message key
    p.o_splits_at_commas = true;   // falco/app/options.cpp:173, cxxopts 3.0.0's vector values
    p.o_value_flow_map = false;    // falco/configuration.cpp:684-694: set_scalar only
    return p;
}

// Falco 0.37.0 and 0.37.1, as Falco 0.37.1 with libs 0.14.3 and yaml-cpp 0.7.0 behaves: 0.38 minus
// what 0.38.0 changed in the output path (docs/spec/0.37.md). The comment after a value names the
// rule of docs/spec/0.37.md; citations at the tag 0.37.1.
profile make_v0_37() {
    profile p = make_v0_38();
    p.id = profile_id::v0_37;
    p.text_line_ends_at_nul = true;    // text.nul: engine/formats.cpp:131 returns c_str()
    p.has_config_files = false;        // config.env.scope: configuration.cpp:86-101
    p.log_level_after_outputs = true;  // error.config.order: configuration.cpp:343-345
    p.engine_kind_read_first = true;   // error.config.scalar_document: configuration.cpp:115
    p.o_key_appends = false;           // config.o.path.errors: yaml_helper.h:274
    p.initialized_line_prefix =
        "Falco initialized with configuration file: ";  // log.startup.config: load_config.cpp:170
    return p;
}

// Falco 0.36.1 and 0.36.2, as Falco 0.36.2 with libs 0.13.4 and yaml-cpp 0.6.2 behaves: 0.38
// minus what 0.37.0 and 0.38.0 changed in the output path (docs/spec/0.36.md). The comment after
// a value names the rule of docs/spec/0.36.md; citations at the tag 0.36.2.
profile make_v0_36() {
    profile p = make_v0_38();
    p.id = profile_id::v0_36;
    p.text_line_ends_at_nul = true;  // text.nul: engine/formats.cpp:129-132 returns c_str()
    p.http_has_compress_and_keep_alive = false;  // http.options: configuration.cpp:179-229
    p.has_rate_limiter = true;                   // ratelimit.bucket
    p.outputs_rate_default = 0;                  // configuration.cpp:266
    p.rate_zero_disables_limiter = true;         // app/actions/process_events.cpp:141,331-344
    p.rate_deprecation_warning =
        "'output.rate' config is deprecated and it will be removed in Falco 0.37";  // :267-270
    p.env_in_config = profile::env_expansion::whole_value_at_read;  // config.env.expand
    p.has_config_files = false;                                     // config.env.scope
    p.config_type_errors_fatal = true;       // config.types, config.null: yaml_helper.h:69-115
    p.log_level_after_outputs = true;        // error.config.order: configuration.cpp:105-253
    p.o_key_appends = false;                 // config.o.path.errors: yaml_helper.h:200-203
    p.subscript_error_has_position = false;  // config.o.path.scalar (yaml-cpp 0.6.2)
    p.initialized_line_prefix =
        "Falco initialized with configuration file: ";  // log.startup.config
    return p;
}

// Falco 0.35.0 and 0.35.1, as Falco 0.35.1 with libs 0.11.3 and yaml-cpp 0.6.2 behaves: 0.36
// minus what 0.36.0 changed in the output path (docs/spec/0.35.md). The comment after a value
// names the rule of docs/spec/0.35.md; citations at the tag 0.35.1.
profile make_v0_35() {
    profile p = make_v0_36();
    p.id = profile_id::v0_35;
    // json.layout, json.escape.control, json.utf8, json.number.float: libs 0.11.3's bundled
    // jsoncpp 0.10.6 (libs@0.11.3:userspace/libsinsp/third-party/jsoncpp/json/json.h:90).
    p.jsoncpp = profile::jsoncpp_release::v0_10_6;
    p.http_reuse_handle = false;  // http.handle, http.url, http.init_error: outputs_http.cpp:21-108
    p.http_echo_always = true;    // http.echo: no write callback
    p.http_has_echo_and_mtls = false;  // http.options, http.tls: configuration.cpp:176-210
    p.http_perform_error_prefix = "libcurl error: ";  // http.error.message: outputs_http.cpp:99-102
    p.has_queue_capacity_option = false;              // queue.capacity: falco_outputs.h:108-110
    p.rate_deprecation_warning = "";                  // ratelimit.bucket: configuration.cpp:244-245
    p.env_in_config = profile::env_expansion::none;   // config.env.expand: yaml_helper.h:68-79
    p.has_rule_matching = false;                      // config.rule_matching
    p.log_sinks_read_last = true;                  // error.config.order: configuration.cpp:256-257
    p.has_daemon_mode = true;                      // daemon.fork: app/options.cpp:185
    p.pidfile = profile::pidfile_use::daemon_pid;  // daemon.pidfile
    p.default_pidfile = "/var/run/falco.pid";      // daemon.pidfile: app/options.cpp:220
    p.daemon_pidfile_error_exit = 255;             // daemon.pidfile: daemonize.cpp:45-58
    p.config_file_opened_before_daemon_check = true;  // daemon.pidfile: app/options.cpp:66-148
    return p;
}

// Falco 0.34.0 and 0.34.1, as Falco 0.34.1 with libs 0.10.4 and yaml-cpp 0.6.2 behaves: 0.35
// minus what 0.35.0 changed in the output path (docs/spec/0.34.md). The comment after a value
// names the rule of docs/spec/0.34.md; citations at the tag 0.34.1.
profile make_v0_34() {
    profile p = make_v0_35();
    p.id = profile_id::v0_34;
    p.http_has_tls_options = false;        // http.options, http.tls: configuration.cpp:163-181
    p.http_unquotes_url = false;           // http.url: outputs_http.cpp:39
    p.http_checks_option_results = false;  // http.init_error: outputs_http.cpp:21-56
    p.command_line_errors_as_runtime_errors = true;  // error.format: falco.cpp:43-55
    p.cxxopts_refuses_dry_run = true;                // error.format: app_cmdline_options.cpp:47-56
    p.daemon_forks_before_outputs = true;            // daemon.fork: application.cpp:193-197
    return p;
}

// Falco 0.33.0 and 0.33.1, as Falco 0.33.1 with libs 0.9.2 and yaml-cpp 0.6.2 behaves: 0.34 minus
// what 0.34.0 changed in the output path (docs/spec/0.33.md). The comment after a value names the
// rule of docs/spec/0.33.md; citations at the tag 0.33.1.
profile make_v0_33() {
    profile p = make_v0_34();
    p.id = profile_id::v0_33;
    // error.format, error.config.yaml: app_actions/load_config.cpp:22-35 lets the exceptions of
    // configuration.cpp through to falco.cpp:72-76 (display_fatal_err, falco.cpp:26-37).
    p.config_errors_as_runtime_errors = true;
    // error.config.no_output: configuration.cpp:196-199, before log_level (:201-203).
    p.no_output_checked_while_reading = true;
    return p;
}

const profile k_v0_41_to_0_43 = make_v0_41_to_0_43();
const profile k_v0_39_to_0_40 = make_v0_39_to_0_40();
const profile k_v0_38 = make_v0_38();
const profile k_v0_37 = make_v0_37();
const profile k_v0_36 = make_v0_36();
const profile k_v0_35 = make_v0_35();
const profile k_v0_34 = make_v0_34();
const profile k_v0_33 = make_v0_33();

// docs/spec/README.md, "Profiles"; each document's section 1 verifies its range at the tags.
const std::vector<profile_range> k_ranges = {
    {profile_id::legacy, "legacy",
     "Falco 0.15.x, as the \"Falco Alerts\" documentation page of that era says", 15, 15},
    {profile_id::v0_33, "0.33", "Falco 0.33.0 and 0.33.1", 33, 33},
    {profile_id::v0_34, "0.34", "Falco 0.34.0 and 0.34.1", 34, 34},
    {profile_id::v0_35, "0.35", "Falco 0.35.0 and 0.35.1", 35, 35},
    {profile_id::v0_36, "0.36", "Falco 0.36.1 and 0.36.2", 36, 36, 1},
    {profile_id::v0_37, "0.37", "Falco 0.37.0 and 0.37.1", 37, 37},
    {profile_id::v0_38, "0.38", "Falco 0.38.0 to 0.38.2", 38, 38},
    {profile_id::v0_39_to_0_40, "0.39-0.40", "Falco 0.39.0 to 0.40.0", 39, 40},
    {profile_id::v0_41_to_0_43, "0.41-0.43", "Falco 0.41.0 to 0.43.1", 41, 43},
    {profile_id::v0_44, "0.44", "Falco 0.44.0 and 0.44.1", 44, 44},
};

// Digits only, at least one.
std::optional<int> decimal(std::string_view text) {
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    int value = 0;
    for (const char c : text) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// "0.<minor>" or "0.<minor>.<patch>".
struct falco_version {
    int minor = 0;
    std::optional<int> patch;
};

std::optional<falco_version> parse_falco_version(std::string_view text) {
    if (text.substr(0, 2) != "0.") {
        return std::nullopt;
    }
    text.remove_prefix(2);
    const std::size_t dot = text.find('.');
    const std::optional<int> minor = decimal(text.substr(0, dot));
    if (!minor) {
        return std::nullopt;
    }
    falco_version version{*minor, std::nullopt};
    if (dot != std::string_view::npos) {
        version.patch = decimal(text.substr(dot + 1));
        if (!version.patch) {
            return std::nullopt;
        }
    }
    return version;
}

bool covers(const profile_range& r, const falco_version& v) {
    if (v.minor < r.first_minor || v.minor > r.last_minor) {
        return false;
    }
    return !(v.minor == r.first_minor && v.patch && *v.patch < r.first_patch);
}

}  // namespace

const profile& get_profile(profile_id id) {
    switch (id) {
        case profile_id::legacy:
            return k_legacy;
        case profile_id::v0_41_to_0_43:
            return k_v0_41_to_0_43;
        case profile_id::v0_39_to_0_40:
            return k_v0_39_to_0_40;
        case profile_id::v0_38:
            return k_v0_38;
        case profile_id::v0_37:
            return k_v0_37;
        case profile_id::v0_36:
            return k_v0_36;
        case profile_id::v0_35:
            return k_v0_35;
        case profile_id::v0_34:
            return k_v0_34;
        case profile_id::v0_33:
            return k_v0_33;
        case profile_id::v0_44:
            break;
    }
    return k_v0_44;
}

std::optional<profile_id> parse_profile_id(std::string_view name) {
    const std::optional<falco_version> version = parse_falco_version(name);
    for (const profile_range& r : k_ranges) {
        if (name == r.name || (version && covers(r, *version))) {
            return r.id;
        }
    }
    return std::nullopt;
}

std::string_view profile_name(profile_id id) {
    for (const profile_range& r : k_ranges) {
        if (r.id == id) {
            return r.name;
        }
    }
    return {};
}

std::string describe_profile_ranges() {
    std::string text;
    for (const profile_range& r : k_ranges) {
        std::string minors;
        for (int m = r.first_minor; m <= r.last_minor; ++m) {
            minors += (minors.empty() ? "0." : ", 0.") + std::to_string(m);
        }
        if (r.first_patch != 0) {
            minors +=
                " from 0." + std::to_string(r.first_minor) + "." + std::to_string(r.first_patch);
        }
        const std::string name(r.name);
        text += "  " + name + std::string(12 - std::min<std::size_t>(name.size(), 11), ' ') +
                std::string(r.falco) + " (" + minors + ")\n";
    }
    return text;
}

}  // namespace falco_ref
