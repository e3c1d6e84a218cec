// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// A case's configuration as Falco reads it before it starts its outputs: the config file (its
// `{{placeholders}}` read as plain text), then each `-o KEY=VALUE` / `--option KEY=VALUE` of the
// arguments in order, each one setting the key at its dot path, so the last one wins
// (falco@0.44.1:userspace/falco/configuration.cpp:126-153,770-790;
// falco@0.15.3:userspace/falco/configuration.cpp:61-66,303-325). A value in braces sets a mapping
// (`-o stdout_output={enabled: true}`); any other value is a string scalar, read as a YAML
// bool where a bool is wanted. An option Falco refuses (no `=`, an empty or indexed key
// segment) changes nothing here: the implementation is expected to stop at start-up.
class effective_config {
public:
    effective_config(const std::optional<std::string>& config,
                     const std::vector<std::string>& args);

    // False when the config file is not YAML or not a mapping (Falco refuses it at start-up).
    bool readable() const { return readable_; }

    // The value at a dot path (`file_output.enabled`) as a YAML bool; nullopt when the key is
    // missing or its value is not a bool (Falco 0.44 then uses the default).
    std::optional<bool> boolean(std::string_view path) const;
    // The value at a dot path as text, when it is a scalar.
    std::optional<std::string> scalar(std::string_view path) const;

    // Where the value at `path` was set last, for messages: "-o KEY=VALUE" (as written) or
    // "the config".
    std::string origin(std::string_view path) const;

private:
    std::optional<YAML::Node> at(std::string_view path) const;
    void apply_option(const std::string& flag, const std::string& option);

    YAML::Node root_;
    bool readable_ = true;
    std::map<std::string, std::string> option_of_;  // dot path -> the -o that set it last
};

}  // namespace conformance
