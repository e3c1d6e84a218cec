// SPDX-License-Identifier: Apache-2.0
// The profile names and the Falco releases each stands for (docs/spec/README.md, "Profiles").
#include "falco_ref/profile.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace falco_ref {
namespace {

TEST(profile_names, every_name_minor_and_release_maps_to_its_profile) {
    const std::pair<const char*, profile_id> cases[] = {
        {"0.44", profile_id::v0_44},
        {"0.44.0", profile_id::v0_44},
        {"0.44.1", profile_id::v0_44},
        {"0.41-0.43", profile_id::v0_41_to_0_43},
        {"0.41", profile_id::v0_41_to_0_43},
        {"0.41.3", profile_id::v0_41_to_0_43},
        {"0.42", profile_id::v0_41_to_0_43},
        {"0.42.1", profile_id::v0_41_to_0_43},
        {"0.43", profile_id::v0_41_to_0_43},
        {"0.43.0", profile_id::v0_41_to_0_43},
        {"0.39-0.40", profile_id::v0_39_to_0_40},
        {"0.39", profile_id::v0_39_to_0_40},
        {"0.39.0", profile_id::v0_39_to_0_40},
        {"0.39.2", profile_id::v0_39_to_0_40},
        {"0.40", profile_id::v0_39_to_0_40},
        {"0.40.0", profile_id::v0_39_to_0_40},
        {"0.41.9", profile_id::v0_41_to_0_43},  // a minor's every patch, as the harness maps it
        {"0.38", profile_id::v0_38},
        {"0.38.0", profile_id::v0_38},
        {"0.38.1", profile_id::v0_38},
        {"0.38.2", profile_id::v0_38},
        {"0.37", profile_id::v0_37},
        {"0.37.0", profile_id::v0_37},
        {"0.37.1", profile_id::v0_37},
        {"0.36", profile_id::v0_36},
        {"0.36.1", profile_id::v0_36},
        {"0.36.2", profile_id::v0_36},
        {"0.36.3", profile_id::v0_36},
        {"0.35", profile_id::v0_35},
        {"0.35.0", profile_id::v0_35},
        {"0.35.1", profile_id::v0_35},
        {"0.34", profile_id::v0_34},
        {"0.34.0", profile_id::v0_34},
        {"0.34.1", profile_id::v0_34},
        {"0.33", profile_id::v0_33},
        {"0.33.0", profile_id::v0_33},
        {"0.33.1", profile_id::v0_33},
        {"legacy", profile_id::legacy},
        {"0.15", profile_id::legacy},
        {"0.15.3", profile_id::legacy},
    };
    for (const auto& [name, id] : cases) {
        const auto parsed = parse_profile_id(name);
        ASSERT_TRUE(parsed.has_value()) << name;
        EXPECT_EQ(*parsed, id) << name;
    }
}

TEST(profile_names, releases_outside_the_ranges_are_unknown) {
    for (const char* name :
         {"",       "0",    "0.",       "0.37-0.38", "0.37.x",    "0.36.0",    "0.32",
          "0.32.1", "0.45", "0.16",     "0.41-0.42", "44",        "0.4",       "0.42.",
          "0.42.x", "1.42", "0.42.1.1", "latest",    "0.38-0.40", "0.35-0.36", "0.34-0.35"}) {
        EXPECT_FALSE(parse_profile_id(name).has_value()) << name;
    }
}

TEST(profile_names, the_description_lists_every_profile_with_its_releases) {
    EXPECT_EQ(describe_profile_ranges(),
              "  legacy      Falco 0.15.x, as the \"Falco Alerts\" documentation page of that era "
              "says (0.15)\n"
              "  0.33        Falco 0.33.0 and 0.33.1 (0.33)\n"
              "  0.34        Falco 0.34.0 and 0.34.1 (0.34)\n"
              "  0.35        Falco 0.35.0 and 0.35.1 (0.35)\n"
              "  0.36        Falco 0.36.1 and 0.36.2 (0.36 from 0.36.1)\n"
              "  0.37        Falco 0.37.0 and 0.37.1 (0.37)\n"
              "  0.38        Falco 0.38.0 to 0.38.2 (0.38)\n"
              "  0.39-0.40   Falco 0.39.0 to 0.40.0 (0.39, 0.40)\n"
              "  0.41-0.43   Falco 0.41.0 to 0.43.1 (0.41, 0.42, 0.43)\n"
              "  0.44        Falco 0.44.0 and 0.44.1 (0.44)\n");
}

// The switches that tell the three nlohmann-era profiles apart (docs/PROFILES.md).
TEST(profile_switches, values_follow_the_falco_source_of_each_range) {
    const profile& p44 = get_profile(profile_id::v0_44);
    const profile& p41 = get_profile(profile_id::v0_41_to_0_43);
    const profile& p39 = get_profile(profile_id::v0_39_to_0_40);
    EXPECT_TRUE(p44.buffered_outputs_yaml_honoured);
    EXPECT_FALSE(p41.buffered_outputs_yaml_honoured);
    EXPECT_FALSE(p39.buffered_outputs_yaml_honoured);
    EXPECT_EQ(p44.json_invalid_utf8, profile::invalid_utf8_policy::replace);
    EXPECT_EQ(p41.json_invalid_utf8, profile::invalid_utf8_policy::fatal);
    EXPECT_EQ(p39.json_invalid_utf8, profile::invalid_utf8_policy::fatal);
    EXPECT_TRUE(p44.o_key_escapes);
    EXPECT_FALSE(p41.o_key_escapes);
    EXPECT_FALSE(p39.o_key_escapes);
    EXPECT_EQ(p44.hostname_fallback_env, "");
    EXPECT_EQ(p41.hostname_fallback_env, "FALCO_GRPC_HOSTNAME");
    EXPECT_TRUE(p41.has_output_fields_option);
    EXPECT_FALSE(p39.has_output_fields_option);
    EXPECT_TRUE(p41.http_retries_timeouts);
    EXPECT_FALSE(p39.http_retries_timeouts);
    EXPECT_FALSE(p41.o_before_config_files);
    EXPECT_TRUE(p39.o_before_config_files);
    for (const profile* p : {&p44, &p41, &p39}) {
        EXPECT_EQ(p->json, profile::json_layout::nlohmann_sorted);
        EXPECT_TRUE(p->json_has_hostname);
        EXPECT_TRUE(p->has_outputs_queue);
        EXPECT_FALSE(p->has_rate_limiter);
        EXPECT_EQ(p->env_in_config, profile::env_expansion::file_scalars_at_load);
        EXPECT_FALSE(p->has_daemon_mode);
    }
}

// What 0.39.0 changed, undone in 0.38 (docs/spec/0.38.md, docs/PROFILES.md): everything else is
// 0.39-0.40's.
TEST(profile_switches, v0_38_is_0_39_to_0_40_before_the_nlohmann_object) {
    const profile& p39 = get_profile(profile_id::v0_39_to_0_40);
    const profile& p38 = get_profile(profile_id::v0_38);
    EXPECT_EQ(p38.id, profile_id::v0_38);
    EXPECT_EQ(p39.json, profile::json_layout::nlohmann_sorted);
    EXPECT_EQ(p38.json, profile::json_layout::jsoncpp_grafted_fields);
    EXPECT_EQ(p38.jsoncpp, profile::jsoncpp_release::v1_9_5);
    EXPECT_EQ(get_profile(profile_id::legacy).jsoncpp, profile::jsoncpp_release::v0_10_6);
    EXPECT_TRUE(p38.json_has_hostname);
    EXPECT_TRUE(p38.json_has_source_and_tags);
    EXPECT_FALSE(get_profile(profile_id::legacy).json_has_source_and_tags);
    EXPECT_TRUE(p39.has_message_option);
    EXPECT_FALSE(p38.has_message_option);
    EXPECT_FALSE(p39.o_splits_at_commas);
    EXPECT_TRUE(p38.o_splits_at_commas);
    EXPECT_TRUE(p39.o_value_flow_map);
    EXPECT_FALSE(p38.o_value_flow_map);
    // Inherited from 0.39-0.40.
    EXPECT_FALSE(p38.buffered_outputs_yaml_honoured);
    EXPECT_TRUE(p38.buffered_outputs_default);
    EXPECT_FALSE(p38.has_output_fields_option);
    EXPECT_FALSE(p38.o_key_escapes);
    EXPECT_TRUE(p38.o_before_config_files);
    EXPECT_FALSE(p38.http_retries_timeouts);
    EXPECT_EQ(p38.hostname_fallback_env, "FALCO_GRPC_HOSTNAME");
    EXPECT_TRUE(p38.has_outputs_queue);
    EXPECT_TRUE(p38.stats_use_short_upper_names);
}

// What 0.37.0 and 0.38.0 changed, undone in 0.36 (docs/spec/0.36.md, docs/PROFILES.md):
// everything else is 0.38's.
TEST(profile_switches, v0_36_is_0_38_before_the_yaml_helper_rewrite) {
    const profile& p38 = get_profile(profile_id::v0_38);
    const profile& p36 = get_profile(profile_id::v0_36);
    EXPECT_EQ(p36.id, profile_id::v0_36);
    EXPECT_FALSE(p38.text_line_ends_at_nul);
    EXPECT_TRUE(p36.text_line_ends_at_nul);
    EXPECT_TRUE(p38.http_has_compress_and_keep_alive);
    EXPECT_FALSE(p36.http_has_compress_and_keep_alive);
    EXPECT_FALSE(p38.has_rate_limiter);
    EXPECT_TRUE(p36.has_rate_limiter);
    EXPECT_EQ(p36.outputs_rate_default, 0u);
    EXPECT_TRUE(p36.rate_zero_disables_limiter);
    EXPECT_EQ(p36.rate_deprecation_warning,
              "'output.rate' config is deprecated and it will be removed in Falco 0.37");
    EXPECT_EQ(p38.env_in_config, profile::env_expansion::file_scalars_at_load);
    EXPECT_EQ(p36.env_in_config, profile::env_expansion::whole_value_at_read);
    EXPECT_TRUE(p38.has_config_files);
    EXPECT_FALSE(p36.has_config_files);
    EXPECT_FALSE(p38.config_type_errors_fatal);
    EXPECT_TRUE(p36.config_type_errors_fatal);
    EXPECT_FALSE(p38.log_level_after_outputs);
    EXPECT_TRUE(p36.log_level_after_outputs);
    EXPECT_TRUE(p38.o_key_appends);
    EXPECT_FALSE(p36.o_key_appends);
    EXPECT_TRUE(p38.subscript_error_has_position);
    EXPECT_FALSE(p36.subscript_error_has_position);
    EXPECT_EQ(p38.initialized_line_prefix, "");
    EXPECT_EQ(p36.initialized_line_prefix, "Falco initialized with configuration file: ");
    // Inherited from 0.38.
    EXPECT_EQ(p36.json, profile::json_layout::jsoncpp_grafted_fields);
    EXPECT_EQ(p36.jsoncpp, profile::jsoncpp_release::v1_9_5);
    EXPECT_TRUE(p36.o_splits_at_commas);
    EXPECT_FALSE(p36.o_value_flow_map);
    EXPECT_FALSE(p36.o_key_escapes);
    EXPECT_FALSE(p36.buffered_outputs_yaml_honoured);
    EXPECT_FALSE(p36.has_message_option);
    EXPECT_FALSE(p36.has_output_fields_option);
    EXPECT_FALSE(p36.http_retries_timeouts);
    EXPECT_EQ(p36.hostname_fallback_env, "FALCO_GRPC_HOSTNAME");
    EXPECT_TRUE(p36.has_outputs_queue);
    // legacy's bucket never turns off at rate 0.
    EXPECT_FALSE(get_profile(profile_id::legacy).rate_zero_disables_limiter);
    EXPECT_EQ(get_profile(profile_id::legacy).outputs_rate_default, 1u);
}

// What 0.38.0 changed, undone in 0.37 (docs/spec/0.37.md, docs/PROFILES.md): the line cut at its
// NUL, no config_files, no `[]` in -o keys, log_level set after the outputs, engine.kind read
// first and the one-file start-up line; everything else, the yaml_helper of 0.37.0 included, is
// 0.38's.
TEST(profile_switches, v0_37_is_0_38_before_config_files) {
    const profile& p38 = get_profile(profile_id::v0_38);
    const profile& p37 = get_profile(profile_id::v0_37);
    const profile& p36 = get_profile(profile_id::v0_36);
    EXPECT_EQ(p37.id, profile_id::v0_37);
    using row = std::tuple<const char*, bool, bool, bool>;  // switch, 0.37, 0.36, 0.38
    for (const auto& [name, v37, v36, v38] : {
             row{"text_line_ends_at_nul", p37.text_line_ends_at_nul, p36.text_line_ends_at_nul,
                 p38.text_line_ends_at_nul},
             row{"has_config_files", p37.has_config_files, p36.has_config_files,
                 p38.has_config_files},
             row{"o_key_appends", p37.o_key_appends, p36.o_key_appends, p38.o_key_appends},
             row{"log_level_after_outputs", p37.log_level_after_outputs,
                 p36.log_level_after_outputs, p38.log_level_after_outputs},
         }) {
        EXPECT_EQ(v37, v36) << name << ": 0.37 keeps 0.36's value";
        EXPECT_NE(v37, v38) << name << ": 0.38.0 changed it";
    }
    for (const auto& [name, v37, v36, v38] : {
             row{"http_has_compress_and_keep_alive", p37.http_has_compress_and_keep_alive,
                 p36.http_has_compress_and_keep_alive, p38.http_has_compress_and_keep_alive},
             row{"has_rate_limiter", p37.has_rate_limiter, p36.has_rate_limiter,
                 p38.has_rate_limiter},
             row{"config_type_errors_fatal", p37.config_type_errors_fatal,
                 p36.config_type_errors_fatal, p38.config_type_errors_fatal},
             row{"subscript_error_has_position", p37.subscript_error_has_position,
                 p36.subscript_error_has_position, p38.subscript_error_has_position},
         }) {
        EXPECT_EQ(v37, v38) << name << ": 0.37.0 changed it to 0.38's value";
        EXPECT_NE(v37, v36) << name;
    }
    // Its own: engine.kind first, and the one-file line of 0.36.
    EXPECT_TRUE(p37.engine_kind_read_first);
    EXPECT_FALSE(p38.engine_kind_read_first || p36.engine_kind_read_first);
    EXPECT_EQ(p37.initialized_line_prefix, p36.initialized_line_prefix);
    EXPECT_EQ(p37.env_in_config, p38.env_in_config);
    EXPECT_EQ(p37.jsoncpp, p38.jsoncpp);
    EXPECT_EQ(p37.o_splits_at_commas, p38.o_splits_at_commas);
}

// What 0.36.0 changed, undone in 0.35 (docs/spec/0.35.md, docs/PROFILES.md): everything else is
// 0.36's.
TEST(profile_switches, v0_35_is_0_36_with_jsoncpp_0_10_6_and_a_handle_per_alert) {
    const profile& p36 = get_profile(profile_id::v0_36);
    const profile& p35 = get_profile(profile_id::v0_35);
    EXPECT_EQ(p35.id, profile_id::v0_35);
    EXPECT_EQ(p36.jsoncpp, profile::jsoncpp_release::v1_9_5);
    EXPECT_EQ(p35.jsoncpp, profile::jsoncpp_release::v0_10_6);
    EXPECT_TRUE(p36.http_reuse_handle);
    EXPECT_FALSE(p35.http_reuse_handle);
    EXPECT_FALSE(p36.http_echo_always);
    EXPECT_TRUE(p35.http_echo_always);
    EXPECT_TRUE(p36.http_has_echo_and_mtls);
    EXPECT_FALSE(p35.http_has_echo_and_mtls);
    EXPECT_EQ(p36.http_perform_error_prefix, "libcurl failed to perform call: ");
    EXPECT_EQ(p35.http_perform_error_prefix, "libcurl error: ");
    EXPECT_TRUE(p36.has_queue_capacity_option);
    EXPECT_FALSE(p35.has_queue_capacity_option);
    EXPECT_EQ(p35.rate_deprecation_warning, "");
    EXPECT_EQ(p35.env_in_config, profile::env_expansion::none);
    EXPECT_TRUE(p36.has_rule_matching);
    EXPECT_FALSE(p35.has_rule_matching);
    EXPECT_FALSE(p36.log_sinks_read_last);
    EXPECT_TRUE(p35.log_sinks_read_last);
    EXPECT_FALSE(p36.has_daemon_mode);
    EXPECT_TRUE(p35.has_daemon_mode);
    EXPECT_EQ(p36.pidfile, profile::pidfile_use::own_pid);
    EXPECT_EQ(p35.pidfile, profile::pidfile_use::daemon_pid);
    EXPECT_EQ(p35.default_pidfile, "/var/run/falco.pid");
    EXPECT_EQ(p35.daemon_pidfile_error_exit, 255);
    EXPECT_EQ(get_profile(profile_id::legacy).daemon_pidfile_error_exit, 1);
    EXPECT_TRUE(p35.config_file_opened_before_daemon_check);
    EXPECT_FALSE(get_profile(profile_id::legacy).config_file_opened_before_daemon_check);
    // Inherited from 0.36.
    EXPECT_EQ(p35.json, profile::json_layout::jsoncpp_grafted_fields);
    EXPECT_TRUE(p35.json_has_hostname);
    EXPECT_TRUE(p35.json_has_source_and_tags);
    EXPECT_TRUE(p35.text_line_ends_at_nul);
    EXPECT_TRUE(p35.http_unquotes_url);
    EXPECT_TRUE(p35.http_content_type_by_format);
    EXPECT_TRUE(p35.http_sends_user_agent);
    EXPECT_TRUE(p35.http_has_tls_options);
    EXPECT_FALSE(p35.http_has_compress_and_keep_alive);
    EXPECT_FALSE(p35.http_retries_timeouts);
    EXPECT_TRUE(p35.has_rate_limiter);
    EXPECT_TRUE(p35.rate_zero_disables_limiter);
    EXPECT_FALSE(p35.has_config_files);
    EXPECT_TRUE(p35.config_type_errors_fatal);
    EXPECT_TRUE(p35.log_level_after_outputs);
    EXPECT_TRUE(p35.o_splits_at_commas);
    EXPECT_FALSE(p35.o_key_appends);
    EXPECT_FALSE(p35.subscript_error_has_position);
    EXPECT_EQ(p35.initialized_line_prefix, "Falco initialized with configuration file: ");
    EXPECT_TRUE(p35.has_outputs_queue);
    EXPECT_FALSE(p35.config_errors_as_runtime_errors);
}

// What 0.35.0 changed, undone in 0.34 (docs/spec/0.34.md, docs/PROFILES.md): everything else is
// 0.35's. Legacy shares 0.34's http channel and its unchecked options, but not the rest.
TEST(profile_switches, v0_34_is_0_35_with_the_url_as_written_and_the_outputs_after_the_fork) {
    const profile& p35 = get_profile(profile_id::v0_35);
    const profile& p34 = get_profile(profile_id::v0_34);
    const profile& legacy = get_profile(profile_id::legacy);
    EXPECT_EQ(p34.id, profile_id::v0_34);
    using row = std::tuple<const char*, bool, bool, bool>;  // switch, 0.34, 0.35, legacy
    for (const auto& [name, v34, v35, v15] : {
             row{"http_has_tls_options", p34.http_has_tls_options, p35.http_has_tls_options,
                 legacy.http_has_tls_options},
             row{"http_unquotes_url", p34.http_unquotes_url, p35.http_unquotes_url,
                 legacy.http_unquotes_url},
             row{"http_checks_option_results", p34.http_checks_option_results,
                 p35.http_checks_option_results, legacy.http_checks_option_results},
         }) {
        EXPECT_NE(v34, v35) << name << ": 0.35.0 changed it";
        EXPECT_EQ(v34, v15) << name << ": as legacy";
    }
    EXPECT_TRUE(p34.command_line_errors_as_runtime_errors);
    EXPECT_TRUE(p34.cxxopts_refuses_dry_run);
    EXPECT_TRUE(p34.daemon_forks_before_outputs);
    for (const profile* p : {&p35, &legacy}) {
        EXPECT_FALSE(p->command_line_errors_as_runtime_errors);
        EXPECT_FALSE(p->cxxopts_refuses_dry_run);
        EXPECT_FALSE(p->daemon_forks_before_outputs);
    }
    // Inherited from 0.35.
    EXPECT_EQ(p34.json, p35.json);
    EXPECT_EQ(p34.jsoncpp, p35.jsoncpp);
    EXPECT_EQ(p34.env_in_config, p35.env_in_config);
    EXPECT_EQ(p34.pidfile, p35.pidfile);
    EXPECT_EQ(p34.default_pidfile, p35.default_pidfile);
    EXPECT_EQ(p34.daemon_pidfile_error_exit, p35.daemon_pidfile_error_exit);
    EXPECT_EQ(p34.http_perform_error_prefix, p35.http_perform_error_prefix);
    EXPECT_EQ(p34.initialized_line_prefix, p35.initialized_line_prefix);
    // Here the last column is the value both have.
    for (const auto& [name, v34, v35, value] : {
             row{"http_reuse_handle", p34.http_reuse_handle, p35.http_reuse_handle, false},
             row{"http_echo_always", p34.http_echo_always, p35.http_echo_always, true},
             row{"http_sends_user_agent", p34.http_sends_user_agent, p35.http_sends_user_agent,
                 true},
             row{"has_queue_capacity_option", p34.has_queue_capacity_option,
                 p35.has_queue_capacity_option, false},
             row{"has_rule_matching", p34.has_rule_matching, p35.has_rule_matching, false},
             row{"log_sinks_read_last", p34.log_sinks_read_last, p35.log_sinks_read_last, true},
             row{"has_daemon_mode", p34.has_daemon_mode, p35.has_daemon_mode, true},
             row{"config_file_opened_before_daemon_check",
                 p34.config_file_opened_before_daemon_check,
                 p35.config_file_opened_before_daemon_check, true},
             row{"config_type_errors_fatal", p34.config_type_errors_fatal,
                 p35.config_type_errors_fatal, true},
             row{"config_errors_as_runtime_errors", p34.config_errors_as_runtime_errors,
                 p35.config_errors_as_runtime_errors, false},
         }) {
        EXPECT_EQ(v34, v35) << name << ": 0.34 keeps 0.35's value";
        EXPECT_EQ(v34, value) << name;
    }
}

// What 0.34.0 changed, undone in 0.33 (docs/spec/0.33.md, docs/PROFILES.md): the configuration's
// errors reach the "Runtime error" handler, as in legacy, and the missing output is found while
// the keys are read, as in legacy; everything else is 0.34's.
TEST(profile_switches, v0_33_is_0_34_with_runtime_errors_and_the_output_check_while_reading) {
    const profile& p34 = get_profile(profile_id::v0_34);
    const profile& p33 = get_profile(profile_id::v0_33);
    const profile& legacy = get_profile(profile_id::legacy);
    EXPECT_EQ(p33.id, profile_id::v0_33);
    EXPECT_TRUE(p33.config_errors_as_runtime_errors);
    EXPECT_TRUE(p33.no_output_checked_while_reading);
    EXPECT_TRUE(legacy.no_output_checked_while_reading);
    for (const profile_id id : {profile_id::v0_34, profile_id::v0_35, profile_id::v0_36,
                                profile_id::v0_37, profile_id::v0_38, profile_id::v0_39_to_0_40,
                                profile_id::v0_41_to_0_43, profile_id::v0_44}) {
        EXPECT_FALSE(get_profile(id).config_errors_as_runtime_errors) << profile_name(id);
        EXPECT_FALSE(get_profile(id).no_output_checked_while_reading) << profile_name(id);
    }
    // Inherited from 0.34.
    EXPECT_TRUE(p33.command_line_errors_as_runtime_errors);
    EXPECT_TRUE(p33.cxxopts_refuses_dry_run);
    EXPECT_TRUE(p33.daemon_forks_before_outputs);
    EXPECT_TRUE(p33.log_level_after_outputs);
    EXPECT_TRUE(p33.log_sinks_read_last);
    EXPECT_EQ(p33.json, p34.json);
    EXPECT_EQ(p33.jsoncpp, p34.jsoncpp);
    EXPECT_EQ(p33.http_has_tls_options, p34.http_has_tls_options);
    EXPECT_EQ(p33.http_unquotes_url, p34.http_unquotes_url);
    EXPECT_EQ(p33.initialized_line_prefix, p34.initialized_line_prefix);
    EXPECT_EQ(profile_name(profile_id::v0_33), "0.33");
}

}  // namespace
}  // namespace falco_ref
