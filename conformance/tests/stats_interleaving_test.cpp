// SPDX-License-Identifier: Apache-2.0
// `stdout_stats: interleaved` (conformance/PROTOCOL.md, section 7): the expected stdout split at
// its statistics block, and the exact test that stdout interleaves the two at line boundaries.
#include "judge/stats_interleaving.hpp"

#include <gtest/gtest.h>

namespace conformance {

namespace {

constexpr const char* k_expected =
    "a1\na2\nEvents detected: 2\nRule counts by severity:\n   WARNING: 2\n";

interleaving_match whole(std::string_view expected, std::string_view actual) {
    return interleaving_match(split_at_statistics(expected), actual, interleaving_scope::whole);
}

interleaving_match tail(std::string_view expected, std::string_view actual) {
    return interleaving_match(split_at_statistics(expected), actual, interleaving_scope::tail);
}

}  // namespace

TEST(statistics_block, split_at_the_first_events_detected_line) {
    const auto s = split_at_statistics(k_expected);
    EXPECT_EQ(s.alerts, (std::vector<std::string>{"a1\n", "a2\n"}));
    EXPECT_EQ(s.stats, (std::vector<std::string>{"Events detected: 2\n",
                                                 "Rule counts by severity:\n", "   WARNING: 2\n"}));
    EXPECT_TRUE(split_at_statistics("a\nb").stats.empty());
    EXPECT_EQ(split_at_statistics("a\nb").alerts, (std::vector<std::string>{"a\n", "b"}));
    // Only a line that starts with it opens the block.
    EXPECT_TRUE(split_at_statistics("x Events detected: 1\n").stats.empty());
}

TEST(statistics_block, counts_the_lines_that_start_a_block) {
    EXPECT_EQ(statistics_starts(k_expected), 1u);
    EXPECT_EQ(statistics_starts("a\n"), 0u);
    EXPECT_EQ(statistics_starts("Events detected: 1\nEvents detected: 2"), 2u);
}

TEST(interleaving_match, every_interleaving_at_line_boundaries_matches) {
    for (const char* actual : {
             "a1\na2\nEvents detected: 2\nRule counts by severity:\n   WARNING: 2\n",
             "Events detected: 2\nRule counts by severity:\n   WARNING: 2\na1\na2\n",
             "a1\nEvents detected: 2\na2\nRule counts by severity:\n   WARNING: 2\n",
             "Events detected: 2\na1\nRule counts by severity:\na2\n   WARNING: 2\n",
         }) {
        const auto m = whole(k_expected, actual);
        EXPECT_TRUE(m.matches()) << actual;
        EXPECT_EQ(m.misfit_line(), 0u);
        EXPECT_EQ(m.missing_lines(), 0u);
    }
}

TEST(interleaving_match, a_line_of_both_sequences_is_tried_on_both_sides) {
    // "x" is an alert line and a statistics line. In the first stdout its first "x" must be the
    // statistics line (a choice that prefers alert lines leaves "z" no place), in the second the
    // alert line (a choice that prefers statistics lines leaves "y" no place).
    const auto expected = "x\ny\nEvents detected: 1\nx\nz\n";
    EXPECT_TRUE(whole(expected, "Events detected: 1\nx\nz\nx\ny\n").matches());
    EXPECT_TRUE(whole(expected, "Events detected: 1\nx\ny\nx\nz\n").matches());
    EXPECT_FALSE(whole(expected, "Events detected: 1\nx\nz\ny\nx\n").matches());
}

TEST(interleaving_match, each_sequence_keeps_its_order) {
    const auto alerts_swapped =
        whole(k_expected, "a2\nEvents detected: 2\na1\nRule counts by severity:\n   WARNING: 2\n");
    EXPECT_FALSE(alerts_swapped.matches());
    EXPECT_EQ(alerts_swapped.misfit_line(), 1u);
    const auto stats_swapped =
        whole(k_expected, "a1\nEvents detected: 2\n   WARNING: 2\na2\nRule counts by severity:\n");
    EXPECT_FALSE(stats_swapped.matches());
    EXPECT_EQ(stats_swapped.misfit_line(), 3u);
}

TEST(interleaving_match, every_line_exactly_once) {
    const auto missing_block = whole(k_expected, "a1\na2\n");
    EXPECT_FALSE(missing_block.matches());
    EXPECT_EQ(missing_block.misfit_line(), 0u);
    EXPECT_EQ(missing_block.missing_lines(), 3u);
    EXPECT_EQ(missing_block.next_missing(), "Events detected: 2\n");
    const auto extra = whole(k_expected, std::string(k_expected) + "a2\n");
    EXPECT_FALSE(extra.matches());
    EXPECT_EQ(extra.misfit_line(), 6u);
    EXPECT_FALSE(whole(k_expected, "").matches());
    EXPECT_EQ(whole(k_expected, "").missing_lines(), 5u);
}

TEST(interleaving_match, a_missing_final_newline_is_a_difference) {
    const auto expected = "a\nEvents detected: 1\n";
    EXPECT_FALSE(whole(expected, "Events detected: 1\na").matches());
    EXPECT_FALSE(whole(expected, "a\nEvents detected: 1").matches());
    EXPECT_TRUE(whole("a\nEvents detected: 1", "a\nEvents detected: 1").matches());
}

TEST(interleaving_match, a_tail_allows_unlisted_lines_before_its_alert_lines) {
    // Tail: the last alert line a2, then the block; x1 and x2 are alerts the tail does not list.
    const auto expected = "a2\nEvents detected: 2\nRule counts by severity:\n";
    EXPECT_TRUE(tail(expected, "x1\na2\nEvents detected: 2\nRule counts by severity:\n").matches());
    EXPECT_TRUE(
        tail(expected, "x1\nEvents detected: 2\nx2\na2\nRule counts by severity:\n").matches());
    // Nothing but the tail after its first alert line.
    const auto late = tail(expected, "a2\nEvents detected: 2\nx2\nRule counts by severity:\n");
    EXPECT_FALSE(late.matches());
    EXPECT_EQ(late.missing_lines(), 1u);  // a2 taken as an unlisted line: a2 itself never came
    // Without alert lines in the tail, unlisted lines may also follow the block.
    EXPECT_TRUE(tail("Events detected: 2\nR\n", "x1\nEvents detected: 2\nx2\nR\nx3\n").matches());
    EXPECT_FALSE(tail("Events detected: 2\nR\n", "R\nEvents detected: 2\n").matches());
}

TEST(compare_interleaved, passes_an_interleaving_and_reports_a_misfit_with_a_diff) {
    EXPECT_FALSE(
        compare_interleaved("stdout", "expected/stdout", k_expected,
                            "a1\nEvents detected: 2\na2\nRule counts by severity:\n   WARNING: 2\n",
                            interleaving_scope::whole));
    const auto f =
        compare_interleaved("stdout", "expected/stdout", k_expected,
                            "a2\nEvents detected: 2\na1\nRule counts by severity:\n   WARNING: 2\n",
                            interleaving_scope::whole);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->what, "stdout");
    EXPECT_EQ(f->message,
              "is no interleaving of the alert lines and the statistics of expected/stdout "
              "(expected 2 alert lines and 3 statistics lines; got 5 lines): line 1 is neither "
              "the next alert line nor the next statistics line");
    // The diff shows the actual lines with the statistics moved last: the swap, nothing else.
    EXPECT_EQ(f->detail,
              "--- expected/stdout\n+++ actual stdout, statistics lines moved last\n"
              "@@ -1,5 +1,5 @@\n-a1\n a2\n+a1\n Events detected: 2\n Rule counts by severity:\n"
              "    WARNING: 2\n");
}

TEST(compare_interleaved, a_tail_failure_shows_the_lines_among_the_statistics) {
    // A statistics line differs; x1 and x2 are alert lines the tail does not list.
    const auto f =
        compare_interleaved("stdout", "expected/stats", "Events detected: 2\n   NOTICE: 2\n",
                            "x1\nEvents detected: 2\nx2\n   NOTICE: 1\n", interleaving_scope::tail);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->message,
              "does not end with an interleaving of the alert lines and the statistics of "
              "expected/stats (expected 0 alert lines and 2 statistics lines; got 4 lines): it "
              "ends with 1 expected lines missing, among them `   NOTICE: 2`");
    EXPECT_EQ(f->detail,
              "--- expected/stats\n+++ actual stdout, statistics lines moved last\n"
              "@@ -1,2 +1,3 @@\n+x2\n+   NOTICE: 1\n Events detected: 2\n-   NOTICE: 2\n");
}

TEST(compare_interleaved, without_a_statistics_block_compares_byte_for_byte) {
    EXPECT_FALSE(compare_interleaved("stdout", "e", "a\nb\n", "a\nb\n", interleaving_scope::whole));
    const auto f =
        compare_interleaved("stdout", "e", "a\nb\n", "b\na\n", interleaving_scope::whole);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->message, "differs from e (expected 2 lines, 4 bytes; got 2 lines, 4 bytes)");
}

}  // namespace conformance
