// SPDX-License-Identifier: Apache-2.0
#include "app_messages.hpp"

#include "falco_ref/logger.hpp"

namespace falco_ref::app {

void report_runtime_error(const std::string& what) {
    const std::string message = "Runtime error: " + what + ". Exiting.";
    log(log_level::error, message);
    if (!current_logger_settings().to_stderr) {
        write_stderr(message + "\n");
    }
}

void report_config_error(const profile& prof, const config_error& e) {
    write_stderr(e.raw_stderr());
    if (prof.config_errors_as_runtime_errors && e.thrown()) {
        if (e.logger()) {
            // The logger as the configuration had set it up to the error
            // (docs/spec/legacy.md#error.format, docs/spec/0.33.md#error.format).
            configure_logger(*e.logger());
        }
        report_runtime_error(e.what());
    } else {
        write_stderr(std::string("Error: ") + e.what() + "\n");
    }
}

void report_command_line_error(const profile& prof, const config_error& e) {
    if (!prof.command_line_errors_as_runtime_errors) {
        report_config_error(prof, e);
        return;
    }
    write_stderr(e.raw_stderr());
    write_stderr(std::string("Runtime error: ") + e.what() + ". Exiting.\n");
}

}  // namespace falco_ref::app
