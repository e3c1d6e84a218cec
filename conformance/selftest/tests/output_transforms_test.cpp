// SPDX-License-Identifier: Apache-2.0
// The output transforms of the defect shim: each changes what it names and nothing else.
#include "shim/output_transforms.hpp"

#include <gtest/gtest.h>

namespace selftest {
namespace {

TEST(output_transforms, json_members_reversed_at_every_level_keeping_separators) {
    EXPECT_EQ(transform_output(output_transform::json_members_reversed,
                               R"({"a":1,"b":{"x":[1,{"p":2,"q":3}],"y":"s,}"},"c":null})"
                               "\n"),
              R"({"c":null,"b":{"y":"s,}","x":[1,{"q":3,"p":2}]},"a":1})"
              "\n");
    // The legacy graft: `, "output_fields": ` keeps its spaces where they were.
    EXPECT_EQ(*reverse_json_members(R"({"rule":"r","time":"t", "output_fields": {"f":1}})"),
              R"({"output_fields": {"f":1},"time":"t", "rule":"r"})");
}

TEST(output_transforms, json_members_reversed_leaves_other_lines_alone) {
    const std::string text = "16:17:57.881781397: Warning {\"a\":1,\"b\":2}\nEvents detected: 1\n";
    EXPECT_EQ(transform_output(output_transform::json_members_reversed, text), text);
    EXPECT_EQ(transform_output(output_transform::json_members_reversed, "{\"a\":1,\"b\"\n"),
              "{\"a\":1,\"b\"\n");  // not JSON: unchanged
    EXPECT_FALSE(reverse_json_members("{\"a\":1} trailing").has_value());
}

TEST(output_transforms, uppercase_escapes_changes_only_hex_digits_of_u_escapes) {
    EXPECT_EQ(
        transform_output(output_transform::uppercase_escapes, R"({"m":"\u001b\\u00ff \n\u00e9"})"),
        R"({"m":"\u001B\\u00ff \n\u00E9"})");
}

TEST(output_transforms, no_newline_drops_every_terminator) {
    EXPECT_EQ(transform_output(output_transform::no_newline, "a\nb\n\nc"), "abc");
}

TEST(output_transforms, names) {
    EXPECT_EQ(parse_output_transform("no_newline"), output_transform::no_newline);
    EXPECT_FALSE(parse_output_transform("none").has_value());
}

}  // namespace
}  // namespace selftest
