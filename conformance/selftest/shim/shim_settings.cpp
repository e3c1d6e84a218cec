// SPDX-License-Identifier: Apache-2.0
#include "shim_settings.hpp"

#include <csignal>

namespace selftest {
namespace {

std::optional<bool> parse_bool(std::string_view v) {
    if (v == "true") {
        return true;
    }
    if (v == "false") {
        return false;
    }
    return std::nullopt;
}

// Applies one key; false when the key is unknown or the value does not fit it.
bool apply(shim_settings& s, std::string_view key, std::string_view value) {
    if (key == "output") {
        const auto t = parse_output_transform(value);
        s.output = t.value_or(output_transform::none);
        return t.has_value();
    }
    if (key == "drop_stdout_starting_with") {
        s.drop_stdout_starting_with = std::string(value);
        return !value.empty();
    }
    if (key == "ignore_signal") {
        s.ignore_signal = signal_number(value);
        return s.ignore_signal != 0;
    }
    const auto flag = parse_bool(value);
    if (key == "lose_unflushed_at_end_of_input") {
        s.lose_unflushed_at_end_of_input = flag.value_or(false);
    } else if (key == "spawn_setsid") {
        s.spawn_setsid = flag.value_or(false);
    } else if (key == "syslog_level_off_by_one") {
        s.syslog_level_off_by_one = flag.value_or(false);
    } else if (key == "http_blank_header") {
        s.http_blank_header = std::string(value);
        return !value.empty() && value.find(':') == std::string_view::npos;
    } else {
        return false;
    }
    return flag.has_value();
}

}  // namespace

int signal_number(std::string_view name) {
    if (name.substr(0, 3) == "SIG") {
        name.remove_prefix(3);
    }
    static const std::pair<std::string_view, int> k_signals[] = {
        {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"HUP", SIGHUP},
        {"INT", SIGINT},   {"TERM", SIGTERM}, {"PIPE", SIGPIPE},
    };
    for (const auto& [n, sig] : k_signals) {
        if (n == name) {
            return sig;
        }
    }
    return 0;
}

std::optional<shim_settings> shim_settings::parse(std::string_view text, std::string* error) {
    shim_settings s;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (line.empty()) {
            continue;
        }
        const std::size_t eq = line.find('=');
        const std::string_view key = line.substr(0, eq);
        const std::string_view value =
            eq == std::string_view::npos ? std::string_view() : line.substr(eq + 1);
        if (eq == std::string_view::npos || !apply(s, key, value)) {
            *error = "shim key \"" + std::string(key) + "\": unknown key or bad value \"" +
                     std::string(value) + "\"";
            return std::nullopt;
        }
    }
    return s;
}

}  // namespace selftest
