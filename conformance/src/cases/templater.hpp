// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace conformance {

// Replaces `{{name}}` placeholders (golden/README.md, "Templating"). An unknown placeholder is
// an error rather than left in place: a config that silently keeps `{{http_url}}` would fail
// later with a confusing message from the implementation.
class templater {
public:
    explicit templater(std::map<std::string, std::string> values) : values_(std::move(values)) {}

    // The same values and one more (`{{impl_pid}}` once the implementation runs).
    templater with(const std::string& name, const std::string& value) const {
        auto values = values_;
        values[name] = value;
        return templater(std::move(values));
    }

    // Throws std::runtime_error naming the placeholder and `where` when a name has no value.
    std::string apply(std::string_view text, std::string_view where) const;

    // Every placeholder name in `text` (for the loader's checks before anything runs).
    static std::set<std::string> placeholders(std::string_view text);

    // The names golden/README.md defines.
    static const std::set<std::string>& known_names();

private:
    std::map<std::string, std::string> values_;
};

}  // namespace conformance
