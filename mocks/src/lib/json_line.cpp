// SPDX-License-Identifier: Apache-2.0
#include "mocks/json_line.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "mocks/base64.hpp"

namespace mocks {

struct json_line::state {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
    void key(std::string_view k) { writer.Key(k.data(), static_cast<unsigned>(k.size())); }
    void string(std::string_view v) { writer.String(v.data(), static_cast<unsigned>(v.size())); }
};

json_line::json_line() : state_(std::make_unique<state>()) {
    state_->writer.StartObject();
}
json_line::~json_line() = default;

json_line& json_line::text(std::string_view key, std::string_view value) {
    state_->key(key);
    state_->string(value);
    return *this;
}

json_line& json_line::bytes(std::string_view key, std::string_view value) {
    if (is_valid_utf8(value)) {
        return text(key, value);
    }
    state_->key(std::string(key) + "_base64");
    state_->string(base64_encode(value));
    return *this;
}

json_line& json_line::optional_bytes(std::string_view key,
                                     const std::optional<std::string>& value) {
    return value ? bytes(key, *value) : null(key);
}

json_line& json_line::number(std::string_view key, std::int64_t value) {
    state_->key(key);
    state_->writer.Int64(value);
    return *this;
}

json_line& json_line::optional_number(std::string_view key, std::optional<std::int64_t> value) {
    return value ? number(key, *value) : null(key);
}

json_line& json_line::boolean(std::string_view key, bool value) {
    state_->key(key);
    state_->writer.Bool(value);
    return *this;
}

json_line& json_line::null(std::string_view key) {
    state_->key(key);
    state_->writer.Null();
    return *this;
}

json_line& json_line::bytes_array(std::string_view key, const std::vector<std::string>& values) {
    bool utf8 = true;
    for (const auto& v : values) {
        utf8 = utf8 && is_valid_utf8(v);
    }
    state_->key(utf8 ? std::string(key) : std::string(key) + "_base64");
    state_->writer.StartArray();
    for (const auto& v : values) {
        state_->string(utf8 ? v : base64_encode(v));
    }
    state_->writer.EndArray();
    return *this;
}

json_line& json_line::pairs(std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& values) {
    bool utf8 = true;
    for (const auto& [n, v] : values) {
        utf8 = utf8 && is_valid_utf8(n) && is_valid_utf8(v);
    }
    state_->key(utf8 ? std::string(key) : std::string(key) + "_base64");
    state_->writer.StartArray();
    for (const auto& [n, v] : values) {
        state_->writer.StartArray();
        state_->string(utf8 ? n : base64_encode(n));
        state_->string(utf8 ? v : base64_encode(v));
        state_->writer.EndArray();
    }
    state_->writer.EndArray();
    return *this;
}

std::string json_line::finish() {
    state_->writer.EndObject();
    std::string out(state_->buffer.GetString(), state_->buffer.GetSize());
    out += '\n';
    return out;
}

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > bytes.size()) {
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(bytes[i + k]);
            if ((cc & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates and values above U+10FFFF are not UTF-8.
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        i += len;
    }
    return true;
}

}  // namespace mocks
