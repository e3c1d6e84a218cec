// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace selftest {

// A deliberate defect in the bytes an implementation writes to its channels (stdout, files,
// program pipes, syslog messages, HTTP bodies). Each transform works line by line and leaves
// a line it does not apply to exactly as it was.
enum class output_transform {
    none,
    // Every JSON object (a line that starts with '{', and every object nested in it) has its
    // members in reverse order; separators and values are kept byte for byte.
    json_members_reversed,
    // The hex digits of every `\uXXXX` escape in upper case (0.44 writes `\u001b`).
    uppercase_escapes,
    // Every '\n' is dropped: lines lose their terminator.
    no_newline,
};

// "json_members_reversed", "uppercase_escapes", "no_newline"; nullopt for anything else.
std::optional<output_transform> parse_output_transform(std::string_view name);

// `data` transformed: any number of lines, each with or without its '\n'.
std::string transform_output(output_transform t, std::string_view data);

// One JSON text with the members of every object reversed; nullopt when `text` is not one
// well-formed JSON value (then the caller leaves it alone).
std::optional<std::string> reverse_json_members(std::string_view text);

}  // namespace selftest
