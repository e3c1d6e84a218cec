// SPDX-License-Identifier: Apache-2.0
#include "run/impl_command.hpp"

#include <stdexcept>

namespace conformance {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

bool is_operator(char c) {
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')';
}

bool is_assignment(const std::string& word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos || eq == 0) {
        return false;
    }
    for (std::size_t i = 0; i < eq; ++i) {
        const char c = word[i];
        const bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (i > 0 && c >= '0' && c <= '9');
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::vector<std::pair<std::string, bool>> split_words(std::string_view text) {
    std::vector<std::pair<std::string, bool>> words;  // word, quoted before any '='
    std::string word;
    bool in_word = false;
    bool quoted = false;
    std::size_t i = 0;
    const auto finish = [&] {
        if (in_word) {
            words.emplace_back(word, quoted);
        }
        word.clear();
        in_word = quoted = false;
    };
    while (i < text.size()) {
        const char c = text[i];
        // Quoting only stops a word from being an assignment when it is in the NAME part.
        const bool name_part = word.find('=') == std::string::npos;
        if (is_blank(c)) {
            finish();
            ++i;
        } else if (c == '\'') {
            const auto close = text.find('\'', i + 1);
            if (close == std::string_view::npos) {
                throw std::invalid_argument("unterminated single quote at column " +
                                            std::to_string(i + 1));
            }
            word.append(text.substr(i + 1, close - i - 1));
            in_word = true;
            quoted = quoted || name_part;
            i = close + 1;
        } else if (c == '"') {
            std::size_t j = i + 1;
            for (;; ++j) {
                if (j >= text.size()) {
                    throw std::invalid_argument("unterminated double quote at column " +
                                                std::to_string(i + 1));
                }
                if (text[j] == '"') {
                    break;
                }
                if (text[j] == '\\' && j + 1 < text.size() &&
                    (text[j + 1] == '"' || text[j + 1] == '\\' || text[j + 1] == '$' ||
                     text[j + 1] == '`')) {
                    ++j;
                }
                word.push_back(text[j]);
            }
            in_word = true;
            quoted = quoted || name_part;
            i = j + 1;
        } else if (c == '\\') {
            if (i + 1 >= text.size()) {
                throw std::invalid_argument("trailing backslash");
            }
            word.push_back(text[i + 1]);
            in_word = true;
            quoted = quoted || name_part;
            i += 2;
        } else if (is_operator(c)) {
            throw std::invalid_argument(
                std::string("shell operator '") + c + "' at column " + std::to_string(i + 1) +
                " is not interpreted; quote it, or run `sh -c '...'` explicitly");
        } else {
            word.push_back(c);
            in_word = true;
            ++i;
        }
    }
    finish();
    return words;
}

}  // namespace

impl_command impl_command::parse(std::string_view text) {
    impl_command command;
    for (auto& [word, quoted] : split_words(text)) {
        // Like a shell, only unquoted-name assignments before the command word count.
        if (command.argv.empty() && is_assignment(word) && !quoted) {
            const auto eq = word.find('=');
            command.env.emplace_back(word.substr(0, eq), word.substr(eq + 1));
        } else {
            command.argv.push_back(std::move(word));
        }
    }
    if (command.argv.empty()) {
        throw std::invalid_argument("no command in --impl");
    }
    return command;
}

std::string shell_quote(std::string_view word) {
    const bool safe =
        !word.empty() && word.find_first_not_of(
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                             "_-./=:,+@%") == std::string_view::npos;
    if (safe) {
        return std::string(word);
    }
    std::string out = "'";
    for (const char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace conformance
