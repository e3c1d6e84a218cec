// SPDX-License-Identifier: Apache-2.0
#include "runner.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "alert_pipeline.hpp"
#include "cli_options.hpp"
#include "daemonizer.hpp"
#include "falco_ref/channels/make_channels.hpp"
#include "falco_ref/config_loader.hpp"
#include "falco_ref/logger.hpp"
#include "falco_ref/outputs.hpp"
#include "line_reader.hpp"
#include "signal_watcher.hpp"

#ifndef FALCO_REF_VERSION
#define FALCO_REF_VERSION "unknown"
#endif

namespace falco_ref::app {
namespace {

constexpr std::string_view k_program = "falco-outputs-ref";

// Uncaught exceptions in both Falcos: the logger at ERR, and raw on stderr too when log_stderr
// is off (falco@0.44.1:userspace/falco/falco.cpp:40-54; falco@0.15.3 falco.cpp:163-174).
void display_fatal(const std::string& message) {
    log(log_level::error, message);
    if (!current_logger_settings().to_stderr) {
        write_stderr(message + "\n");
    }
}

void report_runtime_error(const std::string& what) {
    display_fatal("Runtime error: " + what + ". Exiting.");
}

// 0.44 prints action failures raw as "Error: <msg>" (profile-0.44.md n); legacy throws them to
// its "Runtime error: <msg>. Exiting." handler (legacy-profile.md 3).
void report_config_error(const profile& prof, const config_error& e) {
    write_stderr(e.raw_stderr());
    if (prof.config_errors_as_runtime_errors) {
        report_runtime_error(e.what());
    } else {
        write_stderr(std::string("Error: ") + e.what() + "\n");
    }
}

std::string absolute_path(const std::string& path) {
    if (path.empty() || path == "-" || path.front() == '/') {
        return path;
    }
    char cwd[4096];
    if (::getcwd(cwd, sizeof(cwd)) == nullptr) {
        return path;
    }
    return std::string(cwd) + "/" + path;
}

// Opens the alerts input; a FIFO blocks until a writer comes, or a signal interrupts.
int open_input(const std::string& path) {
    if (path == "-") {
        return STDIN_FILENO;
    }
    for (;;) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 || errno != EINTR) {
            return fd;
        }
        if (signal_watcher::pending() & signal_watcher::terminate) {
            errno = EINTR;
            return -1;
        }
    }
}

void log_accounting(const outputs& outs) {
    std::string text = "outputs accounting:";
    for (const auto& c : outs.counters()) {
        text += " " + c.name + " delivered=" + std::to_string(c.delivered) +
                " failed=" + std::to_string(c.failed) + ";";
    }
    // Per channel: delivered + failed + queue drops + discarded == alerts pushed.
    text += " queue drops=" + std::to_string(outs.alert_drops()) +
            " discarded=" + std::to_string(outs.discarded()) +
            " (all queue drops incl. control messages=" + std::to_string(outs.queue_drops()) + ")";
    log(log_level::debug, text);
}

}  // namespace

int runner::run(const std::vector<std::string>& args) {
    cli_options opts;
    try {
        opts = parse_cli(args);
    } catch (const cli_error& e) {
        write_stderr(std::string(k_program) + ": " + e.what() + "\nTry '" + std::string(k_program) +
                     " --help'.\n");
        return 1;
    }
    if (opts.help) {
        std::fputs(cli_usage().c_str(), stdout);
        return 0;
    }
    if (opts.version) {
        std::printf("%s %s (profiles: 0.44 = Falco 0.44.1, legacy = Falco 0.15.3)\n",
                    std::string(k_program).c_str(), FALCO_REF_VERSION);
        return 0;
    }
    const profile& prof = get_profile(opts.profile);

    // Falco's logger before the config is loaded: stderr and syslog on, level info
    // (falco@0.44.1:userspace/engine/logger.cpp:24-25,96-97; same in 0.15.3).
    configure_logger(logger_settings{true, true, log_level::info, false});

    if (opts.daemon && opts.pidfile.empty()) {
        report_runtime_error("If -d is provided, a pid file must also be provided");
        return 1;
    }

    config_request request;
    request.profile = opts.profile;
    request.config_path = opts.config_path;
    request.options = opts.options;
    request.unbuffered = opts.unbuffered;
    config_load_result loaded;
    try {
        loaded = config_loader().load(request);
    } catch (const config_error& e) {
        report_config_error(prof, e);
        return 1;
    } catch (const std::exception& e) {
        // Safety net: any other failure while loading is still a clean start-up error.
        report_config_error(prof, config_error(e.what()));
        return 1;
    }
    const config& cfg = loaded.cfg;
    for (const std::string& w : loaded.warnings) {
        write_stderr(std::string(k_program) + ": warning: " + w + "\n");
    }
    configure_logger(
        logger_settings{cfg.log_stderr, cfg.log_syslog, cfg.level, cfg.time_format_iso_8601});
    if (prof.logs_initialized_line) {
        // After the logger got its settings.
        log(log_level::info,
            cfg.has_config_file
                ? "Falco initialized with configuration file " + cfg.path
                : std::string("Falco initialized. No configuration file found, proceeding with "
                              "defaults"));
    }
    if (prof.json_has_hostname && cfg.hostname_from_env) {
        log(log_level::info,
            "Hostname value has been overridden via environment variable to: " + cfg.hostname);
    }

    std::vector<std::unique_ptr<channel>> channels;
    try {
        channels = make_channels(cfg);
    } catch (const std::exception& e) {
        report_runtime_error(e.what());
        return 1;
    }

    // -d relocates us to '/', so a relative --alerts path is resolved first.
    const std::string alerts_path = absolute_path(opts.alerts_path);
    if (opts.daemon) {
        switch (daemonizer(opts.pidfile).run()) {
            case daemonizer::role::parent_done:
                return 0;
            case daemonizer::role::parent_failed:
                return 1;
            case daemonizer::role::child:
                break;
        }
    }

    signal_watcher::install();
    // Worker and watchdog threads start with our signals blocked, so a signal interrupts the
    // reading thread (e.g. a blocking open of a FIFO).
    signal_watcher::block_in_this_thread();
    outputs_settings settings;
    settings.queue_capacity = prof.has_outputs_queue ? cfg.outputs_queue_capacity : 0;
    settings.output_timeout = std::chrono::milliseconds(cfg.output_timeout_ms);
    settings.use_timeout = prof.has_outputs_queue;
    settings.on_fatal = [](const std::string&) { signal_watcher::post(signal_watcher::fatal); };
    outputs outs(std::move(channels), std::move(settings));
    signal_watcher::unblock_in_this_thread();

    const int input_fd = open_input(alerts_path);
    bool input_failed = false;
    if (input_fd < 0 && !(signal_watcher::pending() & signal_watcher::terminate)) {
        write_stderr(std::string(k_program) + ": cannot open alerts input " + opts.alerts_path +
                     ": " + std::strerror(errno) + "\n");
        input_failed = true;
    }

    alert_pipeline pipeline(cfg, outs);

    if (input_fd >= 0) {
        // Alerts are handed over in batches (push_streamed); what is batched goes to the worker
        // before we wait for input.
        line_reader reader(input_fd, signal_watcher::wake_fd(), [&outs] { outs.flush_streamed(); });
        std::uint64_t line_no = 0;
        std::string line;
        bool stop = false;
        // Returns true when the run must end (terminate or fatal).
        auto handle_events = [&](unsigned events) {
            if (events & signal_watcher::reopen) {
                if (prof.log_reopen) {
                    log(log_level::info, "SIGUSR1 received, reopening outputs...");
                }
                outs.reopen();
            }
            // SIGHUP (events & hangup) is caught and ignored: Falco 0.44.1 ignores it with
            // watch_config_files: false (profile-0.44.md k); the restart it does otherwise, and
            // legacy's restart (legacy-profile.md 2.h), are not implemented.
            if (events & signal_watcher::fatal) {
                return true;
            }
            if (events & signal_watcher::terminate) {
                log(log_level::info, prof.terminate_log_line);
                return true;
            }
            return false;
        };
        while (!stop) {
            // Checked after every line, as Falco checks its flags after every event.
            if (signal_watcher::pending() != 0 && handle_events(signal_watcher::take())) {
                break;
            }
            line_reader::result r;
            try {
                r = reader.next(line);
            } catch (const std::exception& e) {
                write_stderr(std::string(k_program) + ": reading alerts: " + e.what() + "\n");
                r = line_reader::result::eof;
            }
            switch (r) {
                case line_reader::result::woken:
                    // take() also drains the wake pipe, so poll does not spin on it.
                    stop = handle_events(signal_watcher::take());
                    break;
                case line_reader::result::eof:
                    stop = true;
                    break;
                case line_reader::result::line:
                    pipeline.handle_line(line, ++line_no);
                    break;
            }
        }
    } else if (input_fd < 0 && !input_failed) {
        log(log_level::info, prof.terminate_log_line);  // a signal interrupted the open
    }

    if (const auto fatal = outs.fatal_error()) {
        // legacy: the error is reported, the outputs torn down, no statistics, exit 1.
        report_runtime_error(*fatal);
        outs.stop();
        return 1;
    }
    outs.stop();
    if (const auto fatal = outs.fatal_error()) {
        report_runtime_error(*fatal);
        return 1;
    }
    log_accounting(outs);
    if (input_failed) {
        return 1;
    }
    const std::string text = pipeline.statistics().render();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return 0;
}

}  // namespace falco_ref::app
