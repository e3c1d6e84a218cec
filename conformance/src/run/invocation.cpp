// SPDX-License-Identifier: Apache-2.0
#include "run/invocation.hpp"

#include <cstdlib>

#include "cases/golden_case.hpp"
#include "cases/send_payload.hpp"
#include "cases/templater.hpp"
#include "run/case_runner.hpp"
#include "run/mock_fleet.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

// What the arguments after `-c falco.yaml` say about how alerts and signals reach the
// implementation.
run_mode inspect_args(const std::vector<std::string>& args, const fs::path& work,
                      std::optional<fs::path>& fifo) {
    run_mode mode;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "-d" || args[i] == "--daemon") {
            mode.daemon = true;
        } else if (args[i] == "-P" && has_value) {
            mode.pidfile = work / args[i + 1];
        } else if (args[i] == "--alerts" && has_value && args[i + 1] != "-") {
            fifo = work / args[i + 1];
        }
    }
    return mode;
}

// `input: fifo` and `daemon: true` become the contract's arguments (PROTOCOL.md 1), then the
// case's own. Absolute paths: the daemon changes its directory to / (it may open them after).
std::vector<std::string> case_arguments(const golden_case& c, const templater& values,
                                        const fs::path& work) {
    std::vector<std::string> args;
    if (c.input_fifo) {
        args.insert(args.end(), {"--alerts", (work / "alerts.fifo").string()});
    }
    if (c.daemon) {
        args.insert(args.end(), {"-d", "-P", (work / "falco.pid").string()});
    }
    for (std::size_t i = 0; i < c.args.size(); ++i) {
        args.push_back(values.apply(c.args[i], "args[" + std::to_string(i) + "]"));
    }
    return args;
}

// Defaults, then the --impl string's assignments, then the case: the case decides.
std::vector<std::pair<std::string, std::string>> environment(const golden_case& c,
                                                             const run_options& options,
                                                             const mock_fleet& fleet,
                                                             const templater& values,
                                                             const fs::path& work) {
    std::vector<std::pair<std::string, std::string>> env{
        {"TZ", "UTC0"},
        {"FALCO_HOSTNAME", "golden-host"},
        {"PATH", std::getenv("PATH") ? std::getenv("PATH") : ""},
        {"HOME", work.string()},
        {"CAPTURE_LOG", fleet.capture_log().string()}};
    const auto set = [&](const std::string& name, const std::string& value) {
        for (auto& [n, v] : env) {
            if (n == name) {
                v = value;
                return;
            }
        }
        env.emplace_back(name, value);
    };
    if (send_payloads::sends_anything(c)) {
        set("FALCO_CONFORMANCE_ALERTS", fleet.adapter_alerts().string());
    }
    for (const auto& [n, v] : options.impl.env) {
        set(n, v);
    }
    for (const auto& [n, v] : c.env) {
        set(n, values.apply(v, "env." + n));
    }
    return env;
}

}  // namespace

invocation plan_invocation(const golden_case& c, const run_options& options,
                           const mock_fleet& fleet, const templater& values, const fs::path& work) {
    invocation how;
    how.cwd = work;
    how.argv = {options.program};
    how.argv.insert(how.argv.end(), options.impl.argv.begin() + 1, options.impl.argv.end());
    how.argv.insert(how.argv.end(), {"-c", "falco.yaml"});
    const auto args = case_arguments(c, values, work);
    how.argv.insert(how.argv.end(), args.begin(), args.end());
    how.mode = inspect_args(args, work, how.alerts_fifo);
    how.env = environment(c, options, fleet, values, work);
    if (c.config) {  // without `config:` the implementation meets a missing file
        how.config = values.apply(*c.config, "config");
    }
    return how;
}

}  // namespace conformance
