// SPDX-License-Identifier: Apache-2.0
#include "output_config_probe.hpp"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace replay {

std::optional<bool> output_config_probe::json_output_fields(
    const std::vector<std::string>& harness_args) {
    std::string config;
    std::vector<std::pair<std::string, std::string>> overrides;
    for (std::size_t i = 0; i + 1 < harness_args.size(); ++i) {
        if (harness_args[i] == "-c") {
            config = harness_args[++i];
        } else if (harness_args[i] == "-o" || harness_args[i] == "--option") {
            const auto& kv = harness_args[++i];
            const auto eq = kv.find('=');
            if (eq != std::string::npos) {
                overrides.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
            }
        }
    }
    if (config.empty()) {
        return std::nullopt;
    }
    // The final scalar of each key (the file's, then each -o replacing it), read once with
    // Falco's default: an unparsable value gives the default, not the previous value, because
    // Falco reads the merged document (docs/spec/common.md#config.o.order,
    // docs/spec/0.44.md#config.types).
    std::optional<std::string> json_text;
    std::optional<std::string> fields_text;
    const auto scalar = [](const YAML::Node& node) -> std::optional<std::string> {
        if (node && node.IsScalar()) {
            return node.Scalar();
        }
        return std::nullopt;
    };
    try {
        const auto root = YAML::LoadFile(config);
        if (root.IsMap()) {
            json_text = scalar(root["json_output"]);
            fields_text = scalar(root["json_include_output_fields_property"]);
        }
    } catch (const std::exception&) {
        // YAML::Exception, and std::ios_failure from yaml-cpp's stream when `-c` names a
        // directory: Falco stops with its own error first.
        return std::nullopt;
    }
    for (const auto& [key, value] : overrides) {
        // -o values are string scalars (docs/spec/0.44.md#config.o.value).
        if (key == "json_output") {
            json_text = value;
        }
        if (key == "json_include_output_fields_property") {
            fields_text = value;
        }
    }
    // falco@0.44.1:userspace/falco/configuration.cpp:324-331: json_output defaults to false,
    // json_include_output_fields_property to true.
    const bool json = json_text && YAML::Node(*json_text).as<bool>(false);
    const bool with_fields = !fields_text || YAML::Node(*fields_text).as<bool>(true);
    return json && with_fields;
}

}  // namespace replay
