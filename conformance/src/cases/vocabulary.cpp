// SPDX-License-Identifier: Apache-2.0
#include "cases/vocabulary.hpp"

#include <array>
#include <csignal>

namespace conformance {

namespace {

template <typename Kind>
struct named {
    Kind kind;
    std::string_view name;
};

constexpr std::array<named<channel>, 6> k_channels{{
    {channel::std_out, "stdout"},
    {channel::std_err, "stderr"},
    {channel::file, "file"},
    {channel::syslog, "syslog"},
    {channel::http, "http"},
    {channel::program, "program"},
}};

constexpr std::array<named<program_unit>, 3> k_units{{
    {program_unit::reads, "reads"},
    {program_unit::processes, "processes"},
    {program_unit::eof, "eof"},
}};

struct signal_entry {
    signal_kind kind;
    std::string_view name;
    int number;
};

constexpr std::array<signal_entry, 4> k_signals{{
    {signal_kind::usr1, "USR1", SIGUSR1},
    {signal_kind::term, "TERM", SIGTERM},
    {signal_kind::intr, "INT", SIGINT},
    {signal_kind::hup, "HUP", SIGHUP},
}};

// The entry of a table for a kind (every enumerator has one).
template <typename Entry, std::size_t N, typename Kind>
const Entry& by_kind(const std::array<Entry, N>& table, Kind kind) {
    for (const auto& entry : table) {
        if (entry.kind == kind) {
            return entry;
        }
    }
    return table.front();  // unreachable: the tables list every enumerator
}

template <typename Entry, std::size_t N>
auto by_name(const std::array<Entry, N>& table, std::string_view name)
    -> std::optional<decltype(Entry::kind)> {
    for (const auto& entry : table) {
        if (entry.name == name) {
            return entry.kind;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view channel_name(channel c) {
    return by_kind(k_channels, c).name;
}

std::string_view unit_name(program_unit u) {
    return by_kind(k_units, u).name;
}

std::optional<program_unit> parse_unit(std::string_view text) {
    return by_name(k_units, text);
}

std::string channel_ref::key() const {
    if (kind == channel::file && !path.empty()) {
        return "file:" + path;
    }
    if (kind == channel::program && unit != program_unit::reads) {
        return "program_" + std::string(unit_name(unit));
    }
    return std::string(channel_name(kind));
}

std::string channel_ref::describe() const {
    std::string text(channel_name(kind));
    if (!path.empty()) {
        text += " " + path;
    }
    if (kind == channel::program && unit != program_unit::reads) {
        text += " (" + std::string(unit_name(unit)) + ")";
    }
    return text;
}

std::optional<channel_ref> parse_channel_key(std::string_view text) {
    if (text.starts_with("file:")) {
        return channel_ref{channel::file, std::string(text.substr(5)), program_unit::reads};
    }
    if (text.starts_with("program_")) {
        if (const auto unit = parse_unit(text.substr(8)); unit && *unit != program_unit::reads) {
            return channel_ref{channel::program, "", *unit};
        }
        return std::nullopt;
    }
    if (const auto kind = by_name(k_channels, text)) {
        return channel_ref{*kind, "", program_unit::reads};
    }
    return std::nullopt;
}

std::optional<signal_kind> parse_signal(std::string_view name) {
    if (name.starts_with("SIG")) {
        name.remove_prefix(3);
    }
    return by_name(k_signals, name);
}

std::string_view signal_name(signal_kind s) {
    return by_kind(k_signals, s).name;
}

int signal_number(signal_kind s) {
    return by_kind(k_signals, s).number;
}

std::string signal_names() {
    std::string text;
    for (std::size_t i = 0; i < k_signals.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == k_signals.size() ? " or " : ", ");
        text += k_signals[i].name;
    }
    return text;
}

}  // namespace conformance
