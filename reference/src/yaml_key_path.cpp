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

YAML::Node yaml_key_path::resolve(YAML::Node root, const std::string& key, bool can_append,
                                  const dialect& rules) {
    try {
        YAML::Node cur;
        cur.reset(root);
        std::string name;
        const std::size_t n = key.size();
        for (std::size_t i = 0; i < n; ++i) {
            const char c = key[i];
            if (c == '\\' && rules.escapes) {
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
                // Without a later ']' the index text is the rest of the key, as in Falco
                // (yaml_helper.h:439-440), so a text stoi rejects gets Falco's own error.
                const bool closed = close != std::string::npos;
                const std::string index_text = key.substr(i + 1, closed ? close - i - 1 : close);
                const bool appendable = !cur.IsDefined() || cur.IsSequence();
                const bool append =
                    !rules.index_by_stoi && index_text.empty() && appendable && can_append;
                std::optional<int> parsed;
                if (rules.index_by_stoi) {
                    parsed = std::stoi(index_text);  // its exception's text is Falco's message
                } else if (!append && !(parsed = stoi_like(index_text))) {
                    throw parsing_error("expected a numeric index, found '" + index_text + "'");
                }
                if (!closed) {
                    // An accepted index without ']': Falco 0.44.1 walks the key again forever
                    // (yaml_helper.h:457-462); the contract requires an end
                    // (docs/spec/0.44.md#config.o.path.unclosed).
                    throw parsing_error("missing ']' at pos " + std::to_string(i));
                }
                int index = 0;
                if (append) {
                    cur.push_back(YAML::Node());
                    index = static_cast<int>(cur.size()) - 1;
                } else {
                    index = *parsed;
                }
                cur.reset(cur[index]);
                i = close;
                if (i + 1 < n && key[i + 1] == '.') {
                    ++i;
                }
            }
        }
        return cur;
    } catch (const YAML::BadSubscript& e) {
        const std::string what =
            rules.subscript_error_has_position ? e.what() : "operator[] call on a scalar";
        throw std::runtime_error("Config error at key \"" + key + "\": " + what);
    } catch (const std::exception& e) {
        throw std::runtime_error("Config error at key \"" + key + "\": " + e.what());
    }
}

}  // namespace falco_ref
