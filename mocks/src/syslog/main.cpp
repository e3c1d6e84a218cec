// SPDX-License-Identifier: Apache-2.0
// mock-syslog: records what syslog clients send (mocks/README.md).
#include <csignal>

#include "mocks/arg_parser.hpp"
#include "mocks/readiness.hpp"
#include "mocks/record_log.hpp"
#include "mocks/signal_pipe.hpp"
#include "syslog_server.hpp"

namespace {

constexpr const char* usage =
    "usage: mock-syslog [--unix PATH] [--udp] [--tcp] --out FILE [--ready-file F]\n"
    "                   [--max-datagram BYTES]\n"
    "\n"
    "Receives syslog messages on a Unix datagram socket at PATH (what /dev/log is), and\n"
    "with --udp / --tcp on 127.0.0.1 (ephemeral ports; TCP: octet counting or newline\n"
    "framing). Appends one JSON record per message to FILE; a datagram longer than\n"
    "--max-datagram (default 4 MiB) is recorded as malformed (truncated). Prints\n"
    "'READY unix=PATH udp=PORT tcp=PORT' (enabled transports only) once bound.\n"
    "SIGTERM/SIGINT: stop, exit 0.\n";

int run(const std::vector<std::string>& args) {
    mocks::arg_parser parser;
    parser.option("--unix")
        .flag("--udp")
        .flag("--tcp")
        .option("--out")
        .option("--ready-file")
        .option("--max-datagram");
    parser.parse(args);
    mocks::syslog_server::options opts;
    opts.unix_path = parser.value("--unix");
    opts.udp = parser.has("--udp");
    opts.tcp = parser.has("--tcp");
    if (auto n = parser.integer("--max-datagram", 1, 64 << 20)) {
        opts.max_datagram = static_cast<std::size_t>(*n);
    }
    if (!opts.unix_path && !opts.udp && !opts.tcp) {
        throw mocks::usage_error("no transport: give --unix PATH, --udp or --tcp");
    }
    const mocks::record_log log(parser.required("--out"));
    mocks::signal_pipe signals{SIGTERM, SIGINT};
    mocks::syslog_server server(opts, log);
    mocks::announce_ready(server.ready_details(), parser.value("--ready-file"));
    server.run(signals);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return mocks::run_program("mock-syslog", usage, argc, argv, run);
}
