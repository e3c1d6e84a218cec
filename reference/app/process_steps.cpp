// SPDX-License-Identifier: Apache-2.0
// The steps from the alerts input's path to the end of the reading loop (steps.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app_messages.hpp"
#include "daemonizer.hpp"
#include "falco_ref/format/nlohmann_writer.hpp"
#include "falco_ref/line_reader.hpp"
#include "falco_ref/logger.hpp"
#include "pid_file.hpp"
#include "signal_watcher.hpp"
#include "steps.hpp"

namespace falco_ref::app {
namespace {

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

// A FIFO blocks until a writer comes, or a signal interrupts.
int open_alerts(const std::string& path) {
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

// Acts on the signals (and the worker's fatal error) that arrived; true when the run must end.
bool handle_events(const run_state& s, unsigned events) {
    if (events & signal_watcher::reopen) {
        if (s.prof->log_reopen) {
            log(log_level::info, "SIGUSR1 received, reopening outputs...");
        }
        s.outs->reopen();
    }
    // SIGHUP (events & hangup) is caught and ignored: Falco 0.44.1 ignores it with
    // watch_config_files: false (docs/spec/0.44.md#signal.hup); the restart it does otherwise
    // (docs/spec/0.44.md#signal.hup.restart), and legacy's restart
    // (docs/spec/legacy.md#signal.hup), are not implemented.
    if (events & signal_watcher::fatal) {
        return true;
    }
    if (events & signal_watcher::terminate) {
        log(log_level::info, s.prof->terminate_log_line);
        return true;
    }
    return false;
}

}  // namespace

step_result resolve_input_path(run_state& s) {
    // Before daemonize, which moves to '/'.
    s.alerts_path = absolute_path(s.opts.alerts_path);
    return step_result::next();
}

step_result daemonize(run_state& s) {
    if (!s.opts.daemon) {
        return step_result::next();
    }
    switch (daemonizer(s.opts.pidfile_path()).run()) {
        case daemonizer::role::parent_done:
            return step_result::stop(0);
        case daemonizer::role::parent_failed:
            return step_result::stop(1);
        case daemonizer::role::pidfile_failed:
            return step_result::stop(s.prof->daemon_pidfile_error_exit);
        case daemonizer::role::child:
            break;
    }
    return step_result::next();
}

step_result create_signal_handlers(run_state&) {
    signal_watcher::install();
    return step_result::next();
}

step_result write_pidfile(run_state& s) {
    const std::string path = s.opts.pidfile_path();
    if (s.prof->pidfile != profile::pidfile_use::own_pid || path.empty()) {
        return step_result::next();
    }
    if (!write_pid_file(path, ::getpid())) {
        // falco@0.44.1:userspace/falco/app/actions/pidfile.cpp:42-47: logged, then exit(-1)
        // with nothing else done. Our outputs have not started yet, so nothing else happens here
        // either: no channel was opened, no statistics are printed.
        log(log_level::error, "Could not write pid to pidfile " + path + ". Exiting.");
        return step_result::stop(255);
    }
    return step_result::next();
}

step_result start_outputs(run_state& s) {
    outputs_settings settings;
    settings.queue_capacity = s.prof->has_outputs_queue ? s.cfg.outputs_queue_capacity : 0;
    settings.output_timeout = std::chrono::milliseconds(s.cfg.output_timeout_ms);
    settings.use_timeout = s.prof->has_outputs_queue;
    settings.on_fatal = [](const std::string&) { signal_watcher::post(signal_watcher::fatal); };
    // The worker and watchdog threads start with our signals blocked, so that a signal
    // interrupts the reading thread (e.g. a blocking open of a FIFO).
    signal_watcher::block_in_this_thread();
    s.outs = std::make_unique<outputs>(std::move(s.channels), std::move(settings));
    signal_watcher::unblock_in_this_thread();
    s.pipeline = std::make_unique<alert_pipeline>(s.cfg, *s.outs);
    return step_result::next();
}

step_result open_input(run_state& s) {
    s.input_fd = open_alerts(s.alerts_path);
    if (s.input_fd >= 0) {
        return step_result::next();
    }
    if (signal_watcher::pending() & signal_watcher::terminate) {
        log(log_level::info, s.prof->terminate_log_line);  // a signal interrupted the open
        return step_result::next();
    }
    write_stderr(std::string(k_program) + ": cannot open alerts input " + s.opts.alerts_path +
                 ": " + std::strerror(errno) + "\n");
    return step_result::stop(1);
}

step_result process_alerts(run_state& s) {
    if (s.input_fd < 0) {
        return step_result::next();
    }
    // Alerts are handed over in batches (push_streamed); what is batched goes to the worker
    // before we wait for input.
    outputs& outs = *s.outs;
    line_reader reader(s.input_fd, signal_watcher::wake_fd(), [&outs] { outs.flush_streamed(); });
    std::uint64_t line_no = 0;
    std::string line;
    for (;;) {
        // Checked after every line, as Falco checks its flags after every event.
        if (signal_watcher::pending() != 0 && handle_events(s, signal_watcher::take())) {
            break;
        }
        line_reader::result r;
        try {
            r = reader.next(line);
        } catch (const std::exception& e) {
            write_stderr(std::string(k_program) + ": reading alerts: " + e.what() + "\n");
            r = line_reader::result::eof;
        }
        if (r == line_reader::result::eof) {
            break;
        }
        if (r == line_reader::result::line) {
            // Falco acts on its flags after next() returned an event and before it handles
            // that event (falco@0.15.3:userspace/falco/falco.cpp:261-275,
            // falco@0.44.1:userspace/falco/app/actions/process_events.cpp:163-197): a signal
            // that came with this line takes effect first, and a terminating one drops it.
            ++line_no;
            if (signal_watcher::pending() != 0 && handle_events(s, signal_watcher::take())) {
                break;
            }
            try {
                s.pipeline->handle_line(line, line_no);
            } catch (const nlohmann_writer::invalid_utf8& e) {
                // Falco 0.39-0.43: the exception leaves the event loop and ends the run
                // (docs/spec/0.41-0.43.md#json.utf8.fatal); report_event_error prints it.
                s.event_error = e.what();
                break;
            }
        } else if (handle_events(s, signal_watcher::take())) {
            break;  // woken: take() also drains the wake pipe, so poll does not spin on it
        }
    }
    return step_result::next();
}

}  // namespace falco_ref::app
