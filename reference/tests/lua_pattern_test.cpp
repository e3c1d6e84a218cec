// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/lua_pattern.hpp"

#include <gtest/gtest.h>

#include <string>

// The expectations follow the Lua 5.1 reference manual, section 5.4.1 "Patterns", and
// `string.find` (section 5.4): a pattern anchored with `^` matches at the start of the subject
// only. Where LuaJIT 2.0.3 goes beyond the manual (%g, the nesting limit, NUL in a pattern) the
// test cites its source.
namespace falco_ref {
namespace {

constexpr auto match = lua_find_outcome::match;
constexpr auto no_match = lua_find_outcome::no_match;
constexpr auto error = lua_find_outcome::error;

// "x (where x is not one of the magic characters ^$()%.[]*+-?) represents the character x
// itself"; anchored, so the pattern must match a prefix.
TEST(lua_pattern, plain_characters_match_a_prefix) {
    EXPECT_EQ(lua_find_at_start("emergency", "em"), match);
    EXPECT_EQ(lua_find_at_start("emergency", "emergency"), match);
    EXPECT_EQ(lua_find_at_start("emergency", "me"), no_match);
    EXPECT_EQ(lua_find_at_start("emergency", "emergencyx"), no_match);
    EXPECT_EQ(lua_find_at_start("emergency", ""), match);
    EXPECT_EQ(lua_find_at_start("", ""), match);
}

// ". (a dot) represents all characters".
TEST(lua_pattern, dot_matches_any_character) {
    EXPECT_EQ(lua_find_at_start("alert", "a.e"), match);
    EXPECT_EQ(lua_find_at_start("a\nb", "a.b"), match);
    EXPECT_EQ(lua_find_at_start("a", "a."), no_match);
}

// %a letters, %c control characters, %d digits, %l lower case, %p punctuation, %s space
// characters, %u upper case, %w alphanumerics, %x hexadecimal digits; the upper-case letter is
// the complement.
TEST(lua_pattern, character_classes_and_their_complements) {
    EXPECT_EQ(lua_find_at_start("q", "%a"), match);
    EXPECT_EQ(lua_find_at_start("Q", "%a"), match);
    EXPECT_EQ(lua_find_at_start("7", "%a"), no_match);
    EXPECT_EQ(lua_find_at_start("7", "%A"), match);
    EXPECT_EQ(lua_find_at_start("\x01", "%c"), match);
    EXPECT_EQ(lua_find_at_start("\x7f", "%c"), match);
    EXPECT_EQ(lua_find_at_start("a", "%c"), no_match);
    EXPECT_EQ(lua_find_at_start("a", "%C"), match);
    EXPECT_EQ(lua_find_at_start("5", "%d"), match);
    EXPECT_EQ(lua_find_at_start("x", "%d"), no_match);
    EXPECT_EQ(lua_find_at_start("x", "%D"), match);
    EXPECT_EQ(lua_find_at_start("m", "%l"), match);
    EXPECT_EQ(lua_find_at_start("M", "%l"), no_match);
    EXPECT_EQ(lua_find_at_start("M", "%L"), match);
    EXPECT_EQ(lua_find_at_start("_", "%p"), match);
    EXPECT_EQ(lua_find_at_start("!", "%p"), match);
    EXPECT_EQ(lua_find_at_start("a", "%p"), no_match);
    EXPECT_EQ(lua_find_at_start("a", "%P"), match);
    EXPECT_EQ(lua_find_at_start(" ", "%s"), match);
    EXPECT_EQ(lua_find_at_start("\t", "%s"), match);
    EXPECT_EQ(lua_find_at_start("\r", "%s"), match);
    EXPECT_EQ(lua_find_at_start("a", "%s"), no_match);
    EXPECT_EQ(lua_find_at_start("a", "%S"), match);
    EXPECT_EQ(lua_find_at_start("Z", "%u"), match);
    EXPECT_EQ(lua_find_at_start("z", "%u"), no_match);
    EXPECT_EQ(lua_find_at_start("z", "%U"), match);
    EXPECT_EQ(lua_find_at_start("9", "%w"), match);
    EXPECT_EQ(lua_find_at_start("k", "%w"), match);
    EXPECT_EQ(lua_find_at_start("-", "%w"), no_match);
    EXPECT_EQ(lua_find_at_start("-", "%W"), match);
    EXPECT_EQ(lua_find_at_start("f", "%x"), match);
    EXPECT_EQ(lua_find_at_start("F", "%x"), match);
    EXPECT_EQ(lua_find_at_start("g", "%x"), no_match);
    EXPECT_EQ(lua_find_at_start("g", "%X"), match);
}

// %z is the NUL byte in Lua 5.1; LuaJIT's classes are ASCII only, so a byte from 0x80 is in
// no class (luajit@2.0.3:src/lj_char.c:1-17), and LuaJIT 2.0.3 knows %g, the printable
// characters except space (luajit@2.0.3:src/lib_string.c:226-230).
TEST(lua_pattern, nul_class_ascii_table_and_graph) {
    EXPECT_EQ(lua_find_at_start(std::string("\0a", 2), "%z"), match);
    EXPECT_EQ(lua_find_at_start("a", "%z"), no_match);
    EXPECT_EQ(lua_find_at_start("a", "%Z"), match);
    EXPECT_EQ(lua_find_at_start("\xc3\xa9", "%a"), no_match);
    EXPECT_EQ(lua_find_at_start("\xc3\xa9", "%A"), match);
    EXPECT_EQ(lua_find_at_start("\xc3", "%p"), no_match);
    EXPECT_EQ(lua_find_at_start("~", "%g"), match);
    EXPECT_EQ(lua_find_at_start(" ", "%g"), no_match);
    EXPECT_EQ(lua_find_at_start(" ", "%G"), match);
}

// "%x (where x is any non-alphanumeric character) represents the character x".
TEST(lua_pattern, percent_escapes_magic_characters) {
    EXPECT_EQ(lua_find_at_start("a.b", "a%.b"), match);
    EXPECT_EQ(lua_find_at_start("axb", "a%.b"), no_match);
    EXPECT_EQ(lua_find_at_start("%", "%%"), match);
    EXPECT_EQ(lua_find_at_start("(x)", "%(x%)"), match);
    EXPECT_EQ(lua_find_at_start("[", "%["), match);
}

// "[set] represents the class which is the union of all characters in set. A range ... can
// be specified by separating the end characters with a '-'. All classes %x ... may also be
// used as components in set. [^set] represents the complement of set."
TEST(lua_pattern, sets_ranges_and_complements) {
    EXPECT_EQ(lua_find_at_start("b", "[abc]"), match);
    EXPECT_EQ(lua_find_at_start("d", "[abc]"), no_match);
    EXPECT_EQ(lua_find_at_start("d", "[^abc]"), match);
    EXPECT_EQ(lua_find_at_start("a", "[^abc]"), no_match);
    EXPECT_EQ(lua_find_at_start("m", "[a-z]"), match);
    EXPECT_EQ(lua_find_at_start("M", "[a-z]"), no_match);
    EXPECT_EQ(lua_find_at_start("5", "[%d]"), match);
    EXPECT_EQ(lua_find_at_start("x", "[%dx]"), match);
    EXPECT_EQ(lua_find_at_start("x", "[^%d]"), match);
    // A '-' at the end of a set is itself; the first character after '[' (or '[^') is part of
    // the set even when it is ']'.
    EXPECT_EQ(lua_find_at_start("-", "[a-]"), match);
    EXPECT_EQ(lua_find_at_start("]", "[]]"), match);
    EXPECT_EQ(lua_find_at_start("]", "[^]]"), no_match);
    EXPECT_EQ(lua_find_at_start("]", "[%]]"), match);
    EXPECT_EQ(lua_find_at_start("^", "[%^]"), match);
    EXPECT_EQ(lua_find_at_start("debug", "[d][e][b]"), match);
}

// "*" 0 or more, longest; "+" 1 or more, longest; "-" 0 or more, shortest; "?" 0 or 1.
TEST(lua_pattern, quantifiers) {
    EXPECT_EQ(lua_find_at_start("aaab", "a*b"), match);
    EXPECT_EQ(lua_find_at_start("b", "a*b"), match);
    EXPECT_EQ(lua_find_at_start("informational", "i.*l"), match);
    EXPECT_EQ(lua_find_at_start("informational", "i.*n$"), no_match);
    EXPECT_EQ(lua_find_at_start("b", "a+b"), no_match);
    EXPECT_EQ(lua_find_at_start("aab", "a+b"), match);
    EXPECT_EQ(lua_find_at_start("aab", "a-b"), match);
    EXPECT_EQ(lua_find_at_start("alert", "a-l"), match);
    EXPECT_EQ(lua_find_at_start("b", "a?b"), match);
    EXPECT_EQ(lua_find_at_start("ab", "a?b"), match);
    EXPECT_EQ(lua_find_at_start("ac", "a?b"), no_match);
    EXPECT_EQ(lua_find_at_start("debug", "x?d"), match);
    // A quantifier after a set or a class applies to the whole single-character class.
    EXPECT_EQ(lua_find_at_start("notice", "[a-o]+t"), match);
    EXPECT_EQ(lua_find_at_start("notice", "%l*$"), match);
}

// "A '^' at the beginning of a pattern anchors the match at the beginning of the subject
// string. A '$' at the end ... anchors at the end ... At other positions, '^' and '$' have no
// special meaning and represent themselves." The `^` of the anchored find is already taken.
TEST(lua_pattern, anchors) {
    EXPECT_EQ(lua_find_at_start("debug", "debug$"), match);
    EXPECT_EQ(lua_find_at_start("debugx", "debug$"), no_match);
    EXPECT_EQ(lua_find_at_start("debug", "$"), no_match);
    EXPECT_EQ(lua_find_at_start("", "$"), match);
    EXPECT_EQ(lua_find_at_start("a$b", "a$b"), match);
    EXPECT_EQ(lua_find_at_start("^a", "^a"), match);
    EXPECT_EQ(lua_find_at_start("a", "^a"), no_match);
}

// Captures: "()" captures a position; "%n" matches the n-th captured substring; "%bxy" a
// balanced string; "%f[set]" a frontier (the frontier is Lua 5.2's documentation, LuaJIT 2.0.3
// has it: luajit@2.0.3:src/lib_string.c:390-401).
TEST(lua_pattern, captures_back_references_balance_and_frontier) {
    EXPECT_EQ(lua_find_at_start("debug", "(d)ebug"), match);
    EXPECT_EQ(lua_find_at_start("debug", "()d"), match);
    EXPECT_EQ(lua_find_at_start("aa", "(a)%1"), match);
    EXPECT_EQ(lua_find_at_start("ab", "(a)%1"), no_match);
    EXPECT_EQ(lua_find_at_start("(x(y))z", "%b()z"), match);
    EXPECT_EQ(lua_find_at_start("(x(y)z", "%b()"), no_match);
    EXPECT_EQ(lua_find_at_start("THE", "%f[%a]THE"), match);
    EXPECT_EQ(lua_find_at_start("THE", "THE%f[%A]"), match);
    EXPECT_EQ(lua_find_at_start("THEN", "THE%f[%A]"), no_match);
}

// The errors string.find raises (luajit@2.0.3:src/lj_errmsg.h:90-98).
TEST(lua_pattern, malformed_patterns_are_errors_when_reached) {
    EXPECT_EQ(lua_find_at_start("error", "err%"), error);   // ends with '%'
    EXPECT_EQ(lua_find_at_start("error", "[a"), error);     // missing ']'
    EXPECT_EQ(lua_find_at_start("error", "[a%"), error);    // missing ']'
    EXPECT_EQ(lua_find_at_start("error", "[^"), error);     // missing ']'
    EXPECT_EQ(lua_find_at_start("error", "e)"), error);     // invalid pattern capture
    EXPECT_EQ(lua_find_at_start("error", "(e"), error);     // unfinished capture
    EXPECT_EQ(lua_find_at_start("error", "%1"), error);     // invalid capture index
    EXPECT_EQ(lua_find_at_start("error", "(e)%2"), error);  // invalid capture index
    EXPECT_EQ(lua_find_at_start("error", "(e%1)"), error);  // capture still open
    EXPECT_EQ(lua_find_at_start("error", "%0"), error);     // invalid capture index
    EXPECT_EQ(lua_find_at_start("error", "%b"), error);     // unbalanced pattern
    EXPECT_EQ(lua_find_at_start("error", "%bx"), error);    // unbalanced pattern
    EXPECT_EQ(lua_find_at_start("error", "%fx"), error);    // missing '[' after %f
    // The matcher reads the pattern only as far as the match goes: a malformed tail behind a
    // failing item, or an open capture of a failed match, raises nothing.
    EXPECT_EQ(lua_find_at_start("emergency", "err%"), no_match);
    EXPECT_EQ(lua_find_at_start("emergency", "x[a"), no_match);
    EXPECT_EQ(lua_find_at_start("emergency", "(x"), no_match);
    EXPECT_EQ(lua_find_at_start("emergency", "x)"), no_match);
}

// More than LUA_MAXCAPTURES (32) captures is an error (luajit@2.0.3:src/luaconf.h:93,
// src/lib_string.c:336).
TEST(lua_pattern, at_most_32_captures) {
    const std::string subject(40, 'a');
    std::string open32, close32;
    for (int i = 0; i < 32; ++i) {
        open32 += '(';
        close32 += ')';
    }
    EXPECT_EQ(lua_find_at_start(subject, open32 + "a" + close32), match);
    EXPECT_EQ(lua_find_at_start(subject, open32 + "(a)" + close32), error);
}

// Every recursive call of the matcher counts against LJ_MAX_XLEVEL (200): N items `a?` that
// all match nest N+1 calls (luajit@2.0.3:src/lj_def.h:61, src/lib_string.c:370-371).
TEST(lua_pattern, nesting_deeper_than_200_calls_is_an_error) {
    const std::string subject(300, 'a');
    std::string items199, items200;
    for (int i = 0; i < 199; ++i) {
        items199 += "a?";
    }
    items200 = items199 + "a?";
    EXPECT_EQ(lua_find_at_start(subject, items199), match);
    EXPECT_EQ(lua_find_at_start(subject, items200), error);
    // Items without quantifier loop instead of recursing.
    EXPECT_EQ(lua_find_at_start(subject, std::string(250, 'a')), match);
}

// The C matcher reads the pattern up to its first NUL byte (luajit@2.0.3:src/lib_string.c:412),
// while the subject is taken with its length.
TEST(lua_pattern, pattern_ends_at_its_first_nul) {
    EXPECT_EQ(lua_find_at_start("debug", std::string("d\0x", 3)), match);
    EXPECT_EQ(lua_find_at_start("debug", std::string("d%\0x", 4)), error);
    EXPECT_EQ(lua_find_at_start(std::string("a\0b", 3), std::string("a%zb")), match);
}

}  // namespace
}  // namespace falco_ref
