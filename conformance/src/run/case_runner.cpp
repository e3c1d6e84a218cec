// SPDX-License-Identifier: Apache-2.0
#include "run/case_runner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "cases/send_payload.hpp"
#include "cases/templater.hpp"
#include "judge/declared_not_applicable.hpp"
#include "judge/expectation_checker.hpp"
#include "run/channel_reader.hpp"
#include "run/child_registry.hpp"
#include "run/impl_process.hpp"
#include "run/mock_fleet.hpp"
#include "run/step_executor.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

constexpr auto k_default_case_timeout = std::chrono::milliseconds(20000);
constexpr std::size_t k_stderr_tail_lines = 20;

fs::path make_work_dir(const golden_case& c) {
    const char* tmp = std::getenv("TMPDIR");
    std::string leaf = c.id.substr(c.id.rfind('/') + 1).substr(0, 40);
    std::string pattern =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/falco-conformance-" + leaf + ".XXXXXX";
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    return pattern;
}

// What the case's own arguments say about how alerts and signals reach the implementation.
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

}  // namespace

std::string case_runner::reproduce_command(const golden_case& c) const {
    std::string line = shell_quote(options_.harness) + " --impl " +
                       shell_quote(options_.impl_text) + " --profile " +
                       shell_quote(options_.profile);
    if (!options_.golden_arg.empty()) {
        line += " --golden " + shell_quote(options_.golden_arg);
    }
    return line + " --case " + shell_quote(c.id) + " --keep-workdir";
}

case_result case_runner::run(const golden_case& c) const {
    case_result result;
    result.id = c.id;
    result.reproduce = reproduce_command(c);
    const auto started = clock_type::now();
    if (!c.load_error.empty()) {
        result.outcome = verdict::error;
        result.reason = c.load_error;
        return result;
    }
    fs::path work;
    try {
        work = make_work_dir(c);
        if (!options_.keep_workdir) {
            child_registry::instance().add_workdir(work);
        }
        mock_fleet fleet(c, work);
        const templater values(fleet.template_values());
        if (c.config) {  // without `config:` the implementation meets a missing file
            write_file(work / "falco.yaml", values.apply(*c.config, "config"));
        }
        // The case's own preparation (e.g. `falco.yaml` as a directory): failing to prepare is
        // the harness's problem, not the implementation's, so the case is an error.
        for (const auto& s : c.setup) {
            if (const auto f = apply_file_action(work, s)) {
                throw std::runtime_error(f->what + ": " + f->message);
            }
        }

        std::vector<std::string> argv{options_.program};
        argv.insert(argv.end(), options_.impl.argv.begin() + 1, options_.impl.argv.end());
        argv.insert(argv.end(), {"-c", "falco.yaml"});
        // `input: fifo` and `daemon: true` become the contract's arguments (PROTOCOL.md 1).
        // Absolute paths: the daemon changes its directory to / (it may open them after).
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
        argv.insert(argv.end(), args.begin(), args.end());

        // Defaults, then the --impl string's assignments, then the case: the case decides.
        std::vector<std::pair<std::string, std::string>> env{
            {"TZ", "UTC0"},
            {"FALCO_HOSTNAME", "golden-host"},
            {"PATH", std::getenv("PATH") ? std::getenv("PATH") : ""},
            {"HOME", work.string()},
            {"CAPTURE_LOG", fleet.capture_log().string()}};
        const auto set_env = [&](const std::string& name, const std::string& value) {
            for (auto& [n, v] : env) {
                if (n == name) {
                    v = value;
                    return;
                }
            }
            env.emplace_back(name, value);
        };
        // For adapters that must see every alert before the first arrives (conformance/replay/):
        // every line the case will send, written before the start (a few MiB at most for the
        // golden cases).
        if (const auto alerts = send_payloads(c, values).adapter_alerts()) {
            write_file(fleet.harness_dir() / "alerts.jsonl", *alerts);
            set_env("FALCO_CONFORMANCE_ALERTS", (fleet.harness_dir() / "alerts.jsonl").string());
        }
        for (const auto& [n, v] : options_.impl.env) {
            set_env(n, v);
        }
        for (const auto& [n, v] : c.env) {
            set_env(n, values.apply(v, "env." + n));
        }

        std::optional<fs::path> fifo;
        const auto mode = inspect_args(args, work, fifo);
        if (fifo && !fs::exists(*fifo) && mkfifo(fifo->c_str(), 0600) != 0) {
            throw std::runtime_error("mkfifo " + fifo->string() + ": " + std::strerror(errno));
        }

        launch_spec spec;
        spec.argv = argv;
        for (const auto& [n, v] : env) {
            spec.env.push_back(n + "=" + v);
        }
        spec.cwd = work;
        spec.stdout_path = fleet.harness_dir() / "stdout";
        spec.stderr_path = fleet.harness_dir() / "stderr";
        if (options_.private_dev_log) {
            spec.dev_log = fleet.dev_log_target();
        }
        const channel_reader channels({work, spec.stdout_path, spec.stderr_path, fleet.syslog_log(),
                                       fleet.http_log(), fleet.capture_log()});
        const auto timeout = options_.timeout.value_or(c.timeout.value_or(k_default_case_timeout));
        const auto deadline = clock_type::now() + timeout;

        impl_process process(spec);
        if (fifo) {
            process.use_alerts_fifo(*fifo);
        }
        std::optional<int> final_status;
        pid_t final_pid = process.pid();
        std::optional<failure> step_failure;
        {
            const expectation_checker step_checker(c, channels, std::nullopt, process.pid(),
                                                   options_.aliases);
            step_executor steps(c, process, channels, step_checker, values, mode, deadline);
            for (const auto& s : c.steps) {
                if ((step_failure = steps.run(s))) {
                    break;
                }
            }
            // After a failed step the verdict is known; a short grace keeps the channels
            // comparable without waiting out the whole case timeout.
            auto end =
                steps.finish(step_failure ? clock_type::now() + std::chrono::seconds(3) : deadline);
            if (!step_failure && end) {
                step_failure = end;
            }
            final_pid = steps.daemon_pid().value_or(process.pid());
            final_status = process.status(final_pid);
        }
        // Whatever the outcome: nothing of the implementation survives the case.
        process.drain(clock_type::now() + std::chrono::seconds(1));
        process.terminate();
        fleet.stop();

        const auto declared = options_.exit_77_not_applicable
                                  ? declared_not_applicable(c, channels, final_status)
                                  : std::nullopt;
        if (declared) {
            result.outcome = verdict::not_applicable;
            result.declared_by_implementation = true;
            result.reason = *declared;
        } else {
            if (step_failure) {
                result.failures.push_back(*step_failure);
            }
            const expectation_checker checker(c, channels, final_status, final_pid,
                                              options_.aliases);
            for (auto& f : checker.check()) {
                result.failures.push_back(std::move(f));
            }
            result.outcome = result.failures.empty() ? verdict::passed : verdict::failed;
            if (checker.aliased_records() > 0) {
                result.reason = "aliases applied to " + std::to_string(checker.aliased_records()) +
                                " expected records";
            }
            if (!result.failures.empty()) {
                result.stderr_tail = tail_lines(read_file(spec.stderr_path), k_stderr_tail_lines);
            }
        }
    } catch (const std::exception& e) {
        result.outcome = verdict::error;
        result.reason = e.what();
    }
    result.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started);
    if (!work.empty()) {
        if (options_.keep_workdir) {
            result.workdir = work.string();
        } else {
            std::error_code ec;
            fs::remove_all(work, ec);
            child_registry::instance().remove_workdir(work);
        }
    }
    return result;
}

}  // namespace conformance
