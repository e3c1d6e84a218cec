// SPDX-License-Identifier: Apache-2.0
#include "cases/profile_catalog.hpp"

#include <charconv>

namespace conformance {

namespace {

struct falco_version {
    int minor = 0;
    std::optional<int> patch;
};

// "0.42" or "0.42.1" (digits only): the minor and the patch if given; nullopt for anything else.
std::optional<falco_version> parse_version(std::string_view text) {
    if (text.substr(0, 2) != "0.") {
        return std::nullopt;
    }
    text.remove_prefix(2);
    const auto dot = text.find('.');
    const auto minor_text = text.substr(0, dot);
    int minor = 0;
    const auto [end, ec] =
        std::from_chars(minor_text.data(), minor_text.data() + minor_text.size(), minor);
    if (ec != std::errc() || end != minor_text.data() + minor_text.size() || minor_text.empty()) {
        return std::nullopt;
    }
    falco_version version{minor, std::nullopt};
    if (dot != std::string_view::npos) {
        const auto patch = text.substr(dot + 1);
        int value = 0;
        const auto [pend, pec] = std::from_chars(patch.data(), patch.data() + patch.size(), value);
        if (patch.empty() || pec != std::errc() || pend != patch.data() + patch.size()) {
            return std::nullopt;
        }
        version.patch = value;
    }
    return version;
}

bool covers(const profile_info& p, const falco_version& v) {
    if (v.minor < p.first_minor || v.minor > p.last_minor) {
        return false;
    }
    return !(v.minor == p.first_minor && v.patch && *v.patch < p.first_patch);
}

}  // namespace

const std::vector<profile_info>& known_profiles() {
    // docs/spec/README.md, "Profiles"; the versions of each range are verified at their tags
    // in the profile's document.
    static const std::vector<profile_info> profiles{
        {"legacy", "Falco 0.15.x, as the \"Falco Alerts\" documentation page of that era says", 15,
         15, false},
        {"0.33", "Falco 0.33.0 and 0.33.1", 33, 33, false},
        {"0.34", "Falco 0.34.0 and 0.34.1", 34, 34, false},
        {"0.35", "Falco 0.35.0 and 0.35.1", 35, 35, false},
        {"0.36", "Falco 0.36.1 and 0.36.2", 36, 36, false, 1},
        {"0.37", "Falco 0.37.0 and 0.37.1", 37, 37, false},
        {"0.38", "Falco 0.38.0 to 0.38.2", 38, 38, false},
        {"0.39-0.40", "Falco 0.39.0 to 0.40.0", 39, 40, false},
        {"0.41-0.43", "Falco 0.41.0 to 0.43.1", 41, 43, true},
        {"0.44", "Falco 0.44.0 and 0.44.1", 44, 44, true},
    };
    return profiles;
}

const profile_info* find_profile(std::string_view name) {
    for (const auto& p : known_profiles()) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

std::optional<std::string> resolve_profile(std::string_view text) {
    if (const auto* p = find_profile(text)) {
        return p->name;
    }
    if (const auto version = parse_version(text)) {
        for (const auto& p : known_profiles()) {
            if (covers(p, *version)) {
                return p.name;
            }
        }
    }
    return std::nullopt;
}

std::string profile_table() {
    std::string out;
    for (const auto& p : known_profiles()) {
        std::string minors;
        for (int m = p.first_minor; m <= p.last_minor; ++m) {
            minors += (minors.empty() ? "" : ", ") + std::string("0.") + std::to_string(m);
        }
        if (p.first_patch != 0) {
            minors +=
                " from 0." + std::to_string(p.first_minor) + "." + std::to_string(p.first_patch);
        }
        out += "  " + p.name + std::string(12 - std::min<std::size_t>(p.name.size(), 11), ' ') +
               p.falco + " (" + minors + ")\n";
    }
    return out;
}

}  // namespace conformance
