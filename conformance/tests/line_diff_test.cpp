// SPDX-License-Identifier: Apache-2.0
#include "judge/line_diff.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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
        if (i != 2) {
            b += std::to_string(i) + "\n";
        }
        if (i == 18) {
            b += "new\n";
        }
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

namespace conformance {
namespace {

std::string numbered_lines(int from, int to, const std::string& prefix) {
    std::string text;
    for (int i = from; i <= to; ++i) {
        text += prefix + std::to_string(i) + "\n";
    }
    return text;
}

// 20,000 lines that all differ: a minimal diff would need O(D^2) work and memory for D=40,000.
// The judge gives up on minimality, says so, and keeps the report short.
TEST(line_diff, a_wildly_different_output_is_bounded_and_marked) {
    const std::string expected = numbered_lines(1, 20000, "expected ");
    const std::string actual = "same\n" + numbered_lines(1, 20000, "actual ");
    const line_diff diff("same\n" + expected, actual);
    ASSERT_FALSE(diff.equal());
    const std::string text = diff.unified("e", "a");
    EXPECT_NE(text.find("not a minimal diff"), std::string::npos);
    EXPECT_NE(text.find("-expected 1\n"), std::string::npos) << text.substr(0, 500);
    EXPECT_NE(text.find("[... diff cut after 400 lines]"), std::string::npos);
    EXPECT_LT(std::count(text.begin(), text.end(), '\n'), 410);
    const auto pair = diff.first_changed_pair();
    ASSERT_TRUE(pair.has_value());
    EXPECT_EQ(pair->first, "expected 1");
    EXPECT_EQ(pair->second, "actual 1");
}

TEST(line_diff, a_long_line_is_shown_shortened_with_its_length) {
    const std::string big(10 * 1024 * 1024, 'x');
    const line_diff diff(big + "\n", big + "y\n");
    const std::string text = diff.unified("e", "a");
    EXPECT_LT(text.size(), 6000u);
    EXPECT_NE(text.find(" [... " + std::to_string(big.size() - 2048) + " more bytes]\n"),
              std::string::npos)
        << text.substr(0, 200);
    EXPECT_NE(text.find(" [... " + std::to_string(big.size() + 1 - 2048) + " more bytes]\n"),
              std::string::npos);
}

TEST(line_diff, a_shortened_line_is_not_cut_inside_a_character) {
    // 2047 ASCII bytes then a 2-byte character straddling the cut: the cut moves before it.
    const std::string line = std::string(2047, 'a') + "\xc3\xa9" + std::string(10, 'b');
    const line_diff diff(line + "\n", "other\n");
    const std::string text = diff.unified("e", "a");
    EXPECT_EQ(text.find("\\xc3"), std::string::npos) << text.substr(0, 100);
    EXPECT_NE(text.find(" [... 12 more bytes]"), std::string::npos);
}

}  // namespace
}  // namespace conformance
