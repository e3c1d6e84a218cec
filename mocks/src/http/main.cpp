// SPDX-License-Identifier: Apache-2.0
// mock-http: an HTTP[S] endpoint that records every connection and request (README).
#include <sys/stat.h>

#include <csignal>
#include <memory>

#include "fault_schedule.hpp"
#include "http_server.hpp"
#include "mocks/arg_parser.hpp"
#include "mocks/readiness.hpp"
#include "mocks/record_log.hpp"
#include "test_pki.hpp"
#include "tls_context.hpp"

namespace {

constexpr const char* usage =
    "usage: mock-http [--http] [--https] [--tls-mode trusted|untrusted|mtls] [--cert-dir DIR]\n"
    "                 --out FILE [--fault SPEC]... [--faults FILE] [--response-body TEXT]\n"
    "                 [--ready-file F]\n"
    "\n"
    "Listens on 127.0.0.1 (ephemeral ports; --http when neither is given) and appends a JSON\n"
    "record per connection and per request to FILE. Writes fresh test certificates to DIR\n"
    "(required with --https). Answers 200 with TEXT (default empty) unless a fault says\n"
    "otherwise: SPEC is INDEX:status=N, INDEX:delay_ms=N, INDEX:close, INDEX:hang or INDEX:hold,\n"
    "INDEX a 1-based request number or '*'. A held request is answered (as its other faults say)\n"
    "once SIGUSR1 releases the server; from then on nothing is held. Prints\n"
    "'READY http=PORT https=PORT' once listening.\n"
    "SIGTERM/SIGINT: stop (hanging and held requests included), exit 0.\n";

int run(const std::vector<std::string>& args) {
    mocks::arg_parser parser;
    parser.flag("--http")
        .flag("--https")
        .option("--tls-mode")
        .option("--cert-dir")
        .option("--out")
        .option("--fault")
        .option("--faults")
        .option("--response-body")
        .option("--ready-file");
    parser.parse(args);
    const bool https = parser.has("--https");
    const bool http = parser.has("--http") || !https;
    const std::string mode = parser.value("--tls-mode").value_or("trusted");
    if (mode != "trusted" && mode != "untrusted" && mode != "mtls") {
        throw mocks::usage_error("invalid value for --tls-mode: '" + mode +
                                 "' (expected trusted, untrusted or mtls)");
    }
    const auto cert_dir = parser.value("--cert-dir");
    if (https && !cert_dir) {
        throw mocks::usage_error("--https needs --cert-dir DIR");
    }
    if (cert_dir) {
        struct stat st {};
        if (::stat(cert_dir->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
            throw mocks::usage_error("--cert-dir " + *cert_dir + ": not a directory");
        }
    }
    mocks::fault_schedule faults;
    for (const auto& spec : parser.values("--fault")) {
        faults.add(spec, "--fault");
    }
    for (const auto& file : parser.values("--faults")) {
        faults.add_file(file);
    }
    const mocks::record_log log(parser.required("--out"));
    const std::string response_body = parser.value("--response-body").value_or("");

    mocks::signal_pipe signals{SIGTERM, SIGINT, SIGUSR1};
    std::unique_ptr<mocks::test_pki> pki;
    std::unique_ptr<mocks::tls_context> tls;
    if (cert_dir) {
        pki = std::make_unique<mocks::test_pki>();
        pki->write(*cert_dir);
        if (https) {
            tls = std::make_unique<mocks::tls_context>(*pki, mode);
        }
    }
    mocks::stop_flag stopping;
    mocks::stop_flag released;
    mocks::http_shared shared{log, faults, response_body, stopping, released};
    mocks::http_server server(http, https, tls.get(), shared);
    mocks::announce_ready(server.ready_details(), parser.value("--ready-file"));
    server.run(signals, stopping, released);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return mocks::run_program("mock-http", usage, argc, argv, run);
}
