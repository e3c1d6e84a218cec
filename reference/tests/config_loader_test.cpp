// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/config_loader.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>

#include "config_test_support.hpp"

namespace falco_ref {
namespace {

using testing::temp_dir;

class config_loader_test : public ::testing::Test {
protected:
    config_load_result load(const std::string& yaml, std::vector<std::string> options = {},
                            profile_id prof = profile_id::v0_44, bool unbuffered = false) {
        config_request req;
        req.profile = prof;
        req.config_path = dir_.write("falco.yaml", yaml);
        req.options = std::move(options);
        req.unbuffered = unbuffered;
        req.default_config_path = dir_.file("absent.yaml");
        return config_loader().load(req);
    }

    // The config_error text and the raw stderr lines before it.
    std::pair<std::string, std::string> error(const std::string& yaml,
                                              std::vector<std::string> options = {},
                                              profile_id prof = profile_id::v0_44) {
        try {
            load(yaml, std::move(options), prof);
        } catch (const config_error& e) {
            return {e.what(), e.raw_stderr()};
        }
        return {"<no error>", ""};
    }

    // The settings of Falco's logger the config_error carries (config_error::logger).
    logger_settings logger_at_error(const std::string& yaml, profile_id prof,
                                    std::vector<std::string> options = {}) {
        try {
            load(yaml, std::move(options), prof);
        } catch (const config_error& e) {
            if (e.logger()) {
                return *e.logger();
            }
            ADD_FAILURE() << "no logger settings: " << e.what();
            return {};
        }
        ADD_FAILURE() << "no error: " << yaml;
        return {};
    }

    std::string path() const { return dir_.file("falco.yaml"); }

    temp_dir dir_;
};

bool has_warning_about(const config_load_result& r, const std::string& key) {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const std::string& w) {
        return w.find("\"" + key + "\"") != std::string::npos;
    });
}

// Code defaults when keys are absent (falco@0.44.1:userspace/falco/configuration.cpp:224-233,
// falco@0.44.1:userspace/falco/configuration.cpp:324-471): docs/spec/common.md#output.enabled,
// docs/spec/0.44.md#52-optional-keys, docs/spec/common.md#config.priority.default,
// docs/spec/0.44.md#config.buffered.default, docs/spec/0.44.md#queue.capacity,
// docs/spec/0.44.md#queue.timeout, docs/spec/common.md#10-logs.
TEST_F(config_loader_test, defaults_044_when_keys_are_absent) {
    const config cfg = load("stdout_output:\n  enabled: true\n").cfg;
    EXPECT_FALSE(cfg.json_output);
    EXPECT_TRUE(cfg.json_include_output_property);
    EXPECT_TRUE(cfg.json_include_tags_property);
    EXPECT_FALSE(cfg.json_include_message_property);
    EXPECT_TRUE(cfg.json_include_output_fields_property);
    EXPECT_FALSE(cfg.time_format_iso_8601);
    EXPECT_EQ(cfg.min_priority, priority::debug);
    EXPECT_FALSE(cfg.buffered_outputs);
    EXPECT_EQ(cfg.outputs_queue_capacity, 0u);
    EXPECT_EQ(cfg.output_timeout_ms, 2000u);
    EXPECT_FALSE(cfg.log_stderr);
    EXPECT_TRUE(cfg.log_syslog);
    EXPECT_EQ(cfg.level, log_level::info);
    EXPECT_FALSE(cfg.file_output.enabled);
    EXPECT_FALSE(cfg.syslog_output.enabled);
    EXPECT_FALSE(cfg.program_output.enabled);
    EXPECT_FALSE(cfg.http_output.enabled);
}

// stdout_output.enabled is false when absent (docs/spec/common.md#output.enabled), so a config
// with no output is an error (init_outputs.cpp:31-35; docs/spec/0.44.md#error.config.no_output),
// found when the outputs are set up, not while the configuration is read.
TEST_F(config_loader_test, no_output_enabled_is_an_error_044) {
    const config cfg = load("log_level: info\n").cfg;
    try {
        require_enabled_output(cfg);
        ADD_FAILURE() << "no exception";
    } catch (const config_error& e) {
        EXPECT_STREQ(e.what(),
                     "No output configured, please make sure at least one output is configured "
                     "and enabled.");
    }
    EXPECT_NO_THROW(require_enabled_output(load("stdout_output: {enabled: true}\n").cfg));
}

// docs/spec/0.44.md#http.options: http option defaults (configuration.cpp:381-447).
TEST_F(config_loader_test, http_defaults_044) {
    const config cfg = load("http_output:\n  enabled: true\n  url: http://x/\n").cfg;
    EXPECT_EQ(cfg.http_output.user_agent, "falcosecurity/falco");
    EXPECT_EQ(cfg.http_output.ca_path, "/etc/ssl/certs");
    EXPECT_EQ(cfg.http_output.client_cert, "/etc/ssl/certs/client.crt");
    EXPECT_EQ(cfg.http_output.client_key, "/etc/ssl/certs/client.key");
    EXPECT_EQ(cfg.http_output.max_consecutive_timeouts, 5);
    EXPECT_FALSE(cfg.http_output.keep_alive);
}

// docs/spec/0.44.md#http.options, docs/spec/0.44.md#config.types: max_consecutive_timeouts is
// uint8; out of 0..255 falls back to 5.
TEST_F(config_loader_test, uint8_out_of_range_falls_back_to_default) {
    const std::string base =
        "http_output:\n  enabled: true\n  url: u\n  max_consecutive_timeouts: ";
    EXPECT_EQ(load(base + "10\n").cfg.http_output.max_consecutive_timeouts, 10);
    const auto r = load(base + "256\n");
    EXPECT_EQ(r.cfg.http_output.max_consecutive_timeouts, 5);
    EXPECT_TRUE(has_warning_about(r, "http_output.max_consecutive_timeouts"));
}

// docs/spec/legacy.md#config.buffered.default (buffered default true),
// docs/spec/legacy.md#ratelimit.bucket (rate 1, burst 1000),
// docs/spec/common.md#log.stderr.default, docs/spec/common.md#log.syslog.
TEST_F(config_loader_test, defaults_legacy_when_keys_are_absent) {
    const config cfg = load("stdout_output:\n  enabled: true\n", {}, profile_id::legacy).cfg;
    EXPECT_TRUE(cfg.buffered_outputs);
    EXPECT_EQ(cfg.outputs_rate, 1);
    EXPECT_EQ(cfg.outputs_max_burst, 1000);
    EXPECT_EQ(cfg.min_priority, priority::debug);
    EXPECT_FALSE(cfg.log_stderr);
    EXPECT_TRUE(cfg.log_syslog);
}

// -U forces unbuffered in both (load_config.cpp:73-76; falco@0.15.3 falco.cpp:748-751), and
// 0.44 honours the YAML value (docs/spec/0.44.md#config.buffered.yaml).
TEST_F(config_loader_test, unbuffered_flag_and_yaml_buffered_outputs) {
    const std::string yaml = "stdout_output: {enabled: true}\nbuffered_outputs: true\n";
    EXPECT_TRUE(load(yaml).cfg.buffered_outputs);
    EXPECT_FALSE(load(yaml, {}, profile_id::v0_44, true).cfg.buffered_outputs);
    EXPECT_FALSE(load("stdout_output: {enabled: true}\n", {}, profile_id::legacy, true)
                     .cfg.buffered_outputs);
}

// docs/spec/legacy.md#error.config.no_file: only stdout, defaults otherwise.
TEST_F(config_loader_test, legacy_without_a_config_file_enables_stdout_only) {
    config_request req;
    req.profile = profile_id::legacy;
    req.default_config_path = dir_.file("absent.yaml");
    const config cfg = config_loader().load(req).cfg;
    EXPECT_FALSE(cfg.has_config_file);
    EXPECT_TRUE(cfg.stdout_output.enabled);
    EXPECT_FALSE(cfg.file_output.enabled);
    EXPECT_FALSE(cfg.syslog_output.enabled);
    // The logger keeps its static defaults (falco@0.15.3:userspace/falco/logger.cpp:99-100).
    EXPECT_TRUE(cfg.log_stderr);
    EXPECT_TRUE(cfg.log_syslog);
    // docs/spec/legacy.md#config.buffered.default: buffered when the key is absent.
    EXPECT_TRUE(cfg.buffered_outputs);
}

// docs/spec/0.44.md#error.config.no_file: no -c and no /etc/falco/falco.yaml;
// docs/spec/common.md#error.config.missing: -c missing.
TEST_F(config_loader_test, missing_config_files_use_falcos_wording) {
    config_request req;
    req.default_config_path = dir_.file("absent.yaml");
    try {
        config_loader().load(req);
        FAIL();
    } catch (const config_error& e) {
        EXPECT_EQ(std::string(e.what()), "You must create a config file at " +
                                             dir_.file("absent.yaml") + " or by passing -c");
    }
    req.config_path = "nope.yaml";
    for (profile_id p : {profile_id::v0_44, profile_id::legacy}) {
        req.profile = p;
        try {
            config_loader().load(req);
            FAIL();
        } catch (const config_error& e) {
            EXPECT_EQ(std::string(e.what()), "Could not find configuration file at nope.yaml");
        }
    }
}

// docs/spec/common.md#file.keep_alive.string: keep_alive is on only for the exact string "true".
TEST_F(config_loader_test, keep_alive_is_true_only_for_the_string_true) {
    const std::string head = "file_output:\n  enabled: true\n  filename: f\n  keep_alive: ";
    EXPECT_TRUE(load(head + "true\n").cfg.file_output.keep_alive);
    EXPECT_TRUE(load(head + "\"true\"\n").cfg.file_output.keep_alive);
    for (const std::string v : {"True", "yes", "on", "TRUE"}) {
        const auto r = load(head + v + "\n");
        EXPECT_FALSE(r.cfg.file_output.keep_alive) << v;
        EXPECT_TRUE(has_warning_about(r, "file_output.keep_alive")) << v;
    }
    EXPECT_FALSE(load("file_output:\n  enabled: true\n  filename: f\n").cfg.file_output.keep_alive);
    // legacy: the same string comparison (the rule is common to both profiles).
    EXPECT_FALSE(load(head + "True\n", {}, profile_id::legacy).cfg.file_output.keep_alive);
    EXPECT_TRUE(load(head + "true\n", {}, profile_id::legacy).cfg.file_output.keep_alive);
}

// docs/spec/legacy.md#error.format: 0.15.3 sets the logger's level from log_level before it
// reads the rate limiter keys and priority, so their errors carry that level; earlier errors
// (the outputs, log_level itself) carry the logger as it starts, at info.
TEST_F(config_loader_test, legacy_errors_after_log_level_carry_it) {
    const std::string out = "stdout_output: {enabled: true}\nlog_level: critical\n";
    const auto level_of = [&](const std::string& yaml) {
        return logger_at_error(yaml, profile_id::legacy).level;
    };
    EXPECT_EQ(level_of(out + "priority: bogus\n"), log_level::critical);
    EXPECT_EQ(level_of(out + "outputs: {rate: abc}\n"), log_level::critical);
    EXPECT_EQ(level_of(out + "log_stderr: maybe\n"), log_level::critical);
    EXPECT_EQ(level_of("log_level: critical\n"), log_level::info);  // no output enabled
    EXPECT_EQ(level_of("stdout_output: {enabled: true}\nlog_level: bogus\n"), log_level::info);
    // log_stderr is given to the logger before log_syslog is read (configuration.cpp:179-180).
    const logger_settings sinks =
        logger_at_error(out + "log_stderr: false\nlog_syslog: maybe\n", profile_id::legacy);
    EXPECT_FALSE(sinks.to_stderr);
    EXPECT_TRUE(sinks.to_syslog);
}

// docs/spec/0.33.md#error.format: Falco 0.33.1's logger is at info with stderr and syslog on until
// configuration.cpp:201-203 sets the level from log_level, after the outputs and the gRPC keys;
// log_stderr and log_syslog are given to it when they are read (configuration.cpp:225-226). A
// configuration error carries the settings of that moment.
TEST_F(config_loader_test, errors_carry_the_logger_of_their_moment_033) {
    const logger_settings start = k_logger_before_config;
    const auto same = [](const logger_settings& a, const logger_settings& b) {
        return a.to_stderr == b.to_stderr && a.to_syslog == b.to_syslog && a.level == b.level &&
               a.iso8601_timestamps == b.iso8601_timestamps;
    };
    const std::string quiet = "log_level: critical\nlog_stderr: false\nlog_syslog: false\n";
    // Before log_level: a -o error, an output block, a gRPC key, log_level itself.
    EXPECT_TRUE(same(logger_at_error(quiet, profile_id::v0_33, {"json_output"}), start));
    EXPECT_TRUE(
        same(logger_at_error(quiet + "file_output: {enabled: true}\n", profile_id::v0_33), start));
    EXPECT_TRUE(same(logger_at_error(quiet + "stdout_output: {enabled: true}\ngrpc: {enabled: 2}\n",
                                     profile_id::v0_33),
                     start));
    EXPECT_TRUE(same(
        logger_at_error("stdout_output: {enabled: true}\nlog_level: bogus\n", profile_id::v0_33),
        start));
    EXPECT_EQ(
        error("stdout_output: {enabled: true}\nlog_level: bogus\n", {}, profile_id::v0_33).first,
        "Unknown log level bogus");
    // After log_level, before log_stderr: the configured level, both sinks still on.
    const std::string out = "stdout_output: {enabled: true}\nlog_level: critical\n";
    const logger_settings at_priority =
        logger_at_error(out + "priority: bogus\n", profile_id::v0_33);
    EXPECT_EQ(at_priority.level, log_level::critical);
    EXPECT_TRUE(at_priority.to_stderr);
    EXPECT_TRUE(at_priority.to_syslog);
    // log_stderr given, log_syslog not: a bad log_syslog finds stderr off and syslog on.
    const logger_settings at_syslog =
        logger_at_error(out + "log_stderr: false\nlog_syslog: maybe\n", profile_id::v0_33);
    EXPECT_EQ(at_syslog.level, log_level::critical);
    EXPECT_FALSE(at_syslog.to_stderr);
    EXPECT_TRUE(at_syslog.to_syslog);
    EXPECT_EQ(error(out + "log_stderr: false\nlog_syslog: maybe\n", {}, profile_id::v0_33).first,
              "yaml-cpp: error at line 4, column 13: bad conversion");
}

// docs/spec/0.33.md#error.format: every error of the configuration is thrown, but a missing
// configuration file is a failed action, "Error: ..." (falco@0.33.1:userspace/falco/app_actions/
// load_config.cpp:36-42); a file that is no YAML prints its line, then the sliced exception.
TEST_F(config_loader_test, thrown_and_returned_errors_033) {
    config_request req;
    req.profile = profile_id::v0_33;
    req.default_config_path = dir_.file("absent.yaml");
    try {
        config_loader().load(req);
        ADD_FAILURE() << "no exception";
    } catch (const config_error& e) {
        EXPECT_EQ(std::string(e.what()), "You must create a config file at " +
                                             req.default_config_path + " or by passing -c");
        EXPECT_FALSE(e.thrown());
    }
    try {
        load("a: [b\n", {}, profile_id::v0_33);
        ADD_FAILURE() << "no exception";
    } catch (const config_error& e) {
        EXPECT_STREQ(e.what(), "std::exception");
        EXPECT_EQ(e.raw_stderr().rfind("Cannot read config file (" + path() + "): yaml-cpp: ", 0),
                  0u)
            << e.raw_stderr();
        EXPECT_TRUE(e.thrown());
    }
}

// docs/spec/0.33.md#error.config.no_output: checked while the keys are read, after the output
// blocks and the gRPC keys and before log_level, in 0.15.3's words; set-up checks nothing more.
// 0.34 reads log_level first and checks the outputs when it sets them up.
TEST_F(config_loader_test, no_output_is_found_while_reading_033) {
    const std::string no_output = "stdout_output: {enabled: false}\nlog_level: bogus\n";
    const auto [what, raw] = error(no_output, {}, profile_id::v0_33);
    EXPECT_EQ(what, "Error reading config file (" + path() +
                        "): No outputs configured. Please configure at least one output file "
                        "output enabled but no filename in configuration block");
    EXPECT_EQ(raw, "");
    EXPECT_EQ(error(no_output, {}, profile_id::v0_34).first, "Unknown log level bogus");
    EXPECT_EQ(error(no_output + "grpc: {enabled: 2}\n", {}, profile_id::v0_33).first,
              "yaml-cpp: error at line 3, column 17: bad conversion");
    EXPECT_EQ(error("log_level: info\n", {}, profile_id::legacy).first,
              error("log_level: info\n", {}, profile_id::v0_33).first);
    config cfg;
    cfg.prof = &get_profile(profile_id::v0_33);
    EXPECT_NO_THROW(require_enabled_output(cfg));
    cfg.prof = &get_profile(profile_id::v0_34);
    EXPECT_THROW(require_enabled_output(cfg), config_error);
}

// docs/spec/legacy.md#config.null: yaml-cpp 0.6.2 converts no null to a string, so a null
// string key is a wrong type, fatal as any other (configuration.h:103-121).
TEST_F(config_loader_test, null_strings_are_a_wrong_type_legacy) {
    const auto [what, raw] =
        error("file_output:\n  enabled: true\n  filename:\n", {}, profile_id::legacy);
    EXPECT_EQ(raw, "Cannot read config file (" + path() + "): wrong type at key file_output\n");
    EXPECT_NE(what.find("bad conversion"), std::string::npos) << what;
    EXPECT_EQ(
        error("stdout_output: {enabled: true}\nlog_level: ~\n", {}, profile_id::legacy).second,
        "Cannot read config file (" + path() + "): wrong type at key log_level\n");
}

// docs/spec/0.44.md#config.null: a YAML null string reads as "null", no error.
TEST_F(config_loader_test, null_strings_read_as_the_text_null) {
    const auto r = load("file_output:\n  enabled: true\n  filename:\n");
    EXPECT_EQ(r.cfg.file_output.filename, "null");
    EXPECT_TRUE(has_warning_about(r, "file_output.filename"));
    EXPECT_EQ(load("program_output:\n  enabled: true\n  program: ~\n").cfg.program_output.program,
              "null");
    EXPECT_EQ(load("http_output:\n  enabled: true\n  url: null\n").cfg.http_output.url, "null");
}

// docs/spec/common.md#config.bool, docs/spec/0.44.md#config.types: bools accept y/yes/true/on,
// n/no/false/off in lower, UPPER or Capitalised case; `1` and `tRue` give the default.
TEST_F(config_loader_test, bool_spellings_follow_yaml_cpp) {
    for (const std::string v :
         {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
        EXPECT_TRUE(
            load("stdout_output: {enabled: true}\njson_output: " + v + "\n").cfg.json_output)
            << v;
    }
    for (const std::string v : {"n", "no", "NO", "false", "False", "off", "OFF"}) {
        EXPECT_FALSE(
            load("stdout_output: {enabled: true}\njson_include_output_property: " + v + "\n")
                .cfg.json_include_output_property)
            << v;
    }
    for (const std::string v : {"1", "tRue", "yES"}) {
        const auto r =
            load("stdout_output: {enabled: true}\njson_include_output_property: " + v + "\n");
        EXPECT_TRUE(r.cfg.json_include_output_property) << v;  // the default
        EXPECT_TRUE(has_warning_about(r, "json_include_output_property")) << v;
    }
}

// docs/spec/0.44.md#config.types: a value that fails to convert silently becomes the default (we
// warn).
TEST_F(config_loader_test, wrong_types_fall_back_to_defaults_044) {
    const auto r = load(
        "stdout_output: {enabled: true}\noutput_timeout: abc\noutputs_queue:\n  capacity: [1]\n");
    EXPECT_EQ(r.cfg.output_timeout_ms, 2000u);
    EXPECT_EQ(r.cfg.outputs_queue_capacity, 0u);
    EXPECT_TRUE(has_warning_about(r, "output_timeout"));
    EXPECT_TRUE(has_warning_about(r, "outputs_queue.capacity"));
    EXPECT_EQ(load("stdout_output: {enabled: true}\noutputs_queue: {capacity: 7}\n")
                  .cfg.outputs_queue_capacity,
              7u);
}

// docs/spec/legacy.md#config.types: stderr line naming the top-level key, then the
// yaml-cpp exception (configuration.h:64-120).
TEST_F(config_loader_test, wrong_types_are_fatal_legacy) {
    const auto [what, raw] =
        error("stdout_output: {enabled: true}\noutputs:\n  rate: abc\n", {}, profile_id::legacy);
    EXPECT_EQ(raw, "Cannot read config file (" + path() + "): wrong type at key outputs\n");
    EXPECT_NE(what.find("bad conversion"), std::string::npos) << what;
}

// docs/spec/common.md#error.config.file_no_filename,
// docs/spec/common.md#error.config.program_no_program,
// docs/spec/common.md#error.config.http_no_url: file/program/http enabled without their key.
TEST_F(config_loader_test, enabled_output_without_target_is_an_error) {
    const std::string prefix = "Error reading config file (" + path() + "): ";
    for (profile_id p : {profile_id::v0_44, profile_id::legacy}) {
        EXPECT_EQ(error("file_output:\n  enabled: true\n", {}, p).first,
                  prefix + "file output enabled but no filename in configuration block");
        EXPECT_EQ(error("program_output:\n  enabled: true\n", {}, p).first,
                  prefix + "program output enabled but no program in configuration block");
        EXPECT_EQ(error("http_output:\n  enabled: true\n", {}, p).first,
                  prefix + "http output enabled but no url in configuration block");
    }
}

// docs/spec/legacy.md#error.config.no_output: the no-output message with its concatenation bug.
TEST_F(config_loader_test, no_output_enabled_is_an_error_legacy) {
    EXPECT_EQ(error("log_level: info\n", {}, profile_id::legacy).first,
              "Error reading config file (" + path() +
                  "): No outputs configured. Please configure at least one output file output "
                  "enabled but no filename in configuration block");
}

// docs/spec/0.44.md#config.priority (parse_priority: full names and "info") vs
// docs/spec/legacy.md#config.priority ("info" rejected).
TEST_F(config_loader_test, priority_filter_parsing_per_profile) {
    const std::string out = "stdout_output: {enabled: true}\n";
    EXPECT_EQ(load(out + "priority: info\n").cfg.min_priority, priority::informational);
    EXPECT_EQ(load(out + "priority: WARNING\n").cfg.min_priority, priority::warning);
    EXPECT_EQ(load(out + "priority: Warning\n", {}, profile_id::legacy).cfg.min_priority,
              priority::warning);
    const std::string message =
        "Unknown priority \"info\"--must be one of emergency, alert, critical, error, warning, "
        "notice, informational, debug";
    EXPECT_EQ(error(out + "priority: info\n", {}, profile_id::legacy).first, message);
    EXPECT_EQ(error(out + "priority: warn\n").first,
              "Unknown priority \"warn\"--must be one of emergency, alert, critical, error, "
              "warning, notice, informational, debug");
}

// docs/spec/common.md#error.config.log_level: `Unknown log level <x>`.
TEST_F(config_loader_test, unknown_log_level) {
    EXPECT_EQ(error("stdout_output: {enabled: true}\nlog_level: loud\n").first,
              "Unknown log level loud");
}

// docs/spec/0.44.md#error.config.yaml: a YAML syntax error prints the yaml-cpp message, then
// "std::exception".
TEST_F(config_loader_test, yaml_syntax_error_names_the_file) {
    const auto [what, raw] = error("stdout_output: [unclosed\n");
    EXPECT_EQ(what, "std::exception");
    EXPECT_EQ(raw.rfind("Cannot read config file (" + path() + "): ", 0), 0u) << raw;
    EXPECT_EQ(raw.back(), '\n');
}

// docs/spec/0.44.md#config.o.split, docs/spec/0.44.md#config.o.value,
// docs/spec/common.md#config.o.order, docs/spec/0.44.md#config.env.scope: split at the first '=',
// `{..}` is a flow map, anything else a string scalar; command-line order, last wins; no ${VAR}
// expansion in -o values.
TEST_F(config_loader_test, command_line_options_044) {
    const auto cfg =
        load("stdout_output: {enabled: false}\n",
             {"stdout_output={enabled: true}", "file_output.enabled=true",
              "file_output.filename=a=b", "file_output.filename=[x,y]", "json_output=yes",
              "program_output.enabled=true", "program_output.program=echo ${HOME}"})
            .cfg;
    EXPECT_TRUE(cfg.stdout_output.enabled);
    EXPECT_TRUE(cfg.file_output.enabled);
    EXPECT_EQ(cfg.file_output.filename, "[x,y]");
    EXPECT_TRUE(cfg.json_output);
    EXPECT_EQ(cfg.program_output.program, "echo ${HOME}");
}

// docs/spec/0.44.md#config.o.split, docs/spec/0.44.md#config.o.path.errors: bad -o.
TEST_F(config_loader_test, command_line_option_errors) {
    const std::string yaml = "stdout_output: {enabled: true}\n";
    const std::string message =
        "Error parsing config option \"json_output\". Must be of the form key=val or "
        "key.subkey=val";
    EXPECT_EQ(error(yaml, {"json_output"}).first, message);
    EXPECT_EQ(error(yaml, {"json_output"}, profile_id::legacy).first, message);
    EXPECT_EQ(error(yaml, {"a..b=1"}).first,
              "Config error at key \"a..b\": Parsing error: unexpected character at pos 2");
}

// docs/spec/0.38.md#config.o.split: every -o argument is split at its commas first, each piece
// an option of its own in command-line order; an empty piece is an empty option, a trailing
// comma adds nothing. docs/spec/0.38.md#config.o.value: a value is never YAML, `[x` and `{..}`
// are strings.
TEST_F(config_loader_test, command_line_options_038_split_at_commas) {
    const auto cfg = load("stdout_output: {enabled: false}\n",
                          {"json_output=true,stdout_output.enabled=true,",
                           "file_output.enabled=true,file_output.filename=a=b",
                           "json_include_output_property=false,json_include_output_property=true"},
                          profile_id::v0_38)
                         .cfg;
    EXPECT_TRUE(cfg.json_output);
    EXPECT_TRUE(cfg.stdout_output.enabled);
    EXPECT_TRUE(cfg.file_output.enabled);
    EXPECT_EQ(cfg.file_output.filename, "a=b");
    EXPECT_TRUE(cfg.json_include_output_property);  // the later piece wins
    // 0.39-0.40 take the argument whole: the value keeps its comma.
    const auto whole =
        load("stdout_output: {enabled: true}\n",
             {"file_output.enabled=true", "file_output.filename=a,b=c"}, profile_id::v0_39_to_0_40)
            .cfg;
    EXPECT_EQ(whole.file_output.filename, "a,b=c");
}

TEST_F(config_loader_test, command_line_option_errors_038_name_the_first_bad_piece) {
    const std::string yaml = "stdout_output: {enabled: true}\n";
    auto message = [](const std::string& opt) {
        return "Error parsing config option \"" + opt +
               "\". Must be of the form key=val or key.subkey=val";
    };
    EXPECT_EQ(error(yaml, {"program_output.program=a,b"}, profile_id::v0_38).first, message("b"));
    EXPECT_EQ(error(yaml, {"json_output=true,,x"}, profile_id::v0_38).first, message(""));
    EXPECT_EQ(error(yaml, {",json_output=true"}, profile_id::v0_38).first, message(""));
    EXPECT_EQ(error(yaml, {""}, profile_id::v0_38).first, message(""));
    EXPECT_EQ(error(yaml, {"json_output=true", "a,b=1"}, profile_id::v0_38).first, message("a"));
    EXPECT_EQ(error(yaml, {"program_output.program=a,b"}, profile_id::v0_39_to_0_40).first,
              "<no error>");
}

// docs/spec/0.38.md#config.o.value: `{...}` is stored as a string scalar, so a later read below
// it goes through a scalar (docs/spec/0.44.md#config.o.path.scalar); 0.39-0.40 read it as a
// flow map.
TEST_F(config_loader_test, command_line_option_value_never_yaml_038) {
    const std::string yaml = "stdout_output: {enabled: false}\n";
    const std::string what =
        error(yaml, {"stdout_output={enabled: true}"}, profile_id::v0_38).first;
    EXPECT_EQ(what.rfind("Config error at key \"stdout_output.enabled\": ", 0), 0u) << what;
    EXPECT_NE(what.find("operator[] call on a scalar (key: \"enabled\")"), std::string::npos)
        << what;
    EXPECT_TRUE(load(yaml, {"stdout_output={enabled: true}"}, profile_id::v0_39_to_0_40)
                    .cfg.stdout_output.enabled);
    EXPECT_EQ(load("stdout_output: {enabled: true}\nfile_output: {enabled: true}\n",
                   {"file_output.filename={enabled: [}"}, profile_id::v0_38)
                  .cfg.file_output.filename,
              "{enabled: [}");
}

// docs/spec/0.38.md#json.include.message: the key does not exist in 0.38, so it is not read;
// docs/spec/0.39-0.40.md#json.include.output_fields: nor is json_include_output_fields_property.
TEST_F(config_loader_test, message_and_output_fields_options_do_not_exist_in_038) {
    const std::string yaml =
        "stdout_output: {enabled: true}\njson_include_message_property: true\n"
        "json_include_output_fields_property: false\n";
    const config cfg = load(yaml, {}, profile_id::v0_38).cfg;
    EXPECT_FALSE(cfg.json_include_message_property);
    EXPECT_TRUE(cfg.json_include_output_fields_property);
    EXPECT_TRUE(load(yaml, {}, profile_id::v0_39_to_0_40).cfg.json_include_message_property);
}

// docs/spec/legacy.md#config.o.path: key=val or key.subkey=val, split at the first '.'.
TEST_F(config_loader_test, command_line_options_legacy) {
    const auto cfg = load("stdout_output: {enabled: false}\n",
                          {"stdout_output.enabled=true", "json_output=true"}, profile_id::legacy)
                         .cfg;
    EXPECT_TRUE(cfg.stdout_output.enabled);
    EXPECT_TRUE(cfg.json_output);
}

// A scalar document: 0.44 fails at its first lookup, `config_files`
// (configuration.cpp:141-173); legacy at the -o assignment (configuration.h:126-134). The
// yaml-cpp wording after the key is not pinned (golden 0.44/badinput/config_scalar_document).
TEST_F(config_loader_test, scalar_document_fails_at_the_first_key_walk) {
    const std::string what = error("just a scalar\n").first;
    EXPECT_EQ(what.rfind("Config error at key \"config_files\": ", 0), 0u) << what;
    EXPECT_NE(what.find("operator[] call on a scalar"), std::string::npos) << what;
    // legacy: yaml-cpp 0.6.2's BadSubscript names neither position nor key
    // (docs/spec/legacy.md#error.config.scalar_document, docs/spec/legacy.md#config.o.path.scalar).
    EXPECT_EQ(error("just a scalar\n", {"stdout_output.enabled=true"}, profile_id::legacy).first,
              "operator[] call on a scalar");
    EXPECT_EQ(error("just a scalar\n", {}, profile_id::legacy).first,
              "operator[] call on a scalar");
    EXPECT_EQ(error("stdout_output: text\n", {}, profile_id::legacy).first,
              "operator[] call on a scalar");
}

// docs/spec/0.44.md#config.env.expand: expanded in file values (0.44 only;
// docs/spec/legacy.md#config.env.expand: none).
TEST_F(config_loader_test, env_vars_in_file_values) {
    ::setenv("FALCO_REF_TEST_FILE", "from-env.txt", 1);
    const std::string yaml =
        "file_output:\n  enabled: true\n  filename: ./${FALCO_REF_TEST_FILE}\n";
    EXPECT_EQ(load(yaml).cfg.file_output.filename, "./from-env.txt");
    EXPECT_EQ(load(yaml, {}, profile_id::legacy).cfg.file_output.filename,
              "./${FALCO_REF_TEST_FILE}");
    ::unsetenv("FALCO_REF_TEST_FILE");
}

// docs/spec/0.44.md#json.hostname: used even when empty.
TEST_F(config_loader_test, falco_hostname_even_empty_wins) {
    ::setenv("FALCO_HOSTNAME", "", 1);
    const config cfg = load("stdout_output: {enabled: true}\n").cfg;
    EXPECT_TRUE(cfg.hostname_from_env);
    EXPECT_EQ(cfg.hostname, "");
    ::unsetenv("FALCO_HOSTNAME");
    const config other = load("stdout_output: {enabled: true}\n").cfg;
    EXPECT_FALSE(other.hostname_from_env);
    EXPECT_FALSE(other.hostname.empty());
}

// docs/spec/0.41-0.43.md#config.buffered.yaml: before 0.44.0 the YAML value is overwritten once
// the configuration is loaded: buffered unless -U (falco@0.43.1:userspace/falco/app/actions/
// load_config.cpp:73).
TEST_F(config_loader_test, yaml_buffered_outputs_ignored_before_0_44) {
    for (const profile_id id : {profile_id::v0_41_to_0_43, profile_id::v0_39_to_0_40}) {
        for (const char* value : {"false", "true", "maybe"}) {
            const std::string yaml =
                std::string("stdout_output: {enabled: true}\nbuffered_outputs: ") + value + "\n";
            EXPECT_TRUE(load(yaml, {}, id).cfg.buffered_outputs) << value;
            EXPECT_FALSE(load(yaml, {}, id, true).cfg.buffered_outputs) << value;
        }
        EXPECT_TRUE(load("stdout_output: {enabled: true}\n", {}, id).cfg.buffered_outputs);
        EXPECT_TRUE(load("stdout_output: {enabled: true}\n", {"buffered_outputs=false"}, id)
                        .cfg.buffered_outputs);
    }
    EXPECT_FALSE(
        load("stdout_output: {enabled: true}\nbuffered_outputs: false\n").cfg.buffered_outputs);
}

// docs/spec/0.39-0.40.md#json.include.output_fields: the key exists since 0.41.0
// (falco@0.43.1:userspace/falco/configuration.cpp:362-363).
TEST_F(config_loader_test, output_fields_option_read_since_0_41) {
    const std::string yaml =
        "stdout_output: {enabled: true}\njson_include_output_fields_property: false\n";
    EXPECT_FALSE(load(yaml, {}, profile_id::v0_44).cfg.json_include_output_fields_property);
    EXPECT_FALSE(load(yaml, {}, profile_id::v0_41_to_0_43).cfg.json_include_output_fields_property);
    EXPECT_TRUE(load(yaml, {}, profile_id::v0_39_to_0_40).cfg.json_include_output_fields_property);
}

// docs/spec/0.39-0.40.md#http.options: max_consecutive_timeouts is read since 0.41.0.
TEST_F(config_loader_test, max_consecutive_timeouts_read_since_0_41) {
    const std::string yaml =
        "http_output:\n  enabled: true\n  url: http://127.0.0.1:1/\n"
        "  max_consecutive_timeouts: 9\n";
    EXPECT_EQ(load(yaml, {}, profile_id::v0_41_to_0_43).cfg.http_output.max_consecutive_timeouts,
              9);
    EXPECT_EQ(load(yaml, {}, profile_id::v0_39_to_0_40).cfg.http_output.max_consecutive_timeouts,
              5);
}

// docs/spec/0.41-0.43.md#config.o.path: no escapes before 0.44.0, a backslash is part of the
// name; 0.44 rejects the unknown escape.
TEST_F(config_loader_test, o_key_backslash_is_an_ordinary_character_before_0_44) {
    const std::string yaml = "stdout_output: {enabled: true}\n";
    for (const profile_id id : {profile_id::v0_41_to_0_43, profile_id::v0_39_to_0_40}) {
        EXPECT_TRUE(load(yaml, {"stdout_output\\x.enabled=false"}, id).cfg.stdout_output.enabled);
        // `json\.output` names the key `json\` and its child `output`, not json_output.
        EXPECT_FALSE(load(yaml, {"json\\.output=true"}, id).cfg.json_output);
    }
    EXPECT_EQ(error(yaml, {"stdout_output\\x.enabled=true"}).first,
              "Config error at key \"stdout_output\\x.enabled\": Parsing error: invalid "
              "escape sequence '\\x' at pos 13");
}

// docs/spec/0.39-0.40.md#error.config.order: 0.39-0.40 apply -o before looking up config_files,
// so on a scalar document the -o key fails first (falco@0.40.0:userspace/falco/
// configuration.cpp:126-141); later profiles report the config_files lookup.
TEST_F(config_loader_test, o_before_config_files_in_0_39_to_0_40) {
    const std::string early = error("just a scalar\n", {"a..b=1"}, profile_id::v0_39_to_0_40).first;
    EXPECT_EQ(early.rfind("Config error at key \"a..b\": ", 0), 0u) << early;
    EXPECT_NE(early.find("operator[] call on a scalar (key: \"a\")"), std::string::npos) << early;
    for (const profile_id id : {profile_id::v0_41_to_0_43, profile_id::v0_44}) {
        const std::string later = error("just a scalar\n", {"a..b=1"}, id).first;
        EXPECT_EQ(later.rfind("Config error at key \"config_files\": ", 0), 0u) << later;
    }
}

// docs/spec/0.41-0.43.md#json.hostname: FALCO_GRPC_HOSTNAME when FALCO_HOSTNAME is not set
// (falco@0.43.1:userspace/falco/app/actions/init_outputs.cpp:37-41); 0.44 reads only the first.
TEST_F(config_loader_test, grpc_hostname_is_the_fallback_before_0_44) {
    ::unsetenv("FALCO_HOSTNAME");
    ::setenv("FALCO_GRPC_HOSTNAME", "grpc-host", 1);
    const std::string yaml = "stdout_output: {enabled: true}\n";
    for (const profile_id id : {profile_id::v0_41_to_0_43, profile_id::v0_39_to_0_40}) {
        const config cfg = load(yaml, {}, id).cfg;
        EXPECT_EQ(cfg.hostname, "grpc-host");
        EXPECT_TRUE(cfg.hostname_from_env);
    }
    const config modern = load(yaml, {}, profile_id::v0_44).cfg;
    EXPECT_NE(modern.hostname, "grpc-host");
    EXPECT_FALSE(modern.hostname_from_env);
    ::setenv("FALCO_HOSTNAME", "first", 1);
    EXPECT_EQ(load(yaml, {}, profile_id::v0_41_to_0_43).cfg.hostname, "first");
    ::unsetenv("FALCO_HOSTNAME");
    ::unsetenv("FALCO_GRPC_HOSTNAME");
}

// docs/spec/0.36.md#config.types: a value that does not convert ends the run with yaml-cpp's
// `bad conversion` at the value's position (line and column from 1); 0.38 takes the default.
TEST_F(config_loader_test, wrong_types_are_fatal_with_their_position_036) {
    EXPECT_EQ(
        error("json_output: maybe\nstdout_output: {enabled: true}\n", {}, profile_id::v0_36).first,
        "yaml-cpp: error at line 1, column 14: bad conversion");
    EXPECT_FALSE(load("json_output: maybe\nstdout_output: {enabled: true}\n", {}, profile_id::v0_38)
                     .cfg.json_output);
    EXPECT_EQ(error("stdout_output: {enabled: true}\noutput_timeout: soon\n", {}, profile_id::v0_36)
                  .first,
              "yaml-cpp: error at line 2, column 17: bad conversion");
    EXPECT_EQ(
        error("stdout_output: {enabled: true}\npriority: [warning]\n", {}, profile_id::v0_36).first,
        "yaml-cpp: error at line 2, column 11: bad conversion");
    // A value -o created has no position.
    EXPECT_EQ(
        error("stdout_output: {enabled: true}\n", {"outputs.rate=fast"}, profile_id::v0_36).first,
        "bad conversion");
    // Hexadecimal and octal integers convert.
    const config cfg = load(
                           "stdout_output: {enabled: true}\noutput_timeout: 0x10\n"
                           "outputs_queue: {capacity: 010}\n",
                           {}, profile_id::v0_36)
                           .cfg;
    EXPECT_EQ(cfg.output_timeout_ms, 16u);
    EXPECT_EQ(cfg.outputs_queue_capacity, 8u);
}

// docs/spec/0.36.md#config.null: a null is no string, whatever the key's type.
TEST_F(config_loader_test, null_values_are_fatal_036) {
    const std::string what =
        error("file_output:\n  enabled: true\n  filename:\n", {}, profile_id::v0_36).first;
    EXPECT_EQ(what.rfind("yaml-cpp: error at line ", 0), 0u) << what;
    EXPECT_NE(what.find(": bad conversion"), std::string::npos) << what;
    EXPECT_EQ(error("stdout_output: {enabled: ~}\n", {}, profile_id::v0_36).first,
              "yaml-cpp: error at line 1, column 26: bad conversion");
}

// docs/spec/0.36.md#error.config.order: the output blocks, the gRPC keys and rules_file are
// read before log_level, so their errors come first; 0.38 reads log_level first.
TEST_F(config_loader_test, log_level_is_read_after_the_outputs_036) {
    const std::string yaml = "log_level: verbose\nfile_output: {enabled: true}\n";
    EXPECT_EQ(error(yaml, {}, profile_id::v0_36).first,
              "Error reading config file (" + path() +
                  "): file output enabled but no filename in configuration block");
    EXPECT_EQ(error(yaml, {}, profile_id::v0_38).first, "Unknown log level verbose");
    EXPECT_EQ(error("log_level: verbose\nstdout_output: {enabled: true}\ngrpc: {enabled: maybe}\n",
                    {}, profile_id::v0_36)
                  .first,
              "yaml-cpp: error at line 3, column 17: bad conversion");
    EXPECT_EQ(error("rules_file: [{a: 1}]\njson_output: maybe\n", {}, profile_id::v0_36).first,
              "yaml-cpp: error at line 1, column 14: bad conversion");
    EXPECT_EQ(
        error("log_level: verbose\nstdout_output: {enabled: true}\n", {}, profile_id::v0_36).first,
        "Unknown log level verbose");
}

// docs/spec/0.36.md#error.config.scalar_document, docs/spec/0.36.md#config.o.path.scalar:
// rules_file is the first lookup, -o comes before it, and yaml-cpp 0.6.2's message is bare.
TEST_F(config_loader_test, scalar_document_and_paths_through_scalars_036) {
    EXPECT_EQ(error("just a scalar\n", {}, profile_id::v0_36).first,
              "Config error at key \"rules_file\": operator[] call on a scalar");
    EXPECT_EQ(error("just a scalar\n", {"a..b=1"}, profile_id::v0_36).first,
              "Config error at key \"a..b\": operator[] call on a scalar");
    EXPECT_EQ(error("json_output: false\nstdout_output: {enabled: true}\n", {"json_output.x=1"},
                    profile_id::v0_36)
                  .first,
              "Config error at key \"json_output.x\": operator[] call on a scalar");
    // docs/spec/0.36.md#config.o.value: a value replacing a map fails the later read below it.
    EXPECT_EQ(error("stdout_output: {enabled: false}\n", {"stdout_output={enabled: [}"},
                    profile_id::v0_36)
                  .first,
              "Config error at key \"stdout_output.enabled\": operator[] call on a scalar");
}

// docs/spec/0.37.md#error.config.scalar_document, docs/spec/0.37.md#error.config.order: 0.37
// reads engine.kind before any other key and has no config_files; -o comes before it, with
// yaml-cpp 0.7.0's position and key; `[x]` is std::stoi's error, as in 0.36.
TEST_F(config_loader_test, scalar_document_engine_kind_first_037) {
    const std::string what = error("just a scalar\n", {}, profile_id::v0_37).first;
    EXPECT_EQ(what.rfind("Config error at key \"engine.kind\": ", 0), 0u) << what;
    EXPECT_NE(what.find("operator[] call on a scalar (key: \"engine\")"), std::string::npos)
        << what;
    const std::string early = error("just a scalar\n", {"a..b=1"}, profile_id::v0_37).first;
    EXPECT_EQ(early.rfind("Config error at key \"a..b\": ", 0), 0u) << early;
    EXPECT_NE(early.find("operator[] call on a scalar (key: \"a\")"), std::string::npos) << early;
    EXPECT_EQ(
        error("stdout_output: {enabled: true}\n", {"file_output[x]=1"}, profile_id::v0_37).first,
        "Config error at key \"file_output[x]\": stoi");
    EXPECT_EQ(
        error("log_level: verbose\nfile_output: {enabled: true}\n", {}, profile_id::v0_37).first,
        "Error reading config file (" + path() +
            "): file output enabled but no filename in configuration block");
}

// docs/spec/0.36.md#config.o.path.errors, docs/spec/0.36.md#config.o.path.unclosed: no `[]`,
// and an index std::stoi rejects is its own `stoi`; 0.38 appends.
TEST_F(config_loader_test, o_index_errors_are_stoi_036) {
    const std::string yaml = "stdout_output: {enabled: true}\n";
    for (const char* key :
         {"newlist[]", "file_output[x]", "stdout_output[", "stdout_output[x", "a[99999999999]"}) {
        EXPECT_EQ(error(yaml, {std::string(key) + "=1"}, profile_id::v0_36).first,
                  "Config error at key \"" + std::string(key) + "\": stoi")
            << key;
    }
    EXPECT_NO_THROW(load(yaml, {"newlist[]=1"}, profile_id::v0_38));
    const std::string unclosed = error(yaml, {"stdout_output[1=1"}, profile_id::v0_36).first;
    EXPECT_EQ(unclosed.rfind("Config error at key \"stdout_output[1\": Parsing error: ", 0), 0u)
        << unclosed;
}

// docs/spec/0.36.md#config.env.expand, docs/spec/0.36.md#config.env.scope: a whole `${NAME}`
// when the key is read, -o values included; never inside a longer value.
TEST_F(config_loader_test, env_vars_only_as_whole_values_when_read_036) {
    ::setenv("FALCO_REF_TEST_FILE", "from-env.txt more", 1);
    const std::string yaml = "file_output:\n  enabled: true\n  filename: ${FALCO_REF_TEST_FILE}\n";
    EXPECT_EQ(load(yaml, {}, profile_id::v0_36).cfg.file_output.filename, "from-env.txt");
    EXPECT_EQ(load("file_output:\n  enabled: true\n  filename: ./e-${FALCO_REF_TEST_FILE}.txt\n",
                   {}, profile_id::v0_36)
                  .cfg.file_output.filename,
              "./e-${FALCO_REF_TEST_FILE}.txt");
    EXPECT_EQ(load("file_output: {enabled: true}\n",
                   {"file_output.filename=${FALCO_REF_TEST_FILE}"}, profile_id::v0_36)
                  .cfg.file_output.filename,
              "from-env.txt");
    EXPECT_EQ(load("file_output: {enabled: true}\n",
                   {"file_output.filename=${FALCO_REF_TEST_FILE}"}, profile_id::v0_38)
                  .cfg.file_output.filename,
              "${FALCO_REF_TEST_FILE}");
    // An unset variable is the key's default; a boolean reads only 1 or 0.
    ::unsetenv("FALCO_REF_TEST_FILE");
    EXPECT_EQ(error(yaml, {}, profile_id::v0_36).first,
              "Error reading config file (" + path() +
                  "): file output enabled but no filename in configuration block");
    ::setenv("FALCO_REF_TEST_BOOL", "1", 1);
    const std::string from_env = "stdout_output:\n  enabled: ${FALCO_REF_TEST_BOOL}\n";
    EXPECT_TRUE(load(from_env, {}, profile_id::v0_36).cfg.stdout_output.enabled);
    ::setenv("FALCO_REF_TEST_BOOL", "true", 1);
    EXPECT_FALSE(load(from_env, {}, profile_id::v0_36).cfg.stdout_output.enabled);
    ::unsetenv("FALCO_REF_TEST_BOOL");
    // docs/spec/0.36.md#config.env.escape.
    EXPECT_EQ(load("file_output:\n  enabled: true\n  filename: $${X}\n", {}, profile_id::v0_36)
                  .cfg.file_output.filename,
              "${X}");
}

// docs/spec/0.36.md#http.options: compress_uploads and keep_alive are not read.
TEST_F(config_loader_test, http_compress_and_keep_alive_not_read_036) {
    const std::string yaml =
        "http_output: {enabled: true, url: 'http://x/', compress_uploads: true, keep_alive: "
        "true}\n";
    const config cfg036 = load(yaml, {}, profile_id::v0_36).cfg;
    EXPECT_FALSE(cfg036.http_output.compress_uploads);
    EXPECT_FALSE(cfg036.http_output.keep_alive);
    const config cfg038 = load(yaml, {}, profile_id::v0_38).cfg;
    EXPECT_TRUE(cfg038.http_output.compress_uploads);
    EXPECT_TRUE(cfg038.http_output.keep_alive);
}

// docs/spec/0.36.md#ratelimit.bucket: outputs.rate defaults to 0, max_burst to 1000; 0.38
// reads neither.
TEST_F(config_loader_test, rate_limiter_keys_036) {
    const std::string on = "stdout_output: {enabled: true}\n";
    const config defaults = load(on, {}, profile_id::v0_36).cfg;
    EXPECT_EQ(defaults.outputs_rate, 0u);
    EXPECT_EQ(defaults.outputs_max_burst, 1000u);
    const config set = load(on + "outputs: {rate: 2, max_burst: 5}\n", {}, profile_id::v0_36).cfg;
    EXPECT_EQ(set.outputs_rate, 2u);
    EXPECT_EQ(set.outputs_max_burst, 5u);
    // yaml-cpp 0.6.2 reads a negative number into an unsigned type by wrapping it.
    EXPECT_EQ(load(on + "outputs: {rate: -1}\n", {}, profile_id::v0_36).cfg.outputs_rate,
              4294967295u);
    EXPECT_EQ(error(on + "outputs: {rate: 1.5}\n", {}, profile_id::v0_36).first,
              "yaml-cpp: error at line 2, column 17: bad conversion");
}

// docs/spec/0.36.md#config.env.scope: there is no config_files key to look up.
TEST_F(config_loader_test, no_config_files_key_036) {
    const std::string yaml = "stdout_output: {enabled: true}\nconfig_files: [other.yaml]\n";
    EXPECT_FALSE(has_warning_about(load(yaml, {}, profile_id::v0_36), "config_files"));
    EXPECT_TRUE(has_warning_about(load(yaml, {}, profile_id::v0_38), "config_files"));
}

// docs/spec/0.35.md#config.env.expand, docs/spec/0.35.md#config.env.escape,
// docs/spec/0.35.md#config.env.scope: nothing is expanded, in the file or in -o values; `${VAR}`
// for a boolean key is no boolean.
TEST_F(config_loader_test, no_env_expansion_035) {
    ::setenv("FALCO_REF_TEST_FILE", "from-env.txt", 1);
    const std::string yaml = "file_output:\n  enabled: true\n  filename: ${FALCO_REF_TEST_FILE}\n";
    EXPECT_EQ(load(yaml, {}, profile_id::v0_35).cfg.file_output.filename, "${FALCO_REF_TEST_FILE}");
    EXPECT_EQ(load("file_output: {enabled: true}\n",
                   {"file_output.filename=${FALCO_REF_TEST_FILE}"}, profile_id::v0_35)
                  .cfg.file_output.filename,
              "${FALCO_REF_TEST_FILE}");
    EXPECT_EQ(load("file_output:\n  enabled: true\n  filename: $${X}\n", {}, profile_id::v0_35)
                  .cfg.file_output.filename,
              "$${X}");
    ::unsetenv("FALCO_REF_TEST_FILE");
    ::setenv("FALCO_REF_TEST_BOOL", "1", 1);
    EXPECT_EQ(
        error("stdout_output:\n  enabled: ${FALCO_REF_TEST_BOOL}\n", {}, profile_id::v0_35).first,
        "yaml-cpp: error at line 2, column 12: bad conversion");
    ::unsetenv("FALCO_REF_TEST_BOOL");
}

// docs/spec/0.35.md#config.types: 0.36's fatal conversions, with the value's position.
TEST_F(config_loader_test, wrong_types_are_fatal_with_their_position_035) {
    EXPECT_EQ(
        error("json_output: maybe\nstdout_output: {enabled: true}\n", {}, profile_id::v0_35).first,
        "yaml-cpp: error at line 1, column 14: bad conversion");
    EXPECT_EQ(load("stdout_output: {enabled: true}\noutput_timeout: 0x10\n", {}, profile_id::v0_35)
                  .cfg.output_timeout_ms,
              16u);
}

// docs/spec/0.35.md#error.config.order: no rule_matching and no outputs_queue.capacity are read,
// and log_stderr and log_syslog come last, after time_format_iso_8601.
TEST_F(config_loader_test, key_order_without_0_36_keys_035) {
    const std::string on = "stdout_output: {enabled: true}\n";
    EXPECT_NO_THROW(load(on + "rule_matching: sometimes\n", {}, profile_id::v0_35));
    EXPECT_EQ(error(on + "rule_matching: sometimes\n", {}, profile_id::v0_36).first,
              "Unknown rule matching strategy \"sometimes\"--must be one of first, all");
    EXPECT_EQ(load(on + "outputs_queue: {capacity: 3}\n", {}, profile_id::v0_35)
                  .cfg.outputs_queue_capacity,
              0u);
    EXPECT_EQ(load(on + "outputs_queue: {capacity: 3}\n", {}, profile_id::v0_36)
                  .cfg.outputs_queue_capacity,
              3u);
    const std::string sinks_first = on + "log_stderr: maybe\ntime_format_iso_8601: maybe\n";
    EXPECT_EQ(error(sinks_first, {}, profile_id::v0_35).first,
              "yaml-cpp: error at line 3, column 23: bad conversion");
    EXPECT_EQ(error(sinks_first, {}, profile_id::v0_36).first,
              "yaml-cpp: error at line 2, column 13: bad conversion");
    const std::string priority_then_sink = on + "log_syslog: maybe\npriority: loud\n";
    EXPECT_EQ(error(priority_then_sink, {}, profile_id::v0_35).first,
              "Unknown priority \"loud\"--must be one of emergency, alert, critical, error, "
              "warning, notice, informational, debug");
    EXPECT_EQ(error(priority_then_sink, {}, profile_id::v0_36).first,
              "yaml-cpp: error at line 2, column 13: bad conversion");
}

// docs/spec/0.35.md#http.options: echo, mtls, client_cert and client_key are not read, so a
// wrong type there is no error either.
TEST_F(config_loader_test, http_echo_and_mtls_not_read_035) {
    const std::string yaml =
        "http_output: {enabled: true, url: 'http://x/', echo: true, mtls: true, client_cert: c, "
        "client_key: k}\n";
    const config cfg035 = load(yaml, {}, profile_id::v0_35).cfg;
    EXPECT_FALSE(cfg035.http_output.echo);
    EXPECT_FALSE(cfg035.http_output.mtls);
    EXPECT_NE(cfg035.http_output.client_cert, "c");
    const config cfg036 = load(yaml, {}, profile_id::v0_36).cfg;
    EXPECT_TRUE(cfg036.http_output.echo);
    EXPECT_TRUE(cfg036.http_output.mtls);
    EXPECT_EQ(cfg036.http_output.client_key, "k");
    EXPECT_NO_THROW(
        load("http_output: {enabled: true, url: 'http://x/', echo: [x]}\n", {}, profile_id::v0_35));
}

// docs/spec/0.34.md#http.options: the http block reads url and user_agent only, so TLS keys of
// any type are accepted and none of them is kept; 0.35 reads insecure as a boolean.
TEST_F(config_loader_test, http_reads_only_url_and_user_agent_034) {
    const std::string yaml =
        "http_output:\n"
        "  enabled: true\n"
        "  url: 'http://x/'\n"
        "  user_agent: agent/1\n"
        "  insecure: maybe\n"
        "  ca_cert: [a, b]\n"
        "  ca_path: /tmp\n";
    const config cfg = load(yaml, {}, profile_id::v0_34).cfg;
    EXPECT_EQ(cfg.http_output.url, "http://x/");
    EXPECT_EQ(cfg.http_output.user_agent, "agent/1");
    EXPECT_FALSE(cfg.http_output.insecure);
    EXPECT_EQ(cfg.http_output.ca_cert, "");
    EXPECT_EQ(cfg.http_output.ca_path, "/etc/ssl/certs");
    EXPECT_EQ(error(yaml, {}, profile_id::v0_35).first,
              "yaml-cpp: error at line 5, column 13: bad conversion");
    // user_agent is still read with 0.35's conversion rules.
    EXPECT_EQ(error("http_output: {enabled: true, url: 'http://x/', user_agent: [a]}\n", {},
                    profile_id::v0_34)
                  .first,
              "yaml-cpp: error at line 1, column 60: bad conversion");
}

// The -c file is opened before anything is read: Falco's words for one that cannot be opened.
TEST(config_file, a_config_file_that_cannot_be_opened_is_named) {
    try {
        require_config_file("/nonexistent/falco.yaml");
        ADD_FAILURE() << "no exception";
    } catch (const config_error& e) {
        EXPECT_STREQ(e.what(), "Could not find configuration file at /nonexistent/falco.yaml");
    }
}

}  // namespace
}  // namespace falco_ref
