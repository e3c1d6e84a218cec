// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
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
    v0_37,          // Falco 0.37.0 and 0.37.1 (docs/spec/0.37.md)
    v0_36,          // Falco 0.36.1 and 0.36.2 (docs/spec/0.36.md)
    v0_35,          // Falco 0.35.0 and 0.35.1 (docs/spec/0.35.md)
    v0_34,          // Falco 0.34.0 and 0.34.1 (docs/spec/0.34.md)
    v0_33,          // Falco 0.33.0 and 0.33.1 (docs/spec/0.33.md)
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
    // legacy, 0.36 and 0.37 text mode: the formatted line reaches every channel as a C string, so
    // it ends at the first NUL of the message (0.44: stdout and file write the NUL and what
    // follows).
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
    // and 0.33 throw the errors met while the configuration is read to their "Runtime error:
    // <msg>. Exiting." handler, which logs it with the logger as it was when the error was raised
    // (config_error::logger; docs/spec/legacy.md#error.format, docs/spec/0.33.md#error.format).
    bool config_errors_as_runtime_errors = false;
    // legacy and 0.33: "No outputs configured" is checked while the keys are read, right after
    // the output blocks (0.33: and the gRPC keys), before log_level, so before -d forks
    // (docs/spec/legacy.md#error.config.no_output, docs/spec/0.33.md#error.config.no_output);
    // 0.34+ check when the outputs are set up (require_enabled_output).
    bool no_output_checked_while_reading = false;
    // 0.34: an error of the command line (an option cxxopts refuses, a -c file that cannot be
    // opened, -d with an empty pid file name) is printed raw as "Runtime error: <msg>. Exiting."
    // (docs/spec/0.34.md#error.format, falco@0.34.1:userspace/falco/falco.cpp:43-55); 0.35+
    // print it as their other start-up errors, legacy through its logger.
    bool command_line_errors_as_runtime_errors = false;
    // 0.34: `--dry-run` (added in Falco 0.35.0) is an option cxxopts 3.0.0 refuses, `Option
    // ‘dry-run’ does not exist` (docs/spec/0.34.md#error.format); the other profiles refuse it
    // as an argument outside conformance/PROTOCOL.md, since the reference has no dry run.
    bool cxxopts_refuses_dry_run = false;
    // The local time of a stderr log line: Falco up to 0.41.x takes it from asctime(), which pads
    // the day of the month with a space (`Mon Dec  7`); 0.42.0 writes it with strftime's `%d`,
    // padded with a zero (`Mon Dec 07`) (docs/spec/0.41-0.43.md#log.prefix).
    bool log_day_padded_with_space = false;
    // The INFO line of SIGINT/SIGTERM (0.44: process_events.cpp:179; legacy: falco.cpp:265-275,
    // the same text for every signal).
    std::string_view terminate_log_line = "SIGINT received, exiting...";
    // The INFO line logged with the -c path once the logger is set up; empty: none. legacy:
    // "Falco initialized with configuration file <f>" (falco@0.15.3:userspace/falco/falco.cpp:
    // 726-739); 0.36: "Falco initialized with configuration file: <f>"
    // (falco@0.36.2:userspace/falco/app/actions/load_config.cpp:57-60).
    std::string_view initialized_line_prefix = "";
    // 0.44 logs "SIGUSR1 received, reopening outputs..." at INFO.
    bool log_reopen = true;
    // legacy: a rule priority is a Lua pattern matched at the start of the lower-cased names
    // ("warn", "INFO", "w.r", "").
    bool priority_lua_pattern = false;
    // 0.44: `outputs_queue.capacity` and `output_timeout` exist (asynchronous outputs).
    bool has_outputs_queue = true;
    // `outputs_queue.capacity` is read (since 0.36.0); before, the queue has no bound
    // (docs/spec/0.35.md#queue.capacity, falco@0.35.1:userspace/falco/falco_outputs.h:108-110).
    bool has_queue_capacity_option = true;
    // `rule_matching` is read and checked (since 0.36.0); before, there is no such key
    // (docs/spec/0.35.md#config.rule_matching).
    bool has_rule_matching = true;
    // legacy and 0.36: `outputs.rate` / `outputs.max_burst` token bucket (burst 1000).
    bool has_rate_limiter = false;
    // `outputs.rate` when the key is absent: 1 in legacy
    // (falco@0.15.3:userspace/falco/configuration.cpp:160), 0 in 0.36
    // (falco@0.36.2:userspace/falco/configuration.cpp:266).
    std::uint32_t outputs_rate_default = 1;
    // 0.36: a rate of 0 means no limiter at all (falco@0.36.2:userspace/falco/app/actions/
    // process_events.cpp:141); legacy: a bucket that never refills.
    bool rate_zero_disables_limiter = false;
    // The WARNING logged while the configuration is loaded when `outputs.rate` is not 0; empty:
    // none (falco@0.36.2:userspace/falco/configuration.cpp:267-270, sic `output.rate`).
    std::string_view rate_deprecation_warning = "";
    // When `${VAR}` in a config value is expanded.
    enum class env_expansion {
        // legacy: never.
        none,
        // 0.37.0+: anywhere in every scalar of the file, once, when the file is loaded
        // (docs/spec/0.44.md#config.env.expand).
        file_scalars_at_load,
        // 0.36: only a value that is exactly `${NAME}` (and `$$` escapes), when a key is read,
        // so -o values too (docs/spec/0.36.md#config.env.expand).
        whole_value_at_read,
    };
    env_expansion env_in_config = env_expansion::file_scalars_at_load;
    // 0.38+: the `config_files` key names more configuration files, looked up before the other
    // keys; 0.36 and 0.37: there is no such key (docs/spec/0.36.md#config.env.scope,
    // docs/spec/0.37.md#config.env.scope).
    bool has_config_files = true;
    // 0.36: a value that does not convert to its key's type ends the run with yaml-cpp's
    // `bad conversion` (with the value's position), a null included, and every key Falco reads
    // is read, for its type only when the reference has no use for it
    // (docs/spec/0.36.md#config.types, falco@0.36.2:userspace/falco/yaml_helper.h:69-115);
    // 0.37+: the key's default (docs/spec/0.44.md#config.types).
    bool config_type_errors_fatal = false;
    // 0.36 and 0.37: `log_level` is set (and a bad one reported) after the output blocks and the
    // gRPC keys (docs/spec/0.36.md#error.config.order, falco@0.36.2:userspace/falco/
    // configuration.cpp:105-253; docs/spec/0.37.md#error.config.order,
    // falco@0.37.1:userspace/falco/configuration.cpp:343-345); 0.38+: first.
    bool log_level_after_outputs = false;
    // 0.37: `engine.kind` is the first key read, before `rules_file`, so a scalar document fails
    // there (docs/spec/0.37.md#error.config.scalar_document,
    // falco@0.37.1:userspace/falco/configuration.cpp:115); 0.36 has no `engine` keys, and 0.38+
    // look up `config_files` first.
    bool engine_kind_read_first = false;
    // 0.35: `log_stderr` and `log_syslog` are read last, after `time_format_iso_8601`
    // (docs/spec/0.35.md#error.config.order, falco@0.35.1:userspace/falco/configuration.cpp:
    // 256-257); 0.36: with the other logger keys, after `libs_logger`.
    bool log_sinks_read_last = false;
    // 0.44: `FALCO_HOSTNAME` / `hostname` key in JSON.
    bool json_has_hostname = true;
    // legacy, 0.34 and 0.35: `-d/--daemon` exists (removed in Falco 0.36.0).
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
    // The exit status of -d's parent when it cannot open the pidfile: 1 in legacy
    // (falco@0.15.3:userspace/falco/falco.cpp:983-996), 255 (`exit(-1)`) in 0.35
    // (falco@0.35.1:userspace/falco/app/actions/daemonize.cpp:45-58).
    int daemon_pidfile_error_exit = 1;
    // 0.35: the -c file is opened while the options are checked, before -d's need of a pid file
    // (falco@0.35.1:userspace/falco/app/options.cpp:66-74 then 145-148), so a -c file that
    // cannot be opened is reported first; legacy checks -d first
    // (falco@0.15.3:userspace/falco/falco.cpp:676-688).
    bool config_file_opened_before_daemon_check = false;
    // 0.34: -d forks after the signal handlers are installed and before the outputs are set up,
    // so the daemon child checks that a channel is enabled, sets up the channels and delivers
    // (docs/spec/0.34.md#daemon.fork, falco@0.34.1:userspace/falco/application.cpp:193-197);
    // legacy and 0.35 fork once the outputs exist (the parent reports a missing output).
    bool daemon_forks_before_outputs = false;
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
    // -o keys: `[]` appends to a sequence and an index std::stoi rejects is Falco's own
    // `Parsing error: expected a numeric index` (since 0.38.0); 0.36 and 0.37: no `[]`, and the
    // error is std::stoi's exception text, `stoi` (docs/spec/0.36.md#config.o.path.errors,
    // falco@0.36.2:userspace/falco/yaml_helper.h:200-203, falco@0.37.1:userspace/falco/
    // yaml_helper.h:274).
    bool o_key_appends = true;
    // yaml-cpp's `operator[] call on a scalar` carries the position and the key (0.7.0+); the
    // yaml-cpp 0.6.2 of Falco 0.36 has neither (docs/spec/0.36.md#config.o.path.scalar,
    // yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/exceptions.h:227-228).
    bool subscript_error_has_position = true;
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
    // legacy, 0.34 and 0.35: a new easy handle per alert, everything set up (in 0.35 the quoted
    // url decoded too) when the alert is handled, so nothing fails before the first alert.
    bool http_reuse_handle = true;
    bool http_content_type_by_format = true;  // legacy: always application/json
    bool http_sends_user_agent = true;        // legacy: no User-Agent header
    // legacy and 0.34: no insecure/ca_*/mtls/... keys: libcurl's own defaults verify the server
    // against the system CA store.
    bool http_has_tls_options = true;
    bool http_has_echo_and_mtls = true;  // 0.36.0+: echo, mtls, client_cert, client_key
    bool http_echo_always = false;       // legacy, 0.34, 0.35: response body always on stdout
    bool http_unquotes_url = true;       // 0.35.0+: surrounding quotes stripped, unescaped
    // 0.35.0+: a libcurl option that cannot be set fails the request (0.44: the channel);
    // legacy and 0.34 ignore the results of curl_easy_setopt (docs/spec/0.34.md#http.init_error).
    bool http_checks_option_results = true;
    bool http_retries_timeouts = true;             // 0.41.0+: max_consecutive_timeouts
    bool http_has_compress_and_keep_alive = true;  // 0.37.0+: compress_uploads, keep_alive
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
    // The first patch release of first_minor the profile covers: 0.36.0 differs from 0.36.1
    // (docs/spec/0.36.md#1-profile), so "0.36.0" maps to no profile while "0.36" does.
    int first_patch = 0;
};

// A profile name ("0.41-0.43", "legacy"), a Falco minor ("0.42") or a full version ("0.42.1",
// "0.44.0"), mapped to the profile that covers it; nullopt for anything else.
std::optional<profile_id> parse_profile_id(std::string_view name);
// The profile's name as --profile prints it ("0.41-0.43").
std::string_view profile_name(profile_id id);
// One line per profile, "  0.41-0.43   Falco 0.41.0 to 0.43.1 (0.41, 0.42, 0.43)", for --help
// and the unknown-profile error.
std::string describe_profile_ranges();

}  // namespace falco_ref
