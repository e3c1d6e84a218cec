// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/priority.hpp"

#include <gtest/gtest.h>

namespace falco_ref {
namespace {

// docs/spec/common.md#text.priority.words, docs/spec/common.md#syslog.call: names and syslog
// numbers (falco@0.44.1:userspace/engine/falco_common.h:50-59).
TEST(priority, names_and_syslog_levels_follow_falco_common) {
    EXPECT_EQ(priority_name(priority::emergency), "Emergency");
    EXPECT_EQ(priority_name(priority::informational), "Informational");
    EXPECT_EQ(priority_name(priority::debug), "Debug");
    EXPECT_EQ(syslog_level(priority::warning), 4);
    EXPECT_EQ(priority_stats_name(priority::informational), "INFO");
}

// falco_common.cpp:25-37: case-insensitive, "info" is a synonym.
TEST(priority, parse_044_is_case_insensitive_and_accepts_info) {
    EXPECT_EQ(parse_priority("WARNING"), priority::warning);
    EXPECT_EQ(parse_priority("info"), priority::informational);
    EXPECT_EQ(parse_priority("Informational"), priority::informational);
    EXPECT_FALSE(parse_priority("warn").has_value());
    EXPECT_FALSE(parse_priority("").has_value());
}

// docs/spec/legacy.md#input.priority.parse: the lower-cased text is a Lua pattern anchored at
// the start of each lower-cased name, Emergency first; for letters a case-insensitive prefix
// (falco@0.15.3:userspace/engine/lua/rule_loader.lua:62-72).
TEST(priority, parse_legacy_letters_are_a_prefix_in_enum_order) {
    EXPECT_EQ(parse_priority_pattern("INFO"), priority::informational);
    EXPECT_EQ(parse_priority_pattern("inf"), priority::informational);
    EXPECT_EQ(parse_priority_pattern("warn"), priority::warning);
    EXPECT_EQ(parse_priority_pattern("e"), priority::emergency);
    EXPECT_EQ(parse_priority_pattern("EMERG"), priority::emergency);
    EXPECT_EQ(parse_priority_pattern("ERR"), priority::error);
    EXPECT_EQ(parse_priority_pattern("N"), priority::notice);
    EXPECT_EQ(parse_priority_pattern("d"), priority::debug);
    EXPECT_EQ(parse_priority_pattern("Debug"), priority::debug);
    EXPECT_FALSE(parse_priority_pattern("Warnings").has_value());
    EXPECT_FALSE(parse_priority_pattern("informationalx").has_value());
    EXPECT_FALSE(parse_priority_pattern("bogus").has_value());
}

// `"^" .. ""` matches the first name; pattern characters keep their meaning against the
// lower-cased names.
TEST(priority, parse_legacy_pattern_characters_keep_their_meaning) {
    EXPECT_EQ(parse_priority_pattern(""), priority::emergency);
    EXPECT_EQ(parse_priority_pattern("."), priority::emergency);
    EXPECT_EQ(parse_priority_pattern("%a"), priority::emergency);
    EXPECT_EQ(parse_priority_pattern("[^e]"), priority::alert);
    EXPECT_EQ(parse_priority_pattern("c"), priority::critical);
    EXPECT_EQ(parse_priority_pattern("w.r"), priority::warning);
    EXPECT_EQ(parse_priority_pattern("i.*l$"), priority::informational);
    EXPECT_EQ(parse_priority_pattern("debug$"), priority::debug);
    EXPECT_EQ(parse_priority_pattern("()d"), priority::debug);
    EXPECT_EQ(parse_priority_pattern("a-l"), priority::alert);
    EXPECT_EQ(parse_priority_pattern("[n-o]"), priority::notice);
    EXPECT_FALSE(parse_priority_pattern("$").has_value());
    EXPECT_FALSE(parse_priority_pattern("^e").has_value());
}

// The pattern is lower-cased before it is used, so an upper-case class letter is the class
// itself, not its complement: `N%A` is `n%a` (Notice), `%D` is `%d` (no name).
TEST(priority, parse_legacy_lower_cases_the_pattern_classes) {
    EXPECT_EQ(parse_priority_pattern("N%A"), priority::notice);
    EXPECT_EQ(parse_priority_pattern("%L"), priority::emergency);
    EXPECT_FALSE(parse_priority_pattern("%D").has_value());
}

// A Lua error of string.find makes the priority invalid, like no match does.
TEST(priority, parse_legacy_malformed_patterns_are_invalid) {
    EXPECT_FALSE(parse_priority_pattern("err%").has_value());
    EXPECT_FALSE(parse_priority_pattern("[").has_value());
    EXPECT_FALSE(parse_priority_pattern("e)").has_value());
    EXPECT_FALSE(parse_priority_pattern("(e").has_value());
    EXPECT_FALSE(parse_priority_pattern("%1").has_value());
}

}  // namespace
}  // namespace falco_ref
