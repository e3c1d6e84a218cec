// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "judge/value_alias.hpp"
#include "select/alert_features.hpp"

namespace conformance {

using strings = std::vector<std::string>;

// The features of a case that prints no JSON output_fields.
static strings text_case(std::string_view alerts) {
    return derive_alert_features(alerts, false);
}

TEST(alert_features, plain_alerts_need_nothing) {
    EXPECT_EQ(
        text_case(
            R"({"time":1,"rule":"r","priority":"Error","message":"m","output_template":"%proc.name","output_fields":{"proc.name":"m","evt.time":1}})"
            "\n"
            R"({"time":2,"rule":"r","priority":"Error","message":"n","output_template":"%proc.name","output_fields":{"proc.name":"n"}})"
            "\nnot json\n"),
        strings{});
}

TEST(alert_features, each_feature_from_the_data) {
    EXPECT_EQ(text_case(R"({"rule":"r","source":"k8s_audit"})"
                        "\n"
                        R"({"rule":"s"})"),
              strings{"alerts:sources>1"});
    EXPECT_EQ(
        text_case(R"({"output_template":"%a %b %c","output_fields":{"a":-1,"b":2.5,"c":["x"]}})"),
        (strings{"alerts:float", "alerts:list", "alerts:negative-int"}));
    EXPECT_EQ(text_case(R"({"message":"m","output_fields":{"proc.name":"x"}})"),
              strings{"alerts:fields-without-template"});
    EXPECT_EQ(text_case(R"({"message":"a\u0000b"})"), strings{"alerts:nul"});
    EXPECT_EQ(text_case(R"({"message":"100% sure"})"), strings{"alerts:literal-percent"});
    EXPECT_EQ(text_case(R"({"message":"x","output_template":"%proc.name 5% more"})"),
              strings{"alerts:literal-percent"});
    EXPECT_EQ(text_case(R"({"rule":"r","priority":"Error"})"
                        "\n"
                        R"({"rule":"r","priority":"Warning"})"),
              strings{"alerts:rule-varies"});
}

// docs/REAL-FALCO.md section 5, request 4: a JSON case with output_fields also has each feature
// with `+json-fields`, so a capabilities file can exclude the JSON cases alone.
TEST(alert_features, json_cases_also_get_the_combined_names) {
    const std::string alerts =
        R"({"rule":"r","message":"m","output_template":"%a %b","output_fields":{"a":1.5,"b":[1]}})";
    EXPECT_EQ(text_case(alerts), (strings{"alerts:float", "alerts:list"}));
    EXPECT_EQ(derive_alert_features(alerts, true),
              (strings{"alerts:float", "alerts:float+json-fields", "alerts:list",
                       "alerts:list+json-fields", "json-fields"}));
    EXPECT_EQ(derive_alert_features(R"({"rule":"r","message":"m"})", true), strings{"json-fields"});
}

TEST(prints_json_output_fields, from_config_then_options_in_order) {
    const std::vector<std::string> none;
    EXPECT_FALSE(prints_json_output_fields(std::nullopt, none, "0.44"));
    EXPECT_FALSE(prints_json_output_fields("stdout_output: {enabled: true}\n", none, "0.44"));
    EXPECT_FALSE(prints_json_output_fields("json_output: false\n", none, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("json_output: true\n", none, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("json_output: Yes\n", none, "0.44"));
    // Not a YAML bool: 0.44 falls back to the default, text.
    EXPECT_FALSE(prints_json_output_fields("json_output: maybe\n", none, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("json_output: false\n", {"-U", "-o", "json_output=true"},
                                          "0.44"));
    EXPECT_FALSE(prints_json_output_fields(
        "json_output: true\n", {"-o", "json_output=true", "-o", "json_output=false"}, "0.44"));
    // An -o value that is not a bool reads as the default, not as the config's value.
    EXPECT_FALSE(
        prints_json_output_fields("json_output: true\n", {"-o", "json_output=maybe"}, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("", {"--option", "json_output=on"}, "0.44"));
    // `-o json_output` assigns nothing (Falco refuses it at start-up): the config decides.
    EXPECT_TRUE(prints_json_output_fields("json_output: true\n", {"-o", "json_output"}, "0.44"));
    EXPECT_FALSE(prints_json_output_fields("json_output: false\n", {"-o", "json_output"}, "0.44"));
}

TEST(prints_json_output_fields, include_property_off_only_in_0_44) {
    const std::string off = "json_output: true\njson_include_output_fields_property: false\n";
    EXPECT_FALSE(prints_json_output_fields(off, {}, "0.44"));
    EXPECT_TRUE(prints_json_output_fields(off, {}, "legacy"));
    EXPECT_FALSE(prints_json_output_fields(
        "json_output: true\n", {"-o", "json_include_output_fields_property=false"}, "0.44"));
    EXPECT_TRUE(
        prints_json_output_fields(off, {"-o", "json_include_output_fields_property=true"}, "0.44"));
}

TEST(prints_json_output_fields, placeholders_read_and_unreadable_config_counts_as_json) {
    EXPECT_TRUE(prints_json_output_fields(
        "json_output: true\nprogram_output: {enabled: true, program: {{capture}}}\n", {}, "0.44"));
    EXPECT_FALSE(prints_json_output_fields("json_output: false\nhttp_output: {url: {{http_url}}}\n",
                                           {}, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("json_output: [\n", {}, "0.44"));
    EXPECT_TRUE(prints_json_output_fields("just a scalar\n", {}, "0.44"));
}

TEST(value_alias, parses_and_rewrites_plain_and_escaped_json) {
    EXPECT_FALSE(value_alias::parse("mock:http"));
    EXPECT_FALSE(value_alias::parse("alias:nothing"));
    const auto a = value_alias::parse("alias:source:syscall=replay");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->key, "source");
    EXPECT_EQ(a->from, "syscall");
    EXPECT_EQ(a->to, "replay");
    std::string text =
        "{\"output\":\"x\",\"source\":\"syscall\"}\n"
        "{\"body\": \"{\\\"source\\\":\\\"syscall\\\"}\"}\n"
        "{\"source\":\"k8s_audit\"}\n";
    EXPECT_EQ(apply_aliases({*a}, text), 2u);
    EXPECT_EQ(text,
              "{\"output\":\"x\",\"source\":\"replay\"}\n"
              "{\"body\": \"{\\\"source\\\":\\\"replay\\\"}\"}\n"
              "{\"source\":\"k8s_audit\"}\n");
}

}  // namespace conformance
