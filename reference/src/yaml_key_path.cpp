// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/yaml_key_path.hpp"

#include <cctype>
#include <climits>
#include <optional>
#include <stdexcept>

namespace falco_ref {
namespace {

std::runtime_error parsing_error(const std::string& what) {
    return std::runtime_error("Parsing error: " + what);
}

// std::stoi semantics, which Falco uses for the index: leading blanks and a sign allowed,
// trailing garbage ignored, no digits or out of int range is a failure.
std::optional<int> stoi_like(const std::string& text) {
    try {
        return std::stoi(text);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool is_escapable(char c) {
    return c == '.' || c == '[' || c == ']' || c == '\\';
}

void descend(YAML::Node& cur, const std::string& name) {
    cur.reset(cur[name]);
}

}  // namespace

YAML::Node yaml_key_path::resolve(YAML::Node root, const std::string& key, bool can_append) {
    try {
        YAML::Node cur;
        cur.reset(root);
        std::string name;
        const std::size_t n = key.size();
        for (std::size_t i = 0; i < n; ++i) {
            const char c = key[i];
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw parsing_error("trailing backslash at pos " + std::to_string(i));
                }
                const char next = key[i + 1];
                if (!is_escapable(next)) {
                    throw parsing_error("invalid escape sequence '\\" + std::string(1, next) +
                                        "' at pos " + std::to_string(i));
                }
                name += next;
                ++i;
                if (i == n - 1) {
                    descend(cur, name);
                    name.clear();
                }
                continue;
            }
            const bool separator = c == '.' || c == '[';
            if (!separator) {
                // A name must start the key or follow a '.', e.g. "a[0]b" is rejected at the ']'.
                if (i > 0 && name.empty() && key[i - 1] != '.') {
                    throw parsing_error("expected '.' character at pos " + std::to_string(i - 1));
                }
                name += c;
            }
            if (separator || i == n - 1) {
                if (name.empty()) {
                    throw parsing_error("unexpected character at pos " + std::to_string(i));
                }
                descend(cur, name);
                name.clear();
            }
            if (c == '[') {
                const std::size_t close = key.find(']', i);
                if (close == std::string::npos) {
                    throw parsing_error("missing ']' at pos " + std::to_string(i));
                }
                const std::string index_text = key.substr(i + 1, close - i - 1);
                const bool appendable = !cur.IsDefined() || cur.IsSequence();
                int index = 0;
                if (index_text.empty() && appendable && can_append) {
                    cur.push_back(YAML::Node());
                    index = static_cast<int>(cur.size()) - 1;
                } else if (auto parsed = stoi_like(index_text)) {
                    index = *parsed;
                } else {
                    throw parsing_error("expected a numeric index, found '" + index_text + "'");
                }
                cur.reset(cur[index]);
                i = close;
                if (i + 1 < n && key[i + 1] == '.') {
                    ++i;
                }
            }
        }
        return cur;
    } catch (const std::exception& e) {
        throw std::runtime_error("Config error at key \"" + key + "\": " + e.what());
    }
}

}  // namespace falco_ref
