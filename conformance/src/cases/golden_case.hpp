// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cases/line_generator.hpp"
#include "cases/vocabulary.hpp"

namespace conformance {

// Expected bytes of a channel: a file of the case, or (`generate:`) lines built by the
// generator of `send_generated`, for contents too large to commit (a 10 MiB line).
// Or (`text:`) a string of case.yaml, templated at judge time with the placeholders of the case
// and `{{impl_pid}}`: contents that hold a value known only when the case runs (a pidfile).
struct expected_content {
    std::string file;                       // relative to the case dir; empty when generated
    std::vector<generator_spec> generated;  // concatenated in order
    std::optional<std::string> text;        // untemplated
    std::string label() const {
        return !file.empty() ? file : text ? "the expected text" : "the generated content";
    }
};

// One step of a case (golden/README.md, "Steps"). A flat struct rather than a variant: most
// kinds share the channel/path/count fields, and the executor switches on `kind` anyway.
struct step {
    enum class kind {
        send,
        send_raw,
        send_file,
        send_generated,
        wait,
        quiet,
        check,
        rename,
        remove,
        mkdir,
        chmod,
        truncate,
        mkfifo,
        tmpfs,  // setup only
        read_fifo,
        stop_mock,
        signal,
        close_stdin,
        wait_exit,
        release,  // mock-http answers the requests it holds (`N:hold` faults)
    };
    kind what = kind::send;
    std::string label;  // "steps[3] (wait)": used in every message about the step

    std::vector<int> lines;    // send: 1-based line numbers of alerts.jsonl, empty = all
    std::string text;          // send_raw: untemplated text; send_file: file name
    generator_spec generated;  // send_generated

    channel_ref observed;  // wait, quiet, check: the channel (file path, program unit)
    std::optional<std::string> pattern;                // wait: regex a record must match to count
    std::uint64_t count = 0;                           // wait: at least; quiet: at most
    std::optional<std::chrono::milliseconds> timeout;  // wait, wait_exit, send_generated
    std::chrono::milliseconds window{0};               // quiet
    expected_content equals;                           // check: file, generate: or text:

    std::string path;  // rename source, delete/mkdir/chmod/truncate/mkfifo/tmpfs/read_fifo target
    std::string to;    // rename destination, read_fifo `into`
    std::optional<unsigned> mode;                 // mkdir, chmod
    std::uint64_t size = 0;                       // truncate: bytes kept; tmpfs: bytes of room
    std::string mock;                             // stop_mock: syslog or http
    signal_kind sent_signal = signal_kind::term;  // signal
    bool to_group = false;                        // signal target: group
    std::optional<int> exit_code;                 // wait_exit
};

struct http_mock_spec {
    std::string tls = "false";  // false, true, untrusted, mtls
    std::vector<std::string> faults;
    std::optional<std::string> response_body;  // mock-http --response-body
};

// `expect.delivery` (golden/README.md): black-box accounting of sequence-numbered alerts.
struct delivery_spec {
    enum class loss_rule { none, allowed, required };
    std::uint64_t sent = 0;             // the alerts carry seq 1..sent
    std::string pattern;                // regex; group 1 is the seq of a record
    std::vector<channel_ref> channels;  // stdout, file:<path>, syslog, http, program
    loss_rule loss = loss_rule::none;
    // Expected text of each record for its seq (a generator template without {{fill}}), by
    // channel key (channel_ref::key), "*" for every channel not named. Empty: only the numbers
    // are checked.
    std::map<std::string, std::string> records;
};

// The `expect:` block (golden/README.md, "Expectations"). Paths are relative to the case dir.
struct expectations {
    int exit_code = 0;
    std::optional<expected_content> stdout_content;
    std::optional<expected_content> stdout_tail;  // stdout ends with these bytes
    // `stdout_stats` (PROTOCOL.md section 7): how the statistics block may differ in place.
    enum class stats_order {
        exact,        // not given: byte for byte
        unordered,    // the lines of the severity and rule groups compare as sets
        interleaved,  // the block may be interleaved with the alert lines at line boundaries
    };
    stats_order stdout_stats = stats_order::exact;
    bool stdout_empty = false;
    std::vector<std::string> stderr_patterns;
    std::vector<std::string> stderr_absent;
    std::vector<std::pair<std::string, expected_content>> files;  // work path, expected
    std::vector<std::string> files_absent;
    // `file_modes`: work path -> permission bits (st_mode & 07777, symbolic links followed).
    std::vector<std::pair<std::string, unsigned>> file_modes;
    std::optional<std::string> syslog_file;
    std::optional<std::string> program_file;
    std::optional<std::string> http_file;
    std::optional<std::uint64_t> http_connections;
    std::vector<std::pair<channel_ref, std::uint64_t>> counts;  // channel, records
    std::optional<delivery_spec> delivery;
};

// A string of case.yaml with its 1-based line, for messages that name file and line.
struct located_text {
    std::string text;
    int line = 0;
};

struct golden_case {
    std::string id;  // e.g. 0.44/file/keep_alive_false
    std::filesystem::path dir;
    std::string profile;  // the profile it runs under (by_profile applied)
    std::string home;     // the first directory of its id: the profile it was written for
    std::vector<std::string> profiles;  // `profiles:`: every profile it applies to
    // What `by_profile` changes in the run for `profile` (its override as YAML, without the keys
    // that only document it: provenance, description, rules), "" when nothing: two profiles see
    // the same run when their views are equal.
    std::string view;
    std::string channel;  // the area directory, an implicit tag
    std::string description;
    std::vector<located_text> provenance;
    std::vector<located_text> rules;  // `rules:`: the docs/spec rule ids the case asserts
    std::vector<std::string> tags;    // as written, plus the channel: for --tag selection only
    std::vector<std::string> requires_features;  // extension `requires:`: what no derivation sees
    // Every feature the case needs of an implementation, each with what in the case needs it
    // ("http_output.enabled in the config", "expect.http"): derived at load from what the case
    // uses (select/case_features.hpp), for --capabilities and --list.
    std::map<std::string, std::vector<std::string>> needs;
    std::vector<std::pair<std::string, std::string>> env;  // untemplated
    std::vector<std::string> args;                         // untemplated
    bool input_fifo = false;  // `input: fifo`: alerts through --alerts <work>/alerts.fifo
    bool daemon = false;      // `daemon: true`: -d -P <work>/falco.pid
    unsigned umask = 022;     // `umask:`: the implementation's file-mode creation mask
    bool syslog_mock = false;
    std::optional<http_mock_spec> http_mock;
    std::optional<std::string> config;  // untemplated; absent: no falco.yaml is written
    std::vector<step> setup;  // extension `setup:` file actions before the implementation starts
    std::vector<step> steps;
    expectations expect;
    std::optional<std::chrono::milliseconds> timeout;  // extension `timeout_ms:`

    // Non-empty when case.yaml broke the schema: "golden/.../case.yaml:12: steps[2].wait: ...".
    // Such a case is reported as an error, never run.
    std::string load_error;

    // The names of `needs`, sorted.
    std::vector<std::string> features() const;
};

}  // namespace conformance
