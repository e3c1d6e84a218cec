// SPDX-License-Identifier: Apache-2.0
#include "output_config_probe.hpp"

#include <yaml-cpp/yaml.h>

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
            if (eq != std::string::npos)
                overrides.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        }
    }
    if (config.empty())
        return std::nullopt;
    bool json = false;        // F/configuration.cpp: json_output defaults to false
    bool with_fields = true;  // json_include_output_fields_property defaults to true
    try {
        const auto root = YAML::LoadFile(config);
        if (root.IsMap()) {
            if (root["json_output"])
                json = root["json_output"].as<bool>(json);
            if (root["json_include_output_fields_property"]) {
                with_fields = root["json_include_output_fields_property"].as<bool>(with_fields);
            }
        }
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    for (const auto& [key, value] : overrides) {
        // -o values are string scalars (profile-0.44.md 1m "-o key=val").
        if (key == "json_output")
            json = YAML::Node(value).as<bool>(json);
        if (key == "json_include_output_fields_property") {
            with_fields = YAML::Node(value).as<bool>(with_fields);
        }
    }
    return json && with_fields;
}

}  // namespace replay
