// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace replay {

// A YAML 1.2 double-quoted scalar that yaml-cpp (Falco's rules reader) reads back as exactly
// `bytes`. Characters outside YAML's printable set (C0, DEL, C1, U+2028/9, BOM) become \u
// escapes, since a raw one makes the rules file invalid. nullopt when `bytes` is not valid UTF-8
// or holds NUL: a rules file cannot carry those bytes (docs/REAL-FALCO.md, "Limits").
std::optional<std::string> yaml_double_quoted(std::string_view bytes);

// A JSON string literal for valid UTF-8 text (the plugin's spec and field list).
std::string json_quoted(std::string_view text);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool valid_utf8(std::string_view bytes);

}  // namespace replay
