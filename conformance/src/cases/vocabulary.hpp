// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace conformance {

// The closed sets of names a case uses (golden/README.md): channels, program units, signals.
// Parsed into these enums once, when the case is loaded; nothing later compares names.

// Where an implementation's output is observed: its standard streams, a file of the work
// directory, and what the mocks recorded (syslog messages, HTTP requests, the capture
// program's events). `stdout` is a macro of <cstdio>, hence std_out and std_err.
enum class channel { std_out, std_err, file, syslog, http, program };

// What a record of the program channel is: data the capture program read (the default), a
// process it started, an end of input it saw.
enum class program_unit { reads, processes, eof };

// A channel as a case names it: a channel, the path of a file, the unit of the program channel.
struct channel_ref {
    channel kind = channel::std_out;
    std::string path;  // file: relative to the work directory
    program_unit unit = program_unit::reads;

    channel_ref() = default;
    channel_ref(channel k, std::string p = {}, program_unit u = program_unit::reads)
        : kind(k), path(std::move(p)), unit(u) {}

    // The name in `expect.count` and `expect.delivery` form: stdout, file:<path>,
    // program_processes, ...
    std::string key() const;
    // For messages: "stdout", "file events.txt", "program (processes)".
    std::string describe() const;
};

std::string_view channel_name(channel c);    // stdout, stderr, file, syslog, http, program
std::string_view unit_name(program_unit u);  // reads, processes, eof

// The one reading of channel names: a bare name (`stdout`, `file`, ...) or a qualified key
// (`file:<path>`, `program_processes`, `program_eof`). nullopt for anything else. Which of
// these a given key of the schema accepts is the loader's business (case_reader::channel).
std::optional<channel_ref> parse_channel_key(std::string_view text);
std::optional<program_unit> parse_unit(std::string_view text);

// The signals a case may send (`signal: {name: ...}`).
enum class signal_kind { usr1, term, intr, hup };

// `USR1` or `SIGUSR1`; nullopt for any other name.
std::optional<signal_kind> parse_signal(std::string_view name);
std::string_view signal_name(signal_kind s);  // USR1, TERM, INT, HUP
int signal_number(signal_kind s);             // SIGUSR1, ...
// "USR1, TERM, INT or HUP", for messages.
std::string signal_names();

}  // namespace conformance
