// SPDX-License-Identifier: Apache-2.0
// withhold_last_line: every line but the last gets through, whatever the chunking.
#include "input_filter.hpp"

#include <gtest/gtest.h>

namespace selftest {
namespace {

std::string through(const std::vector<std::string>& chunks) {
    line_withholder w;
    std::string out;
    for (const auto& c : chunks) {
        out += w.feed(c);
    }
    return out + w.finish();
}

TEST(input_filter, the_last_line_never_gets_through) {
    EXPECT_EQ(through({"a\nb\nc\n"}), "a\nb\n");
    EXPECT_EQ(through({"a", "\nb", "\n", "c\n"}), "a\nb\n");
    EXPECT_EQ(through({"only\n"}), "");
    EXPECT_EQ(through({}), "");
}

TEST(input_filter, a_last_line_without_newline_is_the_one_withheld) {
    EXPECT_EQ(through({"a\nb\nc"}), "a\nb\n");
    EXPECT_EQ(through({"c"}), "");
}

TEST(input_filter, lines_go_on_one_line_late) {
    line_withholder w;
    EXPECT_EQ(w.feed("a\n"), "");
    EXPECT_EQ(w.feed("b\n"), "a\n");
    EXPECT_EQ(w.feed("c"), "");
    EXPECT_EQ(w.feed("\n"), "b\n");
    EXPECT_EQ(w.finish(), "");
}

}  // namespace
}  // namespace selftest
