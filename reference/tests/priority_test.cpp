// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/priority.hpp"

#include <gtest/gtest.h>

namespace falco_ref {
namespace {

// profile-0.44.md 1.a "Priority words": names and syslog numbers (falco_common.h:50-59).
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

// legacy 2.a "Rule priority: parsing": case-insensitive prefix, first hit wins.
TEST(priority, parse_legacy_is_a_prefix_match_in_enum_order) {
    EXPECT_EQ(parse_priority_prefix("INFO"), priority::informational);
    EXPECT_EQ(parse_priority_prefix("warn"), priority::warning);
    EXPECT_EQ(parse_priority_prefix("e"), priority::emergency);
    EXPECT_FALSE(parse_priority_prefix("").has_value());
    EXPECT_FALSE(parse_priority_prefix("Warnings").has_value());
}

}  // namespace
}  // namespace falco_ref
