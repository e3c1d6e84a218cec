// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>

#include "falco_ref/yaml_key_path.hpp"

namespace falco_ref {
namespace {

std::string error_of(const std::string& key, bool can_append = true) {
    YAML::Node root = YAML::Load("{list: [a, b], m: {x: 1}}");
    try {
        yaml_key_path::resolve(root, key, can_append);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

// docs/spec/0.44.md#config.o.path: dots, indices, escapes (yaml_helper.h:366-468).
TEST(config_key_path, dots_and_indices_reach_nested_nodes) {
    YAML::Node root = YAML::Load("{list: [{x: 1}, {x: 2}], m: {y: {z: deep}}}");
    EXPECT_EQ(yaml_key_path::resolve(root, "m.y.z", false).as<std::string>(), "deep");
    EXPECT_EQ(yaml_key_path::resolve(root, "list[1].x", false).as<int>(), 2);
    EXPECT_FALSE(yaml_key_path::resolve(root, "m.absent", false).IsDefined());
}

TEST(config_key_path, assignment_creates_missing_levels) {
    YAML::Node root = YAML::Load("{}");
    yaml_key_path::resolve(root, "a.b.c", true) = "v";
    EXPECT_EQ(root["a"]["b"]["c"].as<std::string>(), "v");
}

// `[]` appends (docs/spec/0.44.md#config.o.path).
TEST(config_key_path, empty_brackets_append_to_a_sequence) {
    YAML::Node root = YAML::Load("{list: [a, b]}");
    yaml_key_path::resolve(root, "list[]", true) = "c";
    ASSERT_EQ(root["list"].size(), 3u);
    EXPECT_EQ(root["list"][2].as<std::string>(), "c");
}

// `[n]` on a missing node creates a map key "n" (yaml-cpp's operator[] on an undefined node).
TEST(config_key_path, index_on_a_missing_node_becomes_a_map_key) {
    YAML::Node root = YAML::Load("{}");
    yaml_key_path::resolve(root, "k[3]", true) = "v";
    ASSERT_TRUE(root["k"].IsMap());
    EXPECT_EQ(root["k"]["3"].as<std::string>(), "v");
}

// "The escapes `\.`, `\[`, `\]`, `\\` allow literal characters (new in 0.44.0)".
TEST(config_key_path, escapes_make_literal_key_characters) {
    YAML::Node root = YAML::Load("{}");
    yaml_key_path::resolve(root, "annotations.kubernetes\\.io/role", true) = "master";
    EXPECT_EQ(root["annotations"]["kubernetes.io/role"].as<std::string>(), "master");
    yaml_key_path::resolve(root, "a\\[0\\]", true) = "x";
    EXPECT_EQ(root["a[0]"].as<std::string>(), "x");
    yaml_key_path::resolve(root, "b\\\\c", true) = "y";
    EXPECT_EQ(root["b\\c"].as<std::string>(), "y");
}

// Error texts: docs/spec/0.44.md#config.o.path.errors, positions as yaml_helper.h:390-460
// computes them.
TEST(config_key_path, parse_errors_use_falcos_wording) {
    EXPECT_EQ(error_of("a..b"),
              "Config error at key \"a..b\": Parsing error: unexpected character at pos 2");
    EXPECT_EQ(error_of(".a"),
              "Config error at key \".a\": Parsing error: unexpected character at pos 0");
    EXPECT_EQ(error_of("a\\"),
              "Config error at key \"a\\\": Parsing error: trailing backslash at pos 1");
    EXPECT_EQ(
        error_of("a\\x"),
        "Config error at key \"a\\x\": Parsing error: invalid escape sequence '\\x' at pos 1");
    EXPECT_EQ(
        error_of("list[x]"),
        "Config error at key \"list[x]\": Parsing error: expected a numeric index, found 'x'");
    EXPECT_EQ(error_of("list[0]b"),
              "Config error at key \"list[0]b\": Parsing error: expected '.' character at pos 6");
}

// `[]` only appends when writing; reading it is a non-numeric index (yaml_helper.h:440-452).
TEST(config_key_path, empty_index_is_an_error_when_reading) {
    EXPECT_EQ(error_of("list[]", false),
              "Config error at key \"list[]\": Parsing error: expected a numeric index, found ''");
    // ... and when the node is a map, which cannot be appended to.
    EXPECT_EQ(error_of("m[]", true),
              "Config error at key \"m[]\": Parsing error: expected a numeric index, found ''");
}

// Without a later `]` the rest of the key is the index text (yaml_helper.h:438-462,
// docs/spec/0.44.md#config.o.path.unclosed): a text stoi rejects is Falco's own error ...
TEST(config_key_path, unclosed_bracket_with_a_rejected_index_is_falcos_error) {
    EXPECT_EQ(error_of("m[x"),
              "Config error at key \"m[x\": Parsing error: expected a numeric index, found 'x'");
    EXPECT_EQ(error_of("m[x.y"),
              "Config error at key \"m[x.y\": Parsing error: expected a numeric index, found "
              "'x.y'");
    // A map cannot be appended to, so an empty text is no index either.
    EXPECT_EQ(error_of("m["),
              "Config error at key \"m[\": Parsing error: expected a numeric index, found ''");
    EXPECT_EQ(error_of("list[", false),
              "Config error at key \"list[\": Parsing error: expected a numeric index, found ''");
}

// ... while an accepted one, where Falco 0.44.1 walks the key again forever, ends with an error
// whose reason is the reference's own.
TEST(config_key_path, unclosed_bracket_with_an_accepted_index_ends) {
    EXPECT_EQ(error_of("m[1"), "Config error at key \"m[1\": Parsing error: missing ']' at pos 1");
    EXPECT_EQ(error_of("m[1x"),
              "Config error at key \"m[1x\": Parsing error: missing ']' at pos 1");
    EXPECT_EQ(error_of("list[", true),
              "Config error at key \"list[\": Parsing error: missing ']' at pos 4");
    EXPECT_EQ(error_of("new[", true),
              "Config error at key \"new[\": Parsing error: missing ']' at pos 3");
}

// Falco 0.36: no `[]`, std::stoi's own error text, yaml-cpp 0.6.2's bare subscript error
// (docs/spec/0.36.md#config.o.path.errors, docs/spec/0.36.md#config.o.path.scalar).
std::string error_036(const std::string& key) {
    yaml_key_path::dialect rules;
    rules.escapes = false;
    rules.index_by_stoi = true;
    rules.subscript_error_has_position = false;
    YAML::Node root = YAML::Load("{list: [a, b], m: {x: 1}, s: text}");
    try {
        yaml_key_path::resolve(root, key, true, rules);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

TEST(config_key_path_036, rejected_indices_are_stoi) {
    EXPECT_EQ(error_036("list[]"), "Config error at key \"list[]\": stoi");
    EXPECT_EQ(error_036("list[x]"), "Config error at key \"list[x]\": stoi");
    EXPECT_EQ(error_036("list["), "Config error at key \"list[\": stoi");
    EXPECT_EQ(error_036("list[99999999999]"), "Config error at key \"list[99999999999]\": stoi");
    EXPECT_EQ(error_036("list[1]"), "");
    EXPECT_EQ(error_036("m..x"),
              "Config error at key \"m..x\": Parsing error: unexpected "
              "character at pos 2");
}

TEST(config_key_path_036, a_subscript_of_a_scalar_has_no_position) {
    EXPECT_EQ(error_036("s.x"), "Config error at key \"s.x\": operator[] call on a scalar");
    const std::string modern = error_of("m.x.y");
    EXPECT_NE(modern.find("operator[] call on a scalar (key: \"y\")"), std::string::npos) << modern;
}

}  // namespace
}  // namespace falco_ref
