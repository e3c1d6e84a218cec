// SPDX-License-Identifier: Apache-2.0
// Expected values: docs/spec/common.md#config.json_output (json_output default false),
// docs/spec/0.44.md#json.include.output_fields (default true), docs/spec/common.md#config.bool
// and docs/spec/0.44.md#config.types (y/yes/true/on in lower, UPPER or Capitalised case; `1` and
// `tRue` give the default) and docs/spec/common.md#config.o.order (after the file, last one
// wins).
#include "output_config_probe.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using replay::output_config_probe;

namespace {

// A config file that is removed with the test.
class temp_config {
public:
    explicit temp_config(const std::string& text)
        : path_(std::filesystem::temp_directory_path() /
                ("replay-probe-" + std::to_string(::getpid()) + "-" + std::to_string(++count_) +
                 ".yaml")) {
        std::ofstream(path_) << text;
    }
    ~temp_config() { std::filesystem::remove(path_); }
    std::string path() const { return path_.string(); }

private:
    static inline int count_ = 0;
    std::filesystem::path path_;
};

std::optional<bool> probe(const std::vector<std::string>& args) {
    return output_config_probe::json_output_fields(args);
}

std::optional<bool> probe_text(const std::string& text) {
    const temp_config c(text);
    return probe({"-c", c.path()});
}

}  // namespace

TEST(output_config_probe, defaults_are_text) {
    EXPECT_EQ(probe_text("stdout_output:\n  enabled: true\n"), false);
}

TEST(output_config_probe, json_with_fields) {
    EXPECT_EQ(probe_text("json_output: true\n"), true);
    EXPECT_EQ(probe_text("json_output: Yes\n"), true);
    EXPECT_EQ(probe_text("json_output: tRue\n"), false);  // falls back to default
    EXPECT_EQ(probe_text("json_output: true\njson_include_output_fields_property: false\n"), false);
}

TEST(output_config_probe, o_overrides_win_in_order) {
    const temp_config c("json_output: false\n");
    EXPECT_EQ(probe({"-c", c.path(), "-o", "json_output=true"}), true);
    EXPECT_EQ(probe({"-c", c.path(), "-o", "json_output=true", "-o", "json_output=off"}), false);
}

// An unparsable -o value replaces the file's value in the merged document, so the read gives
// Falco's default (false), not the file's true.
TEST(output_config_probe, unparsable_o_value_gives_the_default) {
    const temp_config c("json_output: true\n");
    EXPECT_EQ(probe({"-c", c.path(), "-o", "json_output=maybe"}), false);
}

TEST(output_config_probe, unreadable_config_is_unknown) {
    EXPECT_EQ(probe({"-c", "/nonexistent/falco.yaml"}), std::nullopt);
    EXPECT_EQ(probe_text("a: [unclosed\n"), std::nullopt);
    EXPECT_EQ(probe({}), std::nullopt);
    // yaml-cpp reports a directory with std::ios_failure, not a YAML::Exception.
    EXPECT_EQ(probe({"-c", std::filesystem::temp_directory_path().string()}), std::nullopt);
}
