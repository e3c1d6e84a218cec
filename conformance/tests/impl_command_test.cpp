// SPDX-License-Identifier: Apache-2.0
#include "run/impl_command.hpp"

#include <gtest/gtest.h>

namespace conformance {

using strings = std::vector<std::string>;

TEST(impl_command, splits_on_blanks) {
    EXPECT_EQ(impl_command::parse("  /bin/ref  --profile\tlegacy ").argv,
              (strings{"/bin/ref", "--profile", "legacy"}));
}

TEST(impl_command, quotes_and_escapes_like_a_shell) {
    EXPECT_EQ(impl_command::parse(R"('/opt/my dir/ref' "a \"b\" \$c" d\ e '')").argv,
              (strings{"/opt/my dir/ref", "a \"b\" $c", "d e", ""}));
    EXPECT_EQ(impl_command::parse(R"(x "it's" 'say "hi"')").argv,
              (strings{"x", "it's", "say \"hi\""}));
}

TEST(impl_command, leading_assignments_are_environment) {
    const auto c = impl_command::parse("A=1 B='two words' /bin/ref C=3");
    EXPECT_EQ(c.env,
              (std::vector<std::pair<std::string, std::string>>{{"A", "1"}, {"B", "two words"}}));
    EXPECT_EQ(c.argv, (strings{"/bin/ref", "C=3"}));
    EXPECT_EQ(impl_command::parse("'A=1' x").argv, (strings{"A=1", "x"}));
}

TEST(impl_command, nothing_is_expanded) {
    EXPECT_EQ(impl_command::parse("echo $HOME ~ *").argv, (strings{"echo", "$HOME", "~", "*"}));
}

TEST(impl_command, rejects_what_a_shell_would_interpret_or_cannot_parse) {
    EXPECT_THROW(impl_command::parse("ref | tee x"), std::invalid_argument);
    EXPECT_THROW(impl_command::parse("ref; rm"), std::invalid_argument);
    EXPECT_THROW(impl_command::parse("ref 'open"), std::invalid_argument);
    EXPECT_THROW(impl_command::parse("ref \"open"), std::invalid_argument);
    EXPECT_THROW(impl_command::parse("   "), std::invalid_argument);
    EXPECT_THROW(impl_command::parse("A=1"), std::invalid_argument);
    EXPECT_NO_THROW(impl_command::parse("ref '|'"));
}

TEST(impl_command, shell_quote_round_trips) {
    for (const std::string word : {"plain", "two words", "it's", "", "a\"b$c", "--x=/p/q"}) {
        EXPECT_EQ(impl_command::parse("cmd " + shell_quote(word)).argv.at(1), word) << word;
    }
    EXPECT_EQ(shell_quote("/usr/bin/ref"), "/usr/bin/ref");
    EXPECT_EQ(shell_quote("a b"), "'a b'");
}

}  // namespace conformance
