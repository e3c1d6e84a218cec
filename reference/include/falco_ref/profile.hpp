// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace falco_ref {

enum class profile_id {
    v0_44,          // Falco 0.44.1 (docs/spec/0.44.md), the default
    legacy,         // Falco 0.15.3 as the "Falco Alerts" page documents it (docs/spec/legacy.md)
    v0_41_to_0_43,  // Falco 0.41.0 to 0.43.1 (docs/spec/0.41-0.43.md)
    v0_39_to_0_40,  // Falco 0.39.0 to 0.40.0 (docs/spec/0.39-0.40.md)
    v0_38,          // Falco 0.38.0 to 0.38.2 (docs/spec/0.38.md)
};

// Every behaviour that differs between the profiles, as data. docs/PROFILES.md is the table of
// these switches with the source of each value; code branches on a switch, never on the id.
struct profile {
    profile_id id = profile_id::v0_44;

    enum class json_layout {
        nlohmann_sorted,         // 0.39+: one sorted object incl. hostname/source/tags/message
        jsoncpp_grafted_fields,  // <=0.38: a jsoncpp object + `, "output_fields": {..}}`
    };
    json_layout json = json_layout::nlohmann_sorted;
    // The jsoncpp whose FastWriter writes the grafted layout, output_fields included: 0.10.6 in
    // legacy (sysdig@falco/0.15.3:userspace/libsinsp/third-party/jsoncpp/json/json.h:90), 1.9.5
    // in 0.38 (libs@0.17.3:cmake/modules/jsoncpp.cmake:49). Unused by nlohmann_sorted.
    enum class jsoncpp_release { v0_10_6, v1_9_5 };
    jsoncpp_release jsoncpp = jsoncpp_release::v0_10_6;
    // The JSON object has `source` and `tags` (tags behind json_include_tags_property); legacy's
    // grafted object has neither (docs/spec/legacy.md#json.source, docs/spec/legacy.md#json.tags).
    bool json_has_source_and_tags = true;
    // `json_include_message_property` is read (since 0.39.0,
    // falco@0.40.0:userspace/falco/configuration.cpp:336-337); before, there is no `message` key
    // (docs/spec/0.38.md#json.include.message).
    bool has_message_option = true;

    // legacy text mode: syslog carries the rule output without the time/priority prefix.
    bool syslog_text_without_prefix = false;
    // legacy text mode: the formatted line reaches every channel as a C string, so it ends at
    // the first NUL of the message (0.44: stdout and file write the NUL and what follows).
    bool text_line_ends_at_nul = false;
    // `buffered_outputs` when the key is absent.
    bool buffered_outputs_default = false;
    // legacy: the file is opened (created) once at start-up; failure is fatal.
    bool file_checked_at_startup = false;
    // legacy: a runtime write/open failure of the file channel is fatal (exit 1).
    bool file_error_is_fatal = false;
    // 0.44: a kept-open file whose write failed stays failed (std::ofstream's badbit) until
    // it is closed: later alerts are skipped without a write; legacy's stdio tries each one.
    bool file_write_error_sticky = true;
    // legacy: SIGUSR1 reopens only keep_alive file/program outputs.
    bool reopen_requires_keep_alive = false;
    // legacy: spawning the program does fflush(NULL) first (LuaJIT io.popen).
    bool program_spawn_flushes_stdio = false;
    // Start-up errors: 0.44 prints "Error: <msg>" raw (docs/spec/0.44.md#error.format); legacy
    // sends them to its "Runtime error: <msg>. Exiting." handler through the logger
    // (docs/spec/legacy.md#error.format).
    bool config_errors_as_runtime_errors = false;
    // The INFO line of SIGINT/SIGTERM (0.44: process_events.cpp:179; legacy: falco.cpp:265-275,
    // the same text for every signal).
    std::string_view terminate_log_line = "SIGINT received, exiting...";
    // legacy logs "Falco initialized with configuration file <f>" once the logger is set up
    // (falco@0.15.3:userspace/falco/falco.cpp:726-739).
    bool logs_initialized_line = false;
    // 0.44 logs "SIGUSR1 received, reopening outputs..." at INFO.
    bool log_reopen = true;
    // legacy: a rule priority is a Lua pattern matched at the start of the lower-cased names
    // ("warn", "INFO", "w.r", "").
    bool priority_lua_pattern = false;
    // 0.44: `outputs_queue.capacity` and `output_timeout` exist (asynchronous outputs).
    bool has_outputs_queue = true;
    // legacy: `outputs.rate` / `outputs.max_burst` token bucket (1/s, burst 1000).
    bool has_rate_limiter = false;
    // 0.44: `${VAR}` expansion in config values (since 0.37.0).
    bool expands_env_in_config = true;
    // 0.44: `FALCO_HOSTNAME` / `hostname` key in JSON.
    bool json_has_hostname = true;
    // legacy: `-d/--daemon` exists (removed in Falco 0.36.0).
    bool has_daemon_mode = false;
    // What `-P/--pidfile F` does.
    enum class pidfile_use {
        // 0.44: the process writes its own PID to F, without a newline, once its signal
        // handlers are installed and before it reads any alert; F stays after the exit. F that
        // cannot be opened for writing ends the run: ERR "Could not write pid to pidfile F.
        // Exiting.", exit status 255 (exit(-1)) (falco@0.44.1:userspace/falco/app/actions/
        // pidfile.cpp:27-52, app/app.cpp:77-84).
        own_pid,
        // legacy: F is where -d writes the daemon's PID; without -d nothing is written
        // (falco@0.15.3:userspace/falco/falco.cpp:972-1027).
        daemon_pid,
    };
    pidfile_use pidfile = pidfile_use::own_pid;
    // F when -P is not given: none (falco@0.44.1:userspace/falco/app/options.cpp:161), or
    // /var/run/falco.pid (falco@0.15.3:userspace/falco/falco.cpp:410).
    std::string_view default_pidfile = "";
    // 0.44: end-of-run statistics in deterministic order with upper-case short names;
    // legacy: priority as written in the input, unordered.
    bool stats_use_short_upper_names = true;

    // Whether the YAML value of `buffered_outputs` counts. Falco 0.31.1 to 0.43.1 overwrite it
    // with "not -U" once the configuration is loaded, so outputs are buffered unless -U
    // (docs/spec/0.41-0.43.md#config.buffered.yaml,
    // falco@0.43.1:userspace/falco/app/actions/load_config.cpp:73).
    bool buffered_outputs_yaml_honoured = true;
    // What the JSON serialiser does with ill-formed UTF-8 in the alert's own strings.
    enum class invalid_utf8_policy {
        // 0.44: U+FFFD (docs/spec/0.44.md#json.utf8, falco@0.44.1:userspace/engine/formats.cpp:161)
        replace,
        // 0.39-0.43: nlohmann's strict dump() throws type_error 316 and the run ends with
        // exit status 1 (docs/spec/0.41-0.43.md#json.utf8.fatal,
        // falco@0.43.1:userspace/engine/formats.cpp:158)
        fatal,
    };
    invalid_utf8_policy json_invalid_utf8 = invalid_utf8_policy::replace;
    // `json_include_output_fields_property` is read (since 0.41.0,
    // falco@0.43.1:userspace/falco/configuration.cpp:362-363); before, output_fields is always
    // written (docs/spec/0.39-0.40.md#json.include.output_fields).
    bool has_output_fields_option = true;
    // -o keys: a backslash escapes `.`, `[`, `]` and itself (since 0.44.0,
    // falco@0.44.1:userspace/engine/yaml_helper.h:397-418); before, it is an ordinary character
    // of a key name (docs/spec/0.41-0.43.md#config.o.path).
    bool o_key_escapes = true;
    // 0.39-0.40 apply every -o before `config_files` is looked up, so a malformed -o key is
    // reported before a bad document (docs/spec/0.39-0.40.md#error.config.order,
    // falco@0.40.0:userspace/falco/configuration.cpp:126-141); later versions apply
    // `-o config_files=...` first, then look up `config_files`, then apply the others.
    bool o_before_config_files = false;
    // 0.38: cxxopts 3.0.0 splits every -o argument at its commas into several options
    // (docs/spec/0.38.md#config.o.split, cxxopts@v3.0.0:include/cxxopts.hpp:980-995); Falco
    // 0.39.1 and later take the argument whole
    // (falco@0.39.1:userspace/falco/app/options.cpp:22-24).
    bool o_splits_at_commas = false;
    // An -o value `{...}` replaces the node with that YAML flow map (since 0.39.0,
    // falco@0.40.0:userspace/falco/configuration.cpp:783-788); before, every value is a string
    // scalar (docs/spec/0.38.md#config.o.value).
    bool o_value_flow_map = true;
    // The variable read for the JSON hostname when FALCO_HOSTNAME is not set; empty: none
    // (0.33 to 0.43: FALCO_GRPC_HOSTNAME, falco@0.43.1:userspace/falco/app/actions/
    // init_outputs.cpp:37-47; docs/spec/0.41-0.43.md#json.hostname).
    std::string_view hostname_fallback_env = "";

    // HTTP channel.
    bool http_reuse_handle = true;            // legacy: a new easy handle per alert
    bool http_content_type_by_format = true;  // legacy: always application/json
    bool http_sends_user_agent = true;        // legacy: no User-Agent header
    bool http_has_tls_options = true;         // legacy: no insecure/ca_*/mtls/... keys
    bool http_echo_always = false;            // legacy: response body always written to stdout
    bool http_unquotes_url = true;            // 0.35.0+: surrounding quotes stripped, unescaped
    bool http_retries_timeouts = true;        // 0.41.0+: max_consecutive_timeouts
    // The log line of a failed request (0.44: outputs_http.cpp:125-129; legacy:
    // falco_outputs.cpp:289-293).
    std::string_view http_perform_error_prefix = "libcurl failed to perform call: ";
    // legacy's bundled curl 7.61 sent `Expect: 100-continue` for bodies over 1024 bytes (the
    // threshold became 1 MiB in curl 7.69); 0 = leave it to the linked libcurl.
    std::size_t http_expect_continue_above = 0;
};

const profile& get_profile(profile_id id);

// A profile's name and the Falco minor versions it covers (docs/spec/README.md, "Profiles").
// conformance/ keeps a table of its own (the harness never links the reference); a ctest checks
// that both print the same.
struct profile_range {
    profile_id id;
    std::string_view name;   // what --profile accepts and prints: "0.41-0.43"
    std::string_view falco;  // the releases it stands for: "Falco 0.41.0 to 0.43.1"
    int first_minor;         // the Falco 0.<minor> versions it covers
    int last_minor;
};

// A profile name ("0.41-0.43", "legacy"), a Falco minor ("0.42") or a full version ("0.42.1",
// "0.44.0"), mapped to the profile that covers it; nullopt for anything else.
std::optional<profile_id> parse_profile_id(std::string_view name);
// One line per profile, "  0.41-0.43   Falco 0.41.0 to 0.43.1 (0.41, 0.42, 0.43)", for --help
// and the unknown-profile error.
std::string describe_profile_ranges();

}  // namespace falco_ref
