// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace replay {

// Whether the Falco run the harness asks for prints JSON alerts with `output_fields`
// (`json_output` true and `json_include_output_fields_property` not false,
// docs/spec/0.44.md#json.include.output_fields, docs/spec/common.md#config.json_output), from the
// harness's `-c CONFIG` and `-o` arguments, read with Falco's rules: scalars through yaml-cpp's
// `as<bool>(default)` (docs/spec/common.md#config.bool, docs/spec/0.44.md#config.types), `-o` after
// the file and the last one winning. Message-mode rules are faithful only when this is false.
class output_config_probe {
public:
    // nullopt when the config cannot be read: Falco then stops with its own error first.
    static std::optional<bool> json_output_fields(const std::vector<std::string>& harness_args);
};

}  // namespace replay
