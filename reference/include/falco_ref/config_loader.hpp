// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "falco_ref/config.hpp"
#include "falco_ref/env_expander.hpp"
#include "falco_ref/logger.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// A configuration or start-up error. what() is Falco's message without decoration; the
// application prints it as the profile does (0.44: "Error: <what>"; legacy and 0.33:
// "Runtime error: <what>. Exiting." through the logger). raw_stderr() holds the lines Falco
// writes to stderr before that (e.g. "Cannot read config file (falco.yaml): ...\n").
class config_error : public std::runtime_error {
public:
    // How Falco ends the run with the error: an exception (what configuration.cpp throws), or a
    // failed action that Falco prints as "Error: <what>" in every profile (falco@0.33.1:
    // userspace/falco/falco.cpp:60-64, e.g. "You must create a config file at ...").
    enum class origin { thrown, returned };

    explicit config_error(const std::string& message, std::string raw_stderr = {},
                          origin how = origin::thrown)
        : std::runtime_error(message), raw_stderr_(std::move(raw_stderr)), origin_(how) {}

    const std::string& raw_stderr() const { return raw_stderr_; }
    bool thrown() const { return origin_ == origin::thrown; }

    // The settings Falco's logger had when the error was raised: configuration.cpp sets the
    // level from `log_level`, then `log_stderr` and `log_syslog`, while it reads the keys
    // (falco@0.33.1:userspace/falco/configuration.cpp:201-203,225-226; falco@0.15.3:
    // userspace/falco/configuration.cpp:156-179). The runtime-error profiles log the error
    // with them. config_loader::load sets them on every error it throws.
    const std::optional<logger_settings>& logger() const { return logger_; }
    void raised_with_logger(const logger_settings& settings) { logger_ = settings; }

private:
    std::string raw_stderr_;
    origin origin_;
    std::optional<logger_settings> logger_;
};

struct config_request {
    profile_id profile = profile_id::v0_44;
    std::optional<std::string> config_path;  // -c
    std::vector<std::string> options;        // -o, in command-line order
    bool unbuffered = false;                 // -U / --unbuffered
    // Where Falco looks without -c (falco@0.44.1:userspace/falco/app/options.cpp:72-90).
    std::string default_config_path = "/etc/falco/falco.yaml";
};

struct config_load_result {
    config cfg;
    // One line per accepted-but-quirky value (docs/spec/0.44.md#config.types allows it: a YAML null
    // read as "null", a value that falls back to its default, keep_alive: True counting as false).
    std::vector<std::string> warnings;
};

// The -c file, opened as Falco's option check opens it: throws config_error `Could not find
// configuration file at <path>` when it cannot be opened for reading.
void require_config_file(const std::string& path);

// The check that starts Falco's set-up of the outputs (docs/spec/0.44.md#error.config.no_output):
// throws config_error `No output configured, ...` when no channel is enabled. Falco 0.15.3 and
// 0.33 check while they read the configuration, in words of their own
// (profile::no_output_checked_while_reading), so config_loader::load does that for them and this
// check passes.
void require_enabled_output(const config& cfg);

// falco.yaml + `-o` (+ `${VAR}` in 0.44) -> typed `config`, with each profile's defaults,
// conversion quirks, check order and error wording (docs/spec/0.44.md#15-configuration,
// docs/spec/0.44.md#17-errors-and-exit-codes, docs/spec/legacy.md#15-configuration,
// docs/spec/legacy.md#17-errors-and-exit-codes). Reads the file system and the environment; creates
// nothing.
class config_loader {
public:
    config_loader() = default;

    // Throws config_error.
    config_load_result load(const config_request& request) const;

private:
    // Falco 0.33 to 0.44 (one yaml_helper lineage; the profile says where they differ).
    // falco_logger follows the settings Falco's logger gets while the keys are read.
    config_load_result load_nlohmann_era(const config_request& request,
                                         logger_settings& falco_logger) const;
    config_load_result load_legacy(const config_request& request,
                                   logger_settings& falco_logger) const;

    env_expander expander_;
};

}  // namespace falco_ref
