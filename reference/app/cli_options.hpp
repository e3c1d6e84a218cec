// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "falco_ref/profile.hpp"

namespace falco_ref::app {

// The command line of conformance/PROTOCOL.md section 1, after `--profile`:
//   [--profile 0.44|legacy] -c CONFIG [-o KEY=VALUE]... [-U|--unbuffered] [--alerts PATH]
//   [-P PIDFILE] [-d]   (-d: legacy, 0.34, 0.35)   | --help | --version
struct cli_options {
    profile_id profile = profile_id::v0_44;
    std::optional<std::string> config_path;
    std::vector<std::string> options;
    bool unbuffered = false;
    std::string alerts_path = "-";
    bool daemon = false;
    std::string daemon_option;           // "d" or "daemon", as given
    std::optional<std::string> pidfile;  // -P; pidfile_path() applies the profile's default

    // -P's value, or the profile's default (profile::default_pidfile; "" = no pid file).
    std::string pidfile_path() const {
        return pidfile.value_or(std::string(get_profile(profile).default_pidfile));
    }
    bool help = false;
    bool version = false;
};

class cli_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An option the selected Falco does not have, refused as Falco's own option parser refuses it:
// the message is printed as that Falco prints an error of its command line
// (report_command_line_error).
class falco_option_error : public std::runtime_error {
public:
    falco_option_error(profile_id profile, const std::string& message)
        : std::runtime_error(message), profile_(profile) {}

    profile_id profile() const { return profile_; }

private:
    profile_id profile_;
};

// Throws cli_error naming the offending argument, or falco_option_error.
cli_options parse_cli(const std::vector<std::string>& args);

std::string cli_usage();

}  // namespace falco_ref::app
