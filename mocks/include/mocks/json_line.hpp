// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mocks {

// Builds one JSON Lines record (an object and its trailing newline) in the form the README
// fixes: byte strings are JSON strings when valid UTF-8, otherwise the key gets a `_base64`
// suffix and the value is base64, so no byte is ever lost or altered.
class json_line {
public:
    json_line();
    ~json_line();
    json_line(const json_line&) = delete;
    json_line& operator=(const json_line&) = delete;

    json_line& text(std::string_view key, std::string_view value);  // value must be UTF-8
    json_line& bytes(std::string_view key, std::string_view value);
    json_line& optional_bytes(std::string_view key, const std::optional<std::string>& value);
    json_line& number(std::string_view key, std::int64_t value);
    json_line& optional_number(std::string_view key, std::optional<std::int64_t> value);
    json_line& boolean(std::string_view key, bool value);
    json_line& null(std::string_view key);
    json_line& bytes_array(std::string_view key, const std::vector<std::string>& values);
    // [[name, value], ...]; when any name or value is not UTF-8, the whole list goes to
    // `<key>_base64` with every element base64-encoded.
    json_line& pairs(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& values);

    // The finished record, newline-terminated. The builder must not be used afterwards.
    std::string finish();

private:
    struct state;
    std::unique_ptr<state> state_;
};

bool is_valid_utf8(std::string_view bytes);

}  // namespace mocks
