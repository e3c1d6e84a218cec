// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace conformance {

// `alias:<key>:<from>=<to>` in a capabilities file: in every expected JSON record, a
// `"<key>":"<from>"` member becomes `"<key>":"<to>"` (also where the record sits JSON-escaped
// inside a syslog message, an HTTP body or program input). For an implementation whose
// difference is declared and explained (a real Falco behind conformance/replay/ names its
// source "replay"), instead of a loosened comparison. Everything else is compared as before.
struct value_alias {
    std::string key, from, to;

    // nullopt when `entry` is not `alias:<key>:<from>=<to>`.
    static std::optional<value_alias> parse(const std::string& entry);
};

// Rewrites `text` for the aliases; returns how many lines changed.
std::size_t apply_aliases(const std::vector<value_alias>& aliases, std::string& text);

}  // namespace conformance
