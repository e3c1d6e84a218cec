// SPDX-License-Identifier: Apache-2.0
#include "judge/value_alias.hpp"

namespace conformance {

std::optional<value_alias> value_alias::parse(const std::string& entry) {
    if (!entry.starts_with("alias:")) {
        return std::nullopt;
    }
    const auto colon = entry.find(':', 6);
    const auto eq = entry.find('=', colon == std::string::npos ? 6 : colon);
    if (colon == std::string::npos || eq == std::string::npos || colon == 6) {
        return std::nullopt;
    }
    return value_alias{entry.substr(6, colon - 6), entry.substr(colon + 1, eq - colon - 1),
                       entry.substr(eq + 1)};
}

std::size_t apply_aliases(const std::vector<value_alias>& aliases, std::string& text) {
    std::size_t changed_lines = 0;
    std::size_t line_start = 0;
    std::string out;
    while (line_start < text.size()) {
        const auto nl = text.find('\n', line_start);
        const auto end = nl == std::string::npos ? text.size() : nl + 1;
        std::string line = text.substr(line_start, end - line_start);
        bool changed = false;
        for (const auto& a : aliases) {
            // Plain JSON, and JSON escaped once inside a JSON string (expected .jsonl records).
            for (const auto& q : {std::string("\""), std::string("\\\"")}) {
                const auto from = q + a.key + q + ":" + q + a.from + q;
                const auto to = q + a.key + q + ":" + q + a.to + q;
                for (std::size_t at; (at = line.find(from)) != std::string::npos;) {
                    line.replace(at, from.size(), to);
                    changed = true;
                }
            }
        }
        changed_lines += changed ? 1 : 0;
        out += line;
        line_start = end;
    }
    text = std::move(out);
    return changed_lines;
}

}  // namespace conformance
