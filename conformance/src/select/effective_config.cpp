// SPDX-License-Identifier: Apache-2.0
#include "select/effective_config.hpp"

#include <regex>

namespace conformance {

namespace {

// `a.b.c` as {a, b, c}; empty when Falco would refuse the key (an empty segment, an index, an
// escape): such an option stops the implementation at start-up and sets nothing.
std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        parts.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (parts.back().empty() || parts.back().find_first_of("[]\\") != std::string::npos) {
            return {};
        }
        if (dot == std::string_view::npos) {
            return parts;
        }
        start = dot + 1;
    }
}

void set_at(YAML::Node node, const std::vector<std::string>& parts, std::size_t i,
            const YAML::Node& value) {
    if (i + 1 == parts.size()) {
        node[parts[i]] = value;
        return;
    }
    if (!node[parts[i]].IsMap()) {
        node[parts[i]] = YAML::Node(YAML::NodeType::Map);
    }
    set_at(node[parts[i]], parts, i + 1, value);
}

std::optional<YAML::Node> find_at(const YAML::Node& node, const std::vector<std::string>& parts,
                                  std::size_t i) {
    if (i == parts.size()) {
        return node;
    }
    if (!node.IsMap()) {
        return std::nullopt;
    }
    const YAML::Node child = node[parts[i]];
    if (!child) {
        return std::nullopt;
    }
    return find_at(child, parts, i + 1);
}

}  // namespace

effective_config::effective_config(const std::optional<std::string>& config,
                                   const std::vector<std::string>& args)
    : root_(YAML::NodeType::Map) {
    if (config) {
        try {
            // Placeholders ({{capture}}, {{http_url}}) may stand where YAML reads a flow map.
            const auto loaded =
                YAML::Load(std::regex_replace(*config, std::regex(R"(\{\{[^}]*\}\})"), "x"));
            if (loaded.IsMap()) {
                root_ = loaded;
            } else if (!loaded.IsNull()) {
                readable_ = false;
            }
        } catch (const YAML::Exception&) {
            readable_ = false;
        }
    }
    if (!readable_) {
        return;  // Falco stops at the config; its options are never read
    }
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "-o" || args[i] == "--option") {
            apply_option(args[i], args[i + 1]);
        }
    }
}

void effective_config::apply_option(const std::string& flag, const std::string& option) {
    const auto eq = option.find('=');
    if (eq == std::string::npos) {
        return;
    }
    const auto key = option.substr(0, eq);
    const auto parts = split_path(key);
    if (parts.empty()) {
        return;
    }
    const auto text = option.substr(eq + 1);
    YAML::Node value(text);
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
        try {
            value = YAML::Load(text);
        } catch (const YAML::Exception&) {
            return;  // Falco refuses it at start-up
        }
    }
    set_at(root_, parts, 0, value);
    for (auto it = option_of_.lower_bound(key + "."); it != option_of_.end();) {
        if (!it->first.starts_with(key + ".")) {
            break;
        }
        it = option_of_.erase(it);
    }
    option_of_[key] = flag + " " + option;
}

std::optional<YAML::Node> effective_config::at(std::string_view path) const {
    const auto parts = split_path(path);
    if (!readable_ || parts.empty()) {
        return std::nullopt;
    }
    return find_at(root_, parts, 0);
}

std::optional<bool> effective_config::boolean(std::string_view path) const {
    const auto node = at(path);
    bool value = false;
    if (node && node->IsScalar() && YAML::convert<bool>::decode(*node, value)) {
        return value;
    }
    return std::nullopt;
}

std::optional<std::string> effective_config::scalar(std::string_view path) const {
    const auto node = at(path);
    if (node && node->IsScalar()) {
        return node->as<std::string>();
    }
    return std::nullopt;
}

std::string effective_config::origin(std::string_view path) const {
    std::string key(path);
    while (true) {
        if (const auto it = option_of_.find(key); it != option_of_.end()) {
            return it->second;
        }
        const auto dot = key.rfind('.');
        if (dot == std::string::npos) {
            return "the config";
        }
        key.resize(dot);
    }
}

}  // namespace conformance
