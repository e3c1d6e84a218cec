// SPDX-License-Identifier: Apache-2.0
#include "cli_options.hpp"

namespace falco_ref::app {
namespace {

// Walks argv accepting "-x VALUE", "-xVALUE", "--name VALUE" and "--name=VALUE".
class arg_cursor {
public:
    explicit arg_cursor(const std::vector<std::string>& args) : args_(args) {}

    bool done() const { return i_ >= args_.size(); }
    const std::string& current() const { return args_[i_]; }
    void next() { ++i_; }

    // If the current argument is `flag` (taking a value), stores the value and advances.
    bool take_value(const std::string& short_flag, const std::string& long_flag,
                    std::string& value) {
        const std::string& arg = current();
        if ((!short_flag.empty() && arg == short_flag) ||
            (!long_flag.empty() && arg == long_flag)) {
            if (i_ + 1 >= args_.size()) {
                throw cli_error("option " + arg + " requires a value");
            }
            value = args_[i_ + 1];
            i_ += 2;
            return true;
        }
        if (!long_flag.empty() && arg.rfind(long_flag + "=", 0) == 0) {
            value = arg.substr(long_flag.size() + 1);
            ++i_;
            return true;
        }
        if (!short_flag.empty() && arg.size() > short_flag.size() &&
            arg.rfind(short_flag, 0) == 0) {
            value = arg.substr(short_flag.size());
            ++i_;
            return true;
        }
        return false;
    }

    bool take_flag(const std::string& short_flag, const std::string& long_flag) {
        const std::string& arg = current();
        if ((!short_flag.empty() && arg == short_flag) ||
            (!long_flag.empty() && arg == long_flag)) {
            ++i_;
            return true;
        }
        return false;
    }

private:
    const std::vector<std::string>& args_;
    std::size_t i_ = 0;
};

}  // namespace

cli_options parse_cli(const std::vector<std::string>& args) {
    cli_options out;
    arg_cursor cur(args);
    std::string value;
    bool dry_run = false;
    while (!cur.done()) {
        if (cur.take_value("", "--profile", value)) {
            const auto id = parse_profile_id(value);
            if (!id) {
                throw cli_error("unknown profile \"" + value +
                                "\"; the supported profiles and the Falco releases they "
                                "stand for:\n" +
                                describe_profile_ranges());
            }
            out.profile = *id;
        } else if (cur.take_value("-c", "", value)) {
            out.config_path = value;
        } else if (cur.take_value("-o", "--option", value)) {
            out.options.push_back(value);
        } else if (cur.take_flag("-U", "--unbuffered")) {
            out.unbuffered = true;
        } else if (cur.take_value("", "--alerts", value)) {
            out.alerts_path = value;
        } else if (cur.current() == "-d" || cur.current() == "--daemon") {
            out.daemon = true;
            out.daemon_option = cur.current() == "-d" ? "d" : "daemon";
            cur.next();
        } else if (cur.take_value("-P", "--pidfile", value)) {
            out.pidfile = value;
        } else if (cur.take_flag("-h", "--help")) {
            out.help = true;
        } else if (cur.take_flag("", "--version")) {
            out.version = true;
        } else if (cur.take_flag("", "--dry-run")) {
            dry_run = true;
        } else {
            throw cli_error("unknown argument \"" + cur.current() + "\"");
        }
    }
    if (dry_run) {
        if (!get_profile(out.profile).cxxopts_refuses_dry_run) {
            throw cli_error("unknown argument \"--dry-run\"");
        }
        // Falco 0.35.0 added --dry-run (docs/spec/0.34.md#error.format,
        // falco@0.34.1:userspace/falco/app_cmdline_options.cpp:47-56).
        throw falco_option_error(out.profile, "Option \u2018dry-run\u2019 does not exist");
    }
    if (out.daemon && !get_profile(out.profile).has_daemon_mode) {
        // Falco 0.36.0 removed -d/--daemon, so cxxopts rejects it with this message
        // (docs/spec/0.44.md#daemon.fork, falco@0.44.1:userspace/falco/app/options.cpp:57-68).
        throw falco_option_error(out.profile,
                                 "Option \u2018" + out.daemon_option + "\u2019 does not exist");
    }
    return out;
}

std::string cli_usage() {
    return "Usage: falco-outputs-ref [--profile P] -c CONFIG [-o KEY=VALUE]...\n"
           "                         [-U|--unbuffered] [--alerts PATH] [-P PIDFILE] [-d]\n"
           "\n"
           "Reads alerts as JSON Lines (conformance/PROTOCOL.md) from PATH or stdin and delivers\n"
           "them through Falco's output channels exactly as the selected Falco does.\n"
           "\n"
           "  --profile P        the Falco to behave as (default 0.44): a profile name, a\n"
           "                     minor (0.42) or a release (0.42.1) of its range (below)\n"
           "  -c CONFIG          falco.yaml-shaped configuration file\n"
           "  -o, --option K=V   override a configuration key (repeatable)\n"
           "  -U, --unbuffered   force buffered_outputs: false\n"
           "  --alerts PATH      read alerts from PATH ('-' = stdin, the default)\n"
           "  -P, --pidfile F    0.36 and later: write our own PID to F at start-up (no file\n"
           "                     by default); legacy, 0.34, 0.35: where -d writes the daemon's\n"
           "                     PID (default /var/run/falco.pid)\n"
           "  -d, --daemon       legacy, 0.34, 0.35 only: daemonise as Falco 0.15.3, 0.34 and\n"
           "                     0.35 did\n"
           "  -h, --help         this text\n"
           "  --version          print the version and the selected profile\n"
           "\n"
           "Profiles (docs/spec/README.md):\n" +
           describe_profile_ranges();
}

}  // namespace falco_ref::app
