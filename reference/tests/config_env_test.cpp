// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "falco_ref/env_expander.hpp"

namespace falco_ref {
namespace {

env_expander with_env(std::map<std::string, std::string> vars) {
    return env_expander([vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    });
}

// Every expectation: docs/spec/0.44.md#153-environment-variables
// (falco@0.44.1:userspace/engine/yaml_helper.h:313-364, "tested").
TEST(config_env, variable_is_replaced_by_its_value) {
    EXPECT_EQ(with_env({{"A", "val"}}).expand("x-${A}-y"), "x-val-y");
}

TEST(config_env, unset_variable_is_removed) {
    EXPECT_EQ(with_env({}).expand("x-${UNSET}-y"), "x--y");
}

TEST(config_env, double_dollar_gives_the_literal) {
    EXPECT_EQ(with_env({{"X", "no"}}).expand("$${X}"), "${X}");
    EXPECT_EQ(with_env({{"X", "no"}, {"A", "a"}}).expand("$${X} ${A}"), "${X} a");
}

TEST(config_env, unterminated_reference_leaves_the_rest) {
    EXPECT_EQ(with_env({{"A", "a"}}).expand("${A} ${B"), "a ${B");
}

TEST(config_env, bare_dollar_stops_expansion_for_the_rest_of_the_scalar) {
    EXPECT_EQ(with_env({{"HOME", "/root"}}).expand("a$b ${HOME}"), "a$b ${HOME}");
    EXPECT_EQ(with_env({{"HOME", "/root"}}).expand("${HOME} $x ${HOME}"), "/root $x ${HOME}");
}

TEST(config_env, substituted_text_is_scanned_again) {
    EXPECT_EQ(with_env({{"A", "${B}"}, {"B", "z"}}).expand("${A}"), "z");
}

TEST(config_env, self_reference_terminates) {
    // Falco loops forever here; we stop (env_expander::k_max_substitutions).
    const std::string out = with_env({{"A", "${A}"}}).expand("${A}");
    EXPECT_EQ(out, "${A}");
}

TEST(config_env, tree_expansion_touches_values_not_keys_nor_nulls) {
    YAML::Node root = YAML::Load("{'${K}': '${V}', list: ['${V}', x], n: ~}");
    with_env({{"K", "key"}, {"V", "val"}}).expand_tree(root);
    EXPECT_EQ(root["${K}"].as<std::string>(), "val");
    EXPECT_FALSE(root["key"].IsDefined());
    EXPECT_EQ(root["list"][0].as<std::string>(), "val");
    EXPECT_TRUE(root["n"].IsNull());
}

}  // namespace
}  // namespace falco_ref
