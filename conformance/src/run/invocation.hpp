// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace conformance {

// How the implementation was started, as far as steps care.
struct run_mode {
    std::optional<std::filesystem::path> pidfile;  // from `-P FILE`: signals go to that PID
    bool daemon = false;                           // `-d`: the real process is the daemon child
};

// How the harness started the implementation of one case (conformance/README.md, "What happens
// per case"): what every failure report shows and what reproduce.sh replays.
struct invocation {
    std::vector<std::string> argv;                         // argv[0] absolute
    std::vector<std::pair<std::string, std::string>> env;  // the whole environment, in order
    std::filesystem::path cwd;                             // the work directory
    unsigned umask = 022;                                  // the case's `umask:`
    std::optional<std::string> config;  // falco.yaml as written (templated); nullopt: none
    std::optional<std::filesystem::path> alerts_fifo;  // the input is this FIFO (--alerts)
    run_mode mode;
    std::vector<std::string> notes;  // the mocks' addresses, the private /dev/log

    // One shell line that runs it again: `cd W && env -i NAME=VALUE... ARGV...`.
    std::string shell_line() const;
};

struct golden_case;
class mock_fleet;
class templater;
struct run_options;

// The command line (the --impl prefix, `-c falco.yaml`, the contract's flags for `input: fifo`
// and `daemon: true`, the case's templated args), the environment (the harness's defaults, the
// --impl assignments, the case's templated env) and the config of a case. Creates the FIFO
// when the input is one.
invocation plan_invocation(const golden_case& c, const run_options& options,
                           const mock_fleet& fleet, const templater& values,
                           const std::filesystem::path& work);

// A POSIX shell script that runs the implementation exactly as the harness did: the same argv,
// environment and working directory, its input from `input_record` (what the harness wrote),
// with the mocks' addresses and the signals the case sends as comments.
std::string reproduce_script(const golden_case& c, const invocation& how,
                             const std::filesystem::path& input_record);

}  // namespace conformance
