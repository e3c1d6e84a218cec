// SPDX-License-Identifier: Apache-2.0
#include "output_template.hpp"

#include <algorithm>
#include <stdexcept>

namespace replay {

namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_word(char c) {
    return is_alpha(c) || is_digit(c) || c == '_';
}

// Length of `[a-zA-Z]+[a-zA-Z0-9_]*` at pos (0 if none).
std::size_t identifier_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size() || !is_alpha(s[pos])) {
        return 0;
    }
    std::size_t end = pos;
    while (end < s.size() && is_word(s[end])) {
        ++end;
    }
    return end - pos;
}

// Length of RGX_FIELDNAME (libs filter/parser.cpp:31) at pos, longest match; 0 if none.
std::size_t field_name_at(std::string_view s, std::size_t pos) {
    std::size_t end = pos + identifier_at(s, pos);
    if (end == pos) {
        return 0;
    }
    std::size_t segments = 0;
    while (end < s.size() && s[end] == '.') {
        const std::size_t n = identifier_at(s, end + 1);
        if (n == 0) {
            break;
        }
        end += 1 + n;
        ++segments;
    }
    return segments ? end - pos : 0;
}

bool is_bare_arg_char(char c) {
    return c != '[' && c != ']' && c != '"' && c != '\'' && c != ' ' && c != '\t' && c != '\n' &&
           c != '\r' && c != '\v' && c != '\f';
}

[[noreturn]] void fail(std::size_t offset, const std::string& why) {
    throw std::invalid_argument("at byte " + std::to_string(offset) + ": " + why);
}

}  // namespace

output_template output_template::parse(std::string_view text) {
    output_template t;
    std::size_t i = 0;
    if (!text.empty() && text[0] == '*') {
        t.permissive_ = true;
        i = 1;
    }
    std::string literal;
    while (i < text.size()) {
        if (text[i] != '%') {
            literal += text[i++];
            continue;
        }
        const std::size_t start = i++;
        token f;
        f.is_field = true;
        while (i < text.size() && is_digit(text[i])) {
            f.width = std::min(f.width * 10 + (text[i] - '0'), 1 << 20);
            ++i;
        }
        if (i >= text.size()) {
            fail(start, "a template cannot end with '%' or a width");
        }
        const std::size_t n = field_name_at(text, i);
        if (n == 0) {
            if (identifier_at(text, i) && i + identifier_at(text, i) < text.size() &&
                text[i + identifier_at(text, i)] == '(') {
                fail(start, "field transformers are not part of the contract");
            }
            fail(start, "'%' does not start a field reference (a literal '%' cannot be written)");
        }
        f.base.assign(text.substr(i, n));
        i += n;
        f.text = f.base;
        if (i < text.size() && text[i] == '[') {
            std::size_t end = i + 1;
            while (end < text.size() && is_bare_arg_char(text[end])) {
                ++end;
            }
            if (end == i + 1 || end >= text.size() || text[end] != ']') {
                fail(i, "a field argument is a bare string in brackets");
            }
            f.argument.emplace(text.substr(i + 1, end - i - 1));
            f.text += "[" + *f.argument + "]";
            i = end + 1;
        }
        if (!literal.empty()) {
            t.tokens_.push_back({false, std::move(literal), "", std::nullopt, 0});
            literal.clear();
        }
        t.tokens_.push_back(std::move(f));
    }
    if (!literal.empty()) {
        t.tokens_.push_back({false, std::move(literal), "", std::nullopt, 0});
    }
    return t;
}

std::vector<std::string> output_template::field_keys() const {
    std::vector<std::string> keys;
    for (const auto& tok : tokens_) {
        if (tok.is_field && std::find(keys.begin(), keys.end(), tok.text) == keys.end()) {
            keys.push_back(tok.text);
        }
    }
    return keys;
}

std::optional<std::string> output_template::value_text(const replay_value& v) {
    switch (v.what) {
        case replay_value::kind::null:
            if (!v.text.empty()) {
                return std::nullopt;  // an object, see alert_reader
            }
            return std::string("<NA>");
        case replay_value::kind::boolean:
            return std::string(v.boolean ? "true" : "false");
        case replay_value::kind::int64:
            return std::to_string(v.int64);
        case replay_value::kind::uint64:
            return std::to_string(v.uint64);
        case replay_value::kind::string:
            return v.text;
        case replay_value::kind::floating:
            return std::nullopt;
        case replay_value::kind::array: {
            if (v.items.empty()) {
                return std::nullopt;
            }
            std::string out = "(";
            for (std::size_t k = 0; k < v.items.size(); ++k) {
                if (v.items[k].what == replay_value::kind::array ||
                    v.items[k].what == replay_value::kind::null) {
                    return std::nullopt;
                }
                const auto item = value_text(v.items[k]);
                if (!item) {
                    return std::nullopt;
                }
                out += (k ? "," : "") + *item;
            }
            return out + ")";
        }
    }
    return std::nullopt;
}

std::string output_template::render(
    const std::function<const replay_value*(const std::string&)>& lookup) const {
    std::string out;
    for (const auto& tok : tokens_) {
        if (!tok.is_field) {
            out += tok.text;
            continue;
        }
        const auto* value = lookup(tok.text);
        if (!value) {
            throw std::invalid_argument("field '" + tok.text + "' is not in output_fields");
        }
        auto text = value_text(*value);
        if (!text) {
            throw std::invalid_argument("field '" + tok.text +
                                        "' has a value whose text rendering the contract "
                                        "does not define (floating point, empty list, object)");
        }
        if (tok.width > 0) {
            text->resize(static_cast<std::size_t>(tok.width), ' ');
        }
        out += *text;
    }
    return out;
}

}  // namespace replay
