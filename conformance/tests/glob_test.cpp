// SPDX-License-Identifier: Apache-2.0
#include "select/glob.hpp"

#include <gtest/gtest.h>

namespace conformance {

TEST(glob, star_stays_within_a_component) {
    EXPECT_TRUE(glob_match("0.44/file/*", "0.44/file/keep_alive"));
    EXPECT_TRUE(glob_match("0.44/*", "0.44/file/keep_alive"));  // matches the directory 0.44/file
    EXPECT_FALSE(glob_match("0.44/*/keep", "0.44/file/x/keep"));
    EXPECT_TRUE(glob_match("0.44/*/keep_*", "0.44/file/keep_alive"));
}

TEST(glob, double_star_crosses_components) {
    EXPECT_TRUE(glob_match("**/keep_alive", "0.44/file/keep_alive"));
    EXPECT_TRUE(glob_match("0.44/**", "0.44/file/keep_alive"));
}

TEST(glob, a_directory_prefix_selects_everything_below) {
    EXPECT_TRUE(glob_match("0.44/file", "0.44/file/keep_alive"));
    EXPECT_TRUE(glob_match("0.44/file/", "0.44/file/keep_alive"));
    EXPECT_FALSE(glob_match("0.44/fil", "0.44/file/keep_alive"));
}

TEST(glob, exact_and_question_mark) {
    EXPECT_TRUE(glob_match("0.44/file/a", "0.44/file/a"));
    EXPECT_FALSE(glob_match("0.44/file/a", "0.44/file/ab"));
    EXPECT_TRUE(glob_match("0.44/file/a?", "0.44/file/ab"));
    EXPECT_FALSE(glob_match("0.44?file/ab", "0.44/file/ab"));
}

}  // namespace conformance
