// SPDX-License-Identifier: Apache-2.0
// capture: the program-output target; records what it reads and its lifecycle (README).
#include <unistd.h>
#include <csignal>
#include <cstdlib>

#include "capture_loop.hpp"
#include "mocks/arg_parser.hpp"
#include "mocks/readiness.hpp"

namespace {

constexpr const char* usage =
    "usage: capture [--log FILE] [--on-signal SIG=exit|continue]... [--exit-after-reads N]\n"
    "               [--stop-reading-after N] [--sleep-before-read-ms N] [--exit-code N]\n"
    "               [--ready-file F] [LABEL]...\n"
    "\n"
    "Reads stdin until EOF and appends JSON records (start, read, signal, eof, exit) to FILE\n"
    "(default: $CAPTURE_LOG). Signals TERM, INT, HUP exit by default, USR1, USR2 continue.\n"
    "--stop-reading-after N: after N reads, stop reading (EOF is then never seen) and wait\n"
    "for a signal that exits. Nothing is written to stdout: it belongs to the program that\n"
    "started capture. --ready-file F receives 'READY pid=PID' after the start record.\n";

int run(const std::vector<std::string>& args, int argc, char** argv) {
    mocks::arg_parser parser;
    parser.option("--log")
        .option("--on-signal")
        .option("--exit-after-reads")
        .option("--stop-reading-after")
        .option("--sleep-before-read-ms")
        .option("--exit-code")
        .option("--ready-file")
        .allow_positionals();  // free labels, e.g. to tell instances apart in argv
    parser.parse(args);

    mocks::capture_loop::options opts;
    opts.exit_on_signal = {
        {SIGTERM, true}, {SIGINT, true}, {SIGHUP, true}, {SIGUSR1, false}, {SIGUSR2, false}};
    for (const auto& spec : parser.values("--on-signal")) {
        const auto eq = spec.find('=');
        const int signo = mocks::signal_number(spec.substr(0, eq));
        const std::string action = eq == std::string::npos ? "" : spec.substr(eq + 1);
        if (opts.exit_on_signal.count(signo) == 0 || (action != "exit" && action != "continue")) {
            throw mocks::usage_error("invalid value for --on-signal: '" + spec +
                                     "' (expected TERM|INT|HUP|USR1|USR2=exit|continue)");
        }
        opts.exit_on_signal[signo] = action == "exit";
    }
    if (auto n = parser.integer("--exit-after-reads", 1, INT64_MAX)) {
        opts.exit_after_reads = *n;
    }
    if (auto n = parser.integer("--stop-reading-after", 0, INT64_MAX)) {
        opts.stop_reading_after = *n;
    }
    opts.sleep_before_read_ms =
        static_cast<int>(parser.integer("--sleep-before-read-ms", 0, 3600000).value_or(0));
    opts.exit_code = static_cast<int>(parser.integer("--exit-code", 0, 255).value_or(0));

    std::string log_path;
    if (auto v = parser.value("--log")) {
        log_path = *v;
    } else if (const char* env = std::getenv("CAPTURE_LOG"); env != nullptr && *env != '\0') {
        log_path = env;
    } else {
        throw mocks::usage_error("no log: give --log FILE or set CAPTURE_LOG");
    }
    const mocks::record_log log(log_path);
    mocks::signal_pipe signals{SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2};
    mocks::capture_loop loop(opts, log, signals);
    const std::vector<std::string> all_argv(argv, argv + argc);
    if (auto ready_file = parser.value("--ready-file")) {
        // The start record goes first so that a reader of the ready file finds it.
        return loop.run(all_argv, [&] {
            mocks::announce_ready("pid=" + std::to_string(::getpid()), ready_file, false);
        });
    }
    return loop.run(all_argv, {});
}

}  // namespace

int main(int argc, char** argv) {
    return mocks::run_program(
        "capture", usage, argc, argv,
        [&](const std::vector<std::string>& args) { return run(args, argc, argv); });
}
