// SPDX-License-Identifier: Apache-2.0
// The steps up to the channels: command line, logger, configuration (steps.hpp).
#include <cstdio>
#include <exception>

#include "app_messages.hpp"
#include "falco_ref/channels/make_channels.hpp"
#include "falco_ref/config_loader.hpp"
#include "falco_ref/logger.hpp"
#include "steps.hpp"

#ifndef FALCO_REF_VERSION
#define FALCO_REF_VERSION "unknown"
#endif

namespace falco_ref::app {

step_result parse_command_line(run_state& s) {
    try {
        s.opts = parse_cli(s.args);
    } catch (const falco_option_error& e) {
        // As Falco prints a failed option parse (falco@0.44.1:userspace/falco/falco.cpp:44-46,
        // falco@0.34.1:userspace/falco/falco.cpp:49-55).
        report_command_line_error(get_profile(e.profile()), config_error(e.what()));
        return step_result::stop(1);
    } catch (const cli_error& e) {
        write_stderr(std::string(k_program) + ": " + e.what() + "\nTry '" + std::string(k_program) +
                     " --help'.\n");
        return step_result::stop(1);
    }
    s.prof = &get_profile(s.opts.profile);
    return step_result::next();
}

step_result print_help(run_state& s) {
    if (!s.opts.help) {
        return step_result::next();
    }
    std::fputs(cli_usage().c_str(), stdout);
    return step_result::stop(0);
}

step_result print_version(run_state& s) {
    if (!s.opts.version) {
        return step_result::next();
    }
    std::printf("%s %s\nProfile: %s\nProfiles:\n%s", std::string(k_program).c_str(),
                FALCO_REF_VERSION, std::string(profile_name(s.opts.profile)).c_str(),
                describe_profile_ranges().c_str());
    return step_result::stop(0);
}

step_result init_logger(run_state& s) {
    set_log_day_padded_with_space(s.prof->log_day_padded_with_space);
    configure_logger(k_logger_before_config);
    return step_result::next();
}

step_result check_command_line(run_state& s) {
    try {
        if (s.prof->config_file_opened_before_daemon_check && s.opts.config_path) {
            // 0.34, 0.35: the -c file is opened while the options are checked, before -d's pid
            // file (falco@0.35.1:userspace/falco/app/options.cpp:66-74,
            // falco@0.34.1:userspace/falco/app_cmdline_options.cpp:59-68).
            require_config_file(*s.opts.config_path);
        }
        if (s.opts.daemon && s.opts.pidfile_path().empty()) {
            // legacy: falco@0.15.3:userspace/falco/falco.cpp:676-678; 0.35:
            // falco@0.35.1:userspace/falco/app/options.cpp:145-148; 0.34:
            // falco@0.34.1:userspace/falco/app_cmdline_options.cpp:138-141.
            throw config_error("If -d is provided, a pid file must also be provided");
        }
    } catch (const config_error& e) {
        report_command_line_error(*s.prof, e);
        return step_result::stop(1);
    }
    return step_result::next();
}

step_result load_config(run_state& s) {
    config_request request;
    request.profile = s.opts.profile;
    request.config_path = s.opts.config_path;
    request.options = s.opts.options;
    request.unbuffered = s.opts.unbuffered;
    config_load_result loaded;
    try {
        loaded = config_loader().load(request);
    } catch (const config_error& e) {
        report_config_error(*s.prof, e);
        return step_result::stop(1);
    } catch (const std::exception& e) {
        // Safety net: any other failure while loading is still a clean start-up error.
        report_config_error(*s.prof, config_error(e.what()));
        return step_result::stop(1);
    }
    for (const std::string& w : loaded.warnings) {
        write_stderr(std::string(k_program) + ": warning: " + w + "\n");
    }
    s.cfg = std::move(loaded.cfg);
    return step_result::next();
}

step_result log_startup(run_state& s) {
    const config& cfg = s.cfg;
    if (!s.prof->rate_deprecation_warning.empty() && cfg.outputs_rate != 0) {
        // Falco logs it while it reads the keys, once log_stderr, log_syslog and log_level are
        // set and before time_format_iso_8601 is applied to the logger
        // (falco@0.36.2:userspace/falco/configuration.cpp:253-270,
        // falco@0.36.2:userspace/falco/app/actions/load_config.cpp:50).
        configure_logger(logger_settings{cfg.log_stderr, cfg.log_syslog, cfg.level, false});
        log(log_level::warning, s.prof->rate_deprecation_warning);
    }
    configure_logger(
        logger_settings{cfg.log_stderr, cfg.log_syslog, cfg.level, cfg.time_format_iso_8601});
    if (!s.prof->initialized_line_prefix.empty()) {
        // After the logger got its settings (falco@0.15.3:userspace/falco/falco.cpp:726-739,
        // falco@0.36.2:userspace/falco/app/actions/load_config.cpp:57-60).
        log(log_level::info,
            cfg.has_config_file
                ? std::string(s.prof->initialized_line_prefix) + cfg.path
                : std::string("Falco initialized. No configuration file found, proceeding with "
                              "defaults"));
    }
    return step_result::next();
}

namespace {

// Falco's init_outputs up to the outputs' worker: the check that a channel is enabled, the
// hostname's INFO line, the channels (falco@0.44.1:userspace/falco/app/actions/
// init_outputs.cpp:31-52, falco@0.34.1:userspace/falco/app_actions/init_outputs.cpp:24-60).
step_result set_up_channels(run_state& s) {
    try {
        require_enabled_output(s.cfg);
    } catch (const config_error& e) {
        report_config_error(*s.prof, e);
        return step_result::stop(1);
    }
    if (s.prof->json_has_hostname && s.cfg.hostname_from_env) {
        log(log_level::info,
            "Hostname value has been overridden via environment variable to: " + s.cfg.hostname);
    }
    try {
        s.channels = make_channels(s.cfg);
    } catch (const std::exception& e) {
        report_runtime_error(e.what());
        return step_result::stop(1);
    }
    return step_result::next();
}

}  // namespace

step_result init_channels(run_state& s) {
    return s.prof->daemon_forks_before_outputs ? step_result::next() : set_up_channels(s);
}

step_result init_channels_after_daemonize(run_state& s) {
    return s.prof->daemon_forks_before_outputs ? set_up_channels(s) : step_result::next();
}

}  // namespace falco_ref::app
