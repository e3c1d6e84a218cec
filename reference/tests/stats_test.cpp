// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/stats.hpp"

#include <gtest/gtest.h>

namespace falco_ref {
namespace {

alert make(const std::string& rule, priority p, const std::string& text) {
    alert a;
    a.rule = rule;
    a.prio = p;
    a.priority_text = text;
    return a;
}

// The example of conformance/PROTOCOL.md#3-end-of-input-signals-exit;
// docs/spec/0.44.md#stats.severity.name, docs/spec/0.44.md#stats.order
// (falco@0.44.1:userspace/engine/stats_manager.cpp:33-52): priorities in enum order with short
// upper names, rules in order of first alert.
TEST(stats, text_044_orders_priorities_by_enum_and_rules_by_first_alert) {
    stats s(get_profile(profile_id::v0_44));
    s.count(make("Write below binary dir", priority::error, "ERROR"));
    s.count(make("Terminal shell", priority::warning, "warning"));
    s.count(make("Terminal shell", priority::warning, "Warning"));
    EXPECT_EQ(s.render(),
              "Events detected: 3\n"
              "Rule counts by severity:\n"
              "   ERROR: 1\n"
              "   WARNING: 2\n"
              "Triggered rules by rule name:\n"
              "   Write below binary dir: 1\n"
              "   Terminal shell: 2\n");
}

TEST(stats, text_044_uses_info_for_informational) {
    stats s(get_profile(profile_id::v0_44));
    s.count(make("b", priority::debug, "debug"));
    s.count(make("a", priority::informational, "Informational"));
    EXPECT_EQ(s.render(),
              "Events detected: 2\n"
              "Rule counts by severity:\n"
              "   INFO: 1\n"
              "   DEBUG: 1\n"
              "Triggered rules by rule name:\n"
              "   b: 1\n"
              "   a: 1\n");
}

// docs/spec/common.md#stats.layout: the headers are always printed.
TEST(stats, empty_run_prints_the_headers) {
    stats s(get_profile(profile_id::v0_44));
    EXPECT_EQ(s.render(),
              "Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n");
}

// docs/spec/legacy.md#stats.severity.name: the priority as written in the input (order
// unspecified: docs/spec/legacy.md#stats.order).
TEST(stats, text_legacy_uses_the_priority_as_written) {
    stats s(get_profile(profile_id::legacy));
    s.count(make("r", priority::warning, "WARNING"));
    s.count(make("r", priority::warning, "warn"));
    s.count(make("r", priority::warning, "WARNING"));
    const std::string text = s.render();
    EXPECT_NE(text.find("\n   WARNING: 2\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\n   warn: 1\n"), std::string::npos) << text;
    EXPECT_NE(text.find("Triggered rules by rule name:\n   r: 3\n"), std::string::npos) << text;
    EXPECT_EQ(text.rfind("Events detected: 3\nRule counts by severity:\n", 0), 0u);
}

}  // namespace
}  // namespace falco_ref
