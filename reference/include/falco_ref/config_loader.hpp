// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "falco_ref/config.hpp"
#include "falco_ref/env_expander.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// A configuration or start-up error. what() is Falco's message without decoration; the
// application prints it as the profile does (0.44: "Error: <what>"; legacy:
// "Runtime error: <what>. Exiting." through the logger). raw_stderr() holds the lines Falco
// writes to stderr before that (e.g. "Cannot read config file (falco.yaml): ...\n").
class config_error : public std::runtime_error {
public:
    explicit config_error(const std::string& message, std::string raw_stderr = {})
        : std::runtime_error(message), raw_stderr_(std::move(raw_stderr)) {}

    const std::string& raw_stderr() const { return raw_stderr_; }

    // legacy: the log level Falco 0.15.3's logger had when the error was raised, once
    // configuration.cpp:156-158 had set it from `log_level`; the error is logged at that level.
    const std::optional<log_level>& level() const { return level_; }
    void raised_at_level(log_level level) { level_ = level; }

private:
    std::string raw_stderr_;
    std::optional<log_level> level_;
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
// throws config_error `No output configured, ...` when no channel is enabled. Falco 0.15.3 checks
// while it reads the configuration, in words of its own, so config_loader::load does that for
// the legacy profile.
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
    // Falco 0.36 to 0.44 (one yaml_helper lineage; the profile says where they differ).
    config_load_result load_nlohmann_era(const config_request& request) const;
    config_load_result load_legacy(const config_request& request) const;

    env_expander expander_;
};

}  // namespace falco_ref
