// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "alert_features.hpp"
#include "value_alias.hpp"

namespace conformance {

using strings = std::vector<std::string>;

TEST(alert_features, plain_alerts_need_nothing) {
    EXPECT_EQ(
        derive_alert_features(
            R"({"time":1,"rule":"r","priority":"Error","message":"m","output_template":"%proc.name","output_fields":{"proc.name":"m","evt.time":1}})"
            "\n"
            R"({"time":2,"rule":"r","priority":"Error","message":"n","output_template":"%proc.name","output_fields":{"proc.name":"n"}})"
            "\nnot json\n"),
        strings{});
}

TEST(alert_features, each_feature_from_the_data) {
    EXPECT_EQ(derive_alert_features(R"({"rule":"r","source":"k8s_audit"})"
                                    "\n"
                                    R"({"rule":"s"})"),
              strings{"alerts:sources>1"});
    EXPECT_EQ(derive_alert_features(
                  R"({"output_template":"%a %b %c","output_fields":{"a":-1,"b":2.5,"c":["x"]}})"),
              (strings{"alerts:float", "alerts:list", "alerts:negative-int"}));
    EXPECT_EQ(derive_alert_features(R"({"message":"m","output_fields":{"proc.name":"x"}})"),
              strings{"alerts:fields-without-template"});
    EXPECT_EQ(derive_alert_features(R"({"message":"a\u0000b"})"), strings{"alerts:nul"});
    EXPECT_EQ(derive_alert_features(R"({"message":"100% sure"})"),
              strings{"alerts:literal-percent"});
    EXPECT_EQ(derive_alert_features(R"({"message":"x","output_template":"%proc.name 5% more"})"),
              strings{"alerts:literal-percent"});
    EXPECT_EQ(derive_alert_features(R"({"rule":"r","priority":"Error"})"
                                    "\n"
                                    R"({"rule":"r","priority":"Warning"})"),
              strings{"alerts:rule-varies"});
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
