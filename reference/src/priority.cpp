// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/priority.hpp"

#include <array>

namespace falco_ref {
namespace {

constexpr std::array<std::string_view, 8> k_names = {
    "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"};
constexpr std::array<std::string_view, 8> k_stats_names = {
    "EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"};

// std::tolower in the C locale, which the reference never leaves (logger.cpp), without a
// library call per character: this runs for every alert.
constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals_prefix(std::string_view text, std::string_view name, bool whole) {
    if (text.size() > name.size() || (whole && text.size() != name.size())) {
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
        if (iequals_prefix(text, k_names[i], true)) {
            return static_cast<priority>(i);
        }
    }
    if (iequals_prefix(text, "info", true)) {
        return priority::informational;
    }
    return std::nullopt;
}

std::optional<priority> parse_priority_prefix(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (iequals_prefix(text, k_names[i], false)) {
            return static_cast<priority>(i);
        }
    }
    return std::nullopt;
}

}  // namespace falco_ref
