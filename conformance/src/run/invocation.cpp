// SPDX-License-Identifier: Apache-2.0
#include "run/invocation.hpp"

#include <cstdio>

#include <cstdlib>

#include "cases/golden_case.hpp"
#include "cases/send_payload.hpp"
#include "cases/templater.hpp"
#include "run/case_runner.hpp"
#include "run/impl_command.hpp"
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
        if (args[i] == "-P" && has_value) {
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

// `env -i NAME=VALUE... ARGV...`, quoted for a POSIX shell.
std::string env_command(const invocation& how) {
    std::string line = "env -i";
    for (const auto& [name, value] : how.env) {
        line += " " + shell_quote(name + "=" + value);
    }
    for (const auto& word : how.argv) {
        line += " " + shell_quote(word);
    }
    return line;
}

std::string octal_mask(unsigned mask) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mask);
    return text;
}

}  // namespace

std::string invocation::shell_line() const {
    return "cd " + shell_quote(cwd.string()) + " && umask " + octal_mask(umask) + " && " +
           env_command(*this);
}

invocation plan_invocation(const golden_case& c, const run_options& options,
                           const mock_fleet& fleet, const templater& values, const fs::path& work) {
    invocation how;
    how.cwd = work;
    how.umask = c.umask;
    how.argv = {options.program};
    how.argv.insert(how.argv.end(), options.impl.argv.begin() + 1, options.impl.argv.end());
    how.argv.insert(how.argv.end(), {"-c", "falco.yaml"});
    const auto args = case_arguments(c, values, work);
    how.argv.insert(how.argv.end(), args.begin(), args.end());
    how.mode = inspect_args(args, work, how.alerts_fifo);
    // Only `daemon: true` makes a daemon run: a `-d` among a case's own args is an argument like
    // any other (a profile without daemon mode must refuse it).
    how.mode.daemon = c.daemon;
    how.env = environment(c, options, fleet, values, work);
    if (c.config) {  // without `config:` the implementation meets a missing file
        how.config = values.apply(*c.config, "config");
    }
    how.notes = fleet.notes();
    for (const auto& s : c.setup) {
        if (s.what == step::kind::tmpfs) {
            how.notes.push_back(s.path + " was a tmpfs of " + std::to_string(s.size) +
                                " bytes (mounted by the harness; not recreated here)");
        }
    }
    if (options.private_dev_log) {
        how.notes.push_back("/dev/log, in a private mount namespace, was " +
                            fleet.dev_log_target());
    }
    return how;
}

std::string reproduce_script(const golden_case& c, const invocation& how,
                             const fs::path& input_record) {
    std::string text =
        "#!/bin/sh\n"
        "# Runs the implementation of case " +
        c.id +
        " as falco-conformance did: the same argv, environment\n"
        "# and working directory (this one: what the run wrote is still here), its input the "
        "bytes\n"
        "# the harness wrote (" +
        input_record.lexically_relative(how.cwd).string() +
        "), here from a file: the harness's pipe stayed open until\n"
        "# the case closed it, this input ends at once.\n";
    for (const auto& note : how.notes) {
        text += "# " + note + "\n";
    }
    for (const auto& s : c.steps) {
        if (s.what == step::kind::signal) {
            text += "# " + s.label + ": the harness sent SIG" +
                    std::string(signal_name(s.sent_signal)) + " to the " +
                    (s.to_group ? "process group" : "process") +
                    (how.mode.daemon ? " of the daemon (PID in the pidfile)" : "") + ": kill -" +
                    std::string(signal_name(s.sent_signal)) + " " +
                    (s.to_group ? "-- -PID" : "PID") + "\n";
        } else if (s.what == step::kind::release) {
            text += "# " + s.label +
                    ": the harness let mock-http answer the requests it held (kill -USR1 "
                    "on mock-http)\n";
        }
    }
    text += "cd " + shell_quote(how.cwd.string()) + " || exit 1\n";
    text += "umask " + octal_mask(how.umask) + "\n";
    const auto run = env_command(how);
    const auto input = shell_quote(input_record.string());
    if (how.alerts_fifo) {
        const auto fifo = shell_quote(how.alerts_fifo->string());
        text += "[ -p " + fifo + " ] || mkfifo " + fifo + " || exit 1\n";
        text += "cat " + input + " > " + fifo + " &\n";
        text += "exec " + run + " </dev/null\n";
    } else {
        text += "exec " + run + " < " + input + "\n";
    }
    return text;
}

}  // namespace conformance
