// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "output_transforms.hpp"

namespace selftest {

// What the defect shim (libconformance_defect_shim.so) changes in the process it is preloaded
// into: the `shim:` map of a defect in defects.yaml, passed by conformance-defect in the
// environment variable CONFORMANCE_DEFECT_SHIM as "key=value" lines. conformance/selftest/
// README.md lists the keys; every one defaults to "change nothing".
struct shim_settings {
    // output: the transform applied to every byte written to stdout, files, pipes, syslog and
    // HTTP bodies (never to stderr).
    output_transform output = output_transform::none;
    // drop_stdout_starting_with: an fwrite to stdout whose data starts with this text is
    // discarded (and reported as written).
    std::string drop_stdout_starting_with;
    // lose_unflushed_at_end_of_input: when a read of a pipe or FIFO (the alerts input) first
    // returns end of file, every stdio stream the process wrote to that holds two or more
    // complete lines in its buffer loses them at its next fflush or fclose. An implementation
    // that flushes after each line never holds two; one that buffers until shutdown holds them
    // all (a case that is to catch this sends two alerts at least before the end of input).
    bool lose_unflushed_at_end_of_input = false;
    // ignore_signal: a handler installed for this signal (sigaction or signal) becomes SIG_IGN.
    int ignore_signal = 0;
    // spawn_setsid: posix_spawn children start a new session (POSIX_SPAWN_SETSID).
    bool spawn_setsid = false;
    // syslog_level_off_by_one: every syslog(3) level one step less severe (debug becomes info).
    bool syslog_level_off_by_one = false;
    // http_blank_header: this libcurl header line (CURLOPT_HTTPHEADER) is sent as "Name:" with
    // no value, which makes libcurl leave the header out.
    std::string http_blank_header;

    // "key=value" lines (the value runs to the end of the line). nullopt with *error naming the
    // key on an unknown key or a bad value.
    static std::optional<shim_settings> parse(std::string_view text, std::string* error);
};

// SIGUSR1 for "USR1" (or "SIGUSR1"), for the signals a defect may name; 0 for anything else.
int signal_number(std::string_view name);

}  // namespace selftest
