// SPDX-License-Identifier: Apache-2.0
// falco-replay: makes a real Falco binary an implementation under test (docs/REAL-FALCO.md).
//
//   falco-replay --falco PATH [--plugin PATH] [--alerts-file FILE] [--replay-anyway]
//                [--print-plan] -- <the harness's arguments>
//
// It plans the rules for the case's alerts, writes them and the plugin's spec to
// .falco-replay/ in the working directory (the case's private directory), then exec()s Falco, so
// that the process the harness signals and waits for is Falco itself and Falco inherits the
// harness's standard input, which the plugin reads.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <mocks/install_layout.hpp>

#include "falco_invocation.hpp"
#include "output_config_probe.hpp"
#include "replay_planner.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int k_exit_usage = 2;
// Not a contract exit code on purpose (automake's "skipped"): the case cannot be replayed
// faithfully; nothing was started or delivered (docs/REAL-FALCO.md "Limits", section 5 request 3).
constexpr int k_exit_not_expressible = 77;
constexpr const char* k_alerts_env = "FALCO_CONFORMANCE_ALERTS";
constexpr const char* k_spec_env = "FALCO_REPLAY_SPEC";

const char* k_usage =
    "usage: falco-replay --falco PATH [--plugin PATH] [--alerts-file FILE] [--replay-anyway]\n"
    "                    [--print-plan] -- <harness arguments: -c CONFIG [-o K=V]... [-U] "
    "[--alerts PATH]>\n"
    "The case's alerts file comes from --alerts-file or $FALCO_CONFORMANCE_ALERTS.\n";

struct options {
    std::string falco, plugin, alerts_file;
    bool replay_anyway = false;
    bool print_plan = false;
    std::vector<std::string> harness_args;
};

options parse(int argc, char** argv) {
    options o;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--") {
            ++i;
            break;
        } else if (a == "--falco") {
            o.falco = value();
        } else if (a == "--plugin") {
            o.plugin = value();
        } else if (a == "--alerts-file") {
            o.alerts_file = value();
        } else if (a == "--replay-anyway") {
            o.replay_anyway = true;
        } else if (a == "--print-plan") {
            o.print_plan = true;
        } else {
            throw std::invalid_argument("unknown option '" + a +
                                        "' (the harness's arguments "
                                        "follow `--`)");
        }
    }
    o.harness_args.assign(argv + i, argv + argc);
    if (o.falco.empty()) {
        throw std::invalid_argument("--falco is required");
    }
    if (o.alerts_file.empty() && std::getenv(k_alerts_env)) {
        o.alerts_file = std::getenv(k_alerts_env);
    }
    if (o.plugin.empty()) {
        // Installed beside the adapter (<prefix>/libexec/falco-conformance), else where the
        // build lays it out (plugin/ next to the adapter).
        std::error_code ec;
        const auto self = fs::read_symlink("/proc/self/exe", ec);
        o.plugin = mocks::installed_or_built(
            FALCO_REPLAY_INSTALLED_PLUGIN,
            (self.parent_path() / "plugin" / "libfalco_replay.so").string());
    }
    return o;
}

replay::replay_plan plan_for(const std::string& alerts_file, bool verbose) {
    replay::replay_planner planner(alerts_file.empty() ? "alerts" : alerts_file);
    if (alerts_file.empty()) {
        // The harness names the file whenever a case has one; silent otherwise, since golden
        // cases count stderr lines.
        if (verbose) {
            std::cerr << "falco-replay: no alerts file (--alerts-file or $" << k_alerts_env
                      << "): no rules, so every alert would be reported as unknown\n";
        }
        return planner.finish();
    }
    std::ifstream in(alerts_file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read alerts file " + alerts_file);
    }
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        planner.add_line(n, line);
    }
    return planner.finish();
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
        throw std::runtime_error("cannot write " + p.string());
    }
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    try {
        o = parse(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "falco-replay: " << e.what() << '\n' << k_usage;
        return k_exit_usage;
    }
    try {
        const auto plan = plan_for(o.alerts_file, o.print_plan);
        for (const auto& p : plan.problems) {
            std::cerr << "falco-replay: cannot replay faithfully: " << p << '\n';
        }
        // Message-mode rules print the exact text; only JSON output_fields would differ.
        const auto json_fields = replay::output_config_probe::json_output_fields(o.harness_args);
        // On a faithful run the adapter writes nothing: golden cases count stderr lines.
        for (const auto& p : plan.json_problems) {
            if (!json_fields.value_or(false) && !o.print_plan) {
                continue;
            }
            std::cerr << "falco-replay: "
                      << (json_fields.value_or(false)
                              ? "cannot replay faithfully (JSON output_fields): "
                              : "note: ")
                      << p << '\n';
        }
        const bool faithful =
            plan.problems.empty() && (plan.json_problems.empty() || !json_fields.value_or(false));
        if (o.print_plan && plan.source_aliased && !plan.rules.empty()) {
            std::cerr << "falco-replay: JSON 'source' will be \"" << plan.source
                      << "\" where the contract says \"syscall\" (documented alias)\n";
        }
        const fs::path dir = fs::current_path() / ".falco-replay";
        const auto inv =
            replay::falco_invocation::build({o.falco, fs::absolute(o.plugin).string(),
                                             (dir / "rules.yaml").string(), o.harness_args});
        if (o.print_plan) {
            std::cout << "# rules.yaml\n"
                      << plan.rules_yaml() << "# spec.json\n"
                      << plan.plugin_spec_json() << "# plugin fields\n"
                      << replay::replay_plan::plugin_fields_json(plan.fields) << "\n# argv\n";
            for (const auto& a : inv.argv()) {
                std::cout << a << '\n';
            }
            return faithful ? 0 : k_exit_not_expressible;
        }
        if (!faithful && !o.replay_anyway) {
            return k_exit_not_expressible;
        }
        if (!fs::exists(o.plugin)) {
            throw std::runtime_error("plugin " + o.plugin +
                                     " not found (build it with "
                                     "-DFALCO_PLUGIN_API_INCLUDE, or pass --plugin)");
        }
        fs::create_directories(dir);
        write(dir / "rules.yaml", plan.rules_yaml());
        write(dir / "spec.json", plan.plugin_spec_json());

        // The plugin learns its fields before its init config arrives
        // (docs/REAL-FALCO.md section 2), so the spec's path travels in the environment.
        const std::string spec_env = std::string(k_spec_env) + "=" + (dir / "spec.json").string();
        std::vector<char*> envp;
        for (char** e = environ; *e; ++e) {
            if (std::strncmp(*e, k_spec_env, std::strlen(k_spec_env)) != 0) {
                envp.push_back(*e);
            }
        }
        envp.push_back(const_cast<char*>(spec_env.c_str()));
        envp.push_back(nullptr);
        std::vector<char*> args;
        for (const auto& a : inv.argv()) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        std::cout.flush();
        execve(o.falco.c_str(), args.data(), envp.data());
        throw std::runtime_error("cannot run " + o.falco + ": " + std::strerror(errno));
    } catch (const std::exception& e) {
        std::cerr << "falco-replay: " << e.what() << '\n';
        return 1;
    }
}
