// SPDX-License-Identifier: Apache-2.0
#include "line_diff.hpp"

#include <gtest/gtest.h>

namespace conformance {

TEST(escape_visible, makes_invisible_bytes_visible) {
    EXPECT_EQ(escape_visible("a\tb\r"), "a\\tb\\r");
    EXPECT_EQ(escape_visible(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(escape_visible("esc\x1b[0m del\x7f"), "esc\\x1b[0m del\\x7f");
    EXPECT_EQ(escape_visible("trailing  "), "trailing\\x20\\x20");
    EXPECT_EQ(escape_visible("caf\xc3\xa9 \xef\xbf\xbd"),
              "caf\xc3\xa9 \xef\xbf\xbd");  // valid UTF-8 kept
    EXPECT_EQ(escape_visible("bad \xc3 \xff \xed\xa0\x80"), "bad \\xc3 \\xff \\xed\\xa0\\x80");
}

TEST(line_diff, equal_content) {
    const line_diff d("a\nb\n", "a\nb\n");
    EXPECT_TRUE(d.equal());
    EXPECT_FALSE(d.first_changed_pair());
}

TEST(line_diff, unified_hunk_with_context) {
    const line_diff d("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n");
    EXPECT_EQ(d.unified("expected/stdout", "actual stdout"),
              "--- expected/stdout\n+++ actual stdout\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n "
              "7\n 8\n");
    EXPECT_EQ(d.first_changed_pair(), (std::pair<std::string, std::string>{"5", "X"}));
}

TEST(line_diff, insertions_deletions_and_separate_hunks) {
    std::string a, b;
    for (int i = 1; i <= 20; ++i) {
        a += std::to_string(i) + "\n";
        if (i != 2)
            b += std::to_string(i) + "\n";
        if (i == 18)
            b += "new\n";
    }
    EXPECT_EQ(line_diff(a, b).unified("e", "a", 1),
              "--- e\n+++ a\n@@ -1,3 +1,2 @@\n 1\n-2\n 3\n@@ -18,2 +17,3 @@\n 18\n+new\n 19\n");
}

TEST(line_diff, empty_sides) {
    EXPECT_EQ(line_diff("", "x\n").unified("e", "a"), "--- e\n+++ a\n@@ -0,0 +1,1 @@\n+x\n");
    EXPECT_EQ(line_diff("x\n", "").unified("e", "a"), "--- e\n+++ a\n@@ -1,1 +0,0 @@\n-x\n");
}

TEST(line_diff, missing_final_newline_is_marked) {
    EXPECT_EQ(line_diff("a\nb\n", "a\nb").unified("e", "a"),
              "--- e\n+++ a\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
}

TEST(line_diff, crlf_and_bytes_are_visible_in_the_diff) {
    const auto text = line_diff("x\n", "x\r\n").unified("e", "a");
    EXPECT_NE(text.find("+x\\r\n"), std::string::npos) << text;
}

TEST(line_diff, matches_a_longest_common_subsequence) {
    // Myers finds a minimal edit script: 2 deletions + 2 insertions here, not 4 + 4.
    const auto text = line_diff("a\nb\nc\nd\n", "a\nc\nd\ne\n").unified("e", "a");
    EXPECT_EQ(text, "--- e\n+++ a\n@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n");
}

}  // namespace conformance
