// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "falco_ref/env_expander.hpp"

namespace falco_ref {
namespace {

// An expander with `vars` set in the process environment for the object's lifetime; what they
// held before is restored afterwards.
class with_env : public env_expander {
public:
    explicit with_env(std::initializer_list<std::pair<std::string, std::string>> vars) {
        for (const auto& [name, value] : vars) {
            const char* before = std::getenv(name.c_str());
            saved_.emplace_back(
                name, before == nullptr ? std::nullopt : std::optional<std::string>(before));
            ::setenv(name.c_str(), value.c_str(), 1);
        }
    }
    ~with_env() {
        for (const auto& [name, before] : saved_) {
            if (before) {
                ::setenv(name.c_str(), before->c_str(), 1);
            } else {
                ::unsetenv(name.c_str());
            }
        }
    }
    with_env(const with_env&) = delete;
    with_env& operator=(const with_env&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Every expectation: docs/spec/0.44.md#153-environment-variables
// (falco@0.44.1:userspace/engine/yaml_helper.h:313-364, "tested").
TEST(config_env, variable_is_replaced_by_its_value) {
    EXPECT_EQ(with_env({{"A", "val"}}).expand("x-${A}-y"), "x-val-y");
}

TEST(config_env, unset_variable_is_removed) {
    EXPECT_EQ(env_expander().expand("x-${UNSET}-y"), "x--y");
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

// Falco 0.36: only a whole value is expanded, when its key is read
// (docs/spec/0.36.md#config.env.expand, docs/spec/0.36.md#config.env.escape,
// docs/spec/0.36.md#config.env.loop; falco@0.36.2:userspace/falco/yaml_helper.h:76-111).
using read_kind = env_expander::read_value::kind;

TEST(config_env_whole_value, only_a_whole_reference_is_replaced) {
    const with_env env({{"A", "val"}, {"A}${B", "odd"}, {"LOOP", "${LOOP}"}});
    const auto whole = env.expand_whole_value("${A}");
    EXPECT_EQ(whole.what, read_kind::streamed);
    EXPECT_EQ(whole.text, "val");
    EXPECT_EQ(env.expand_whole_value("x-${A}").what, read_kind::as_written);
    EXPECT_EQ(env.expand_whole_value("${A}-x").what, read_kind::as_written);
    EXPECT_EQ(env.expand_whole_value("a$b ${A}").what, read_kind::as_written);
    // The name is everything between `${` and the last `}`, and a value is never rescanned.
    EXPECT_EQ(env.expand_whole_value("${A}${B}").text, "odd");
    EXPECT_EQ(env.expand_whole_value("${LOOP}").text, "${LOOP}");
}

TEST(config_env_whole_value, unset_or_empty_name_is_the_default) {
    EXPECT_EQ(env_expander().expand_whole_value("${UNSET}").what, read_kind::unset);
    EXPECT_EQ(env_expander().expand_whole_value("${}").what, read_kind::unset);
}

TEST(config_env_whole_value, double_dollar_escapes_from_three_bytes) {
    const with_env env({{"X", "no"}});
    const auto braced = env.expand_whole_value("$${X}");
    EXPECT_EQ(braced.what, read_kind::streamed);
    EXPECT_EQ(braced.text, "${X}");
    EXPECT_EQ(env.expand_whole_value("$$x").text, "$$x");
    EXPECT_EQ(env.expand_whole_value("$${").text, "$${");
    EXPECT_EQ(env.expand_whole_value("$$").what, read_kind::as_written);
}

}  // namespace
}  // namespace falco_ref
