// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "falco_ref/config_loader.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref::app {

constexpr std::string_view k_program = "falco-outputs-ref";

// "Runtime error: <what>. Exiting." as both Falcos print an uncaught exception: through the
// logger at ERR, and raw on stderr too when log_stderr is off
// (falco@0.44.1:userspace/falco/falco.cpp:26-35,47-49; falco@0.15.3 falco.cpp:163-174).
void report_runtime_error(const std::string& what);

// A start-up error in the profile's words: 0.44 prints "Error: <msg>" raw
// (falco@0.44.1:userspace/falco/falco.cpp:42-46); legacy and 0.33 throw it to their "Runtime
// error: <msg>. Exiting." handler (falco@0.15.3:userspace/falco/falco.cpp:1146-1151,
// falco@0.33.1:userspace/falco/falco.cpp:72-76), logged with config_error::logger, unless it
// is a failed action (config_error::thrown() false: "Error: <msg>", falco@0.33.1:userspace/
// falco/falco.cpp:60-64). Falco's own stderr lines before it (config_error::raw_stderr) come
// first.
void report_config_error(const profile& prof, const config_error& e);

// An error of the command line, found before the configuration is read: an option the Falco
// does not have, a -c file that cannot be opened, -d without a pid file. Falco 0.34 prints it
// raw as "Runtime error: <msg>. Exiting." whatever log_stderr says
// (falco@0.34.1:userspace/falco/falco.cpp:49-55, docs/spec/0.34.md#error.format); the other
// profiles as report_config_error does.
void report_command_line_error(const profile& prof, const config_error& e);

}  // namespace falco_ref::app
