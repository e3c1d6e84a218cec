// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/priority.hpp"

#include <array>
#include <string>

#include "falco_ref/lua_pattern.hpp"

namespace falco_ref {
namespace {

constexpr std::array<std::string_view, 8> k_names = {
    "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"};
constexpr std::array<std::string_view, 8> k_lower_names = {
    "emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"};
constexpr std::array<std::string_view, 8> k_stats_names = {
    "EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"};

// std::tolower in the C locale, which the reference never leaves (logger.cpp), without a
// library call per character: this runs for every alert.
constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view text, std::string_view name) {
    if (text.size() != name.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (ascii_lower(text[i]) != ascii_lower(name[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view priority_name(priority p) {
    return k_names[static_cast<std::size_t>(p)];
}

std::string_view priority_stats_name(priority p) {
    return k_stats_names[static_cast<std::size_t>(p)];
}

std::optional<priority> parse_priority(std::string_view text) {
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (iequals(text, k_names[i])) {
            return static_cast<priority>(i);
        }
    }
    if (iequals(text, "info")) {
        return priority::informational;
    }
    return std::nullopt;
}

std::optional<priority> parse_priority_pattern(std::string_view text) {
    std::string pattern(text);
    for (char& c : pattern) {
        c = ascii_lower(c);
    }
    for (std::size_t i = 0; i < k_lower_names.size(); ++i) {
        switch (lua_find_at_start(k_lower_names[i], pattern)) {
            case lua_find_outcome::match:
                return static_cast<priority>(i);
            case lua_find_outcome::error:
                return std::nullopt;
            case lua_find_outcome::no_match:
                break;
        }
    }
    return std::nullopt;
}

}  // namespace falco_ref
