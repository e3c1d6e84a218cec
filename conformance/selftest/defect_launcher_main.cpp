// SPDX-License-Identifier: Apache-2.0
// conformance-defect: runs an unmodified implementation with one deliberate defect of
// defects.yaml, for the self-test of the suite (README.md). It changes only what surrounds the
// implementation: arguments, environment, the alerts input (a filter process) and, through
// the preloaded defect shim, the library calls it makes. Then it exec()s the implementation,
// which keeps this process's PID, process group and descriptors.
//
//   conformance-defect [--catalog FILE] NAME -- PROGRAM [ARG]...
//   conformance-defect [--catalog FILE] --list
//   conformance-defect [--catalog FILE] --show NAME
//
// Exit: the implementation's; 2 for bad usage or an unknown defect; 127 if PROGRAM cannot run.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "defect_catalog.hpp"
#include "input_filter.hpp"

#ifndef CONFORMANCE_DEFECTS_FILE
#error "CONFORMANCE_DEFECTS_FILE must name defects.yaml"
#endif
#ifndef CONFORMANCE_DEFECT_SHIM_PATH
#error "CONFORMANCE_DEFECT_SHIM_PATH must name libconformance_defect_shim.so"
#endif

namespace {

constexpr int k_usage = 2;

int usage() {
    std::cerr << "usage: conformance-defect [--catalog FILE] NAME -- PROGRAM [ARG]...\n"
                 "       conformance-defect [--catalog FILE] --list | --show NAME\n";
    return k_usage;
}

void prepend_env(const char* name, const std::string& value, const char* separator) {
    const char* old = std::getenv(name);
    const std::string joined = old && *old ? value + separator + old : value;
    ::setenv(name, joined.c_str(), 1);
}

// The shim goes first in LD_PRELOAD. A sanitized implementation would refuse to start with a
// library ahead of its runtime; the check is switched off (the shim is not instrumented).
void preload_shim(const selftest::defect& d) {
    prepend_env("LD_PRELOAD", CONFORMANCE_DEFECT_SHIM_PATH, ":");
    ::setenv("CONFORMANCE_DEFECT_SHIM", d.shim_text().c_str(), 1);
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string options =
        std::string(asan && *asan ? std::string(asan) + ":" : "") + "verify_asan_link_order=0";
    ::setenv("ASAN_OPTIONS", options.c_str(), 1);
}

// Where the implementation reads alerts: index of the `--alerts` value in argv, or -1 for
// standard input.
int alerts_argument(const std::vector<std::string>& argv) {
    for (std::size_t i = 1; i + 1 < argv.size(); ++i) {
        if (argv[i] == "--alerts" && argv[i + 1] != "-") {
            return static_cast<int>(i + 1);
        }
    }
    return -1;
}

// Starts the filter process between the alerts input and the implementation. It is our child,
// so after the exec the implementation's; it dies with it (PR_SET_PDEATHSIG) and ignores the
// signals a case sends to the process group, which are the implementation's business.
bool start_input_filter(selftest::input_filter filter, std::vector<std::string>& argv) {
    const int alerts = alerts_argument(argv);
    int fds[2];
    if (::pipe(fds) != 0) {
        std::perror("conformance-defect: pipe");
        return false;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("conformance-defect: fork");
        return false;
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(0);
        }
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) {
            ::signal(sig, SIG_IGN);
        }
        ::close(fds[0]);
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, STDOUT_FILENO);
        ::dup2(devnull, STDERR_FILENO);
        int in = STDIN_FILENO;
        if (alerts >= 0) {
            in = ::open(argv[static_cast<std::size_t>(alerts)].c_str(), O_RDONLY);
            if (in < 0) {
                ::_exit(1);
            }
        }
        ::_exit(selftest::run_input_filter(filter, in, fds[1]));
    }
    ::close(fds[1]);
    if (alerts >= 0) {
        // The implementation opens the pipe by name; the FIFO is the filter's now.
        argv[static_cast<std::size_t>(alerts)] = "/dev/fd/" + std::to_string(fds[0]);
    } else {
        ::dup2(fds[0], STDIN_FILENO);
        ::close(fds[0]);
    }
    return true;
}

int launch(const selftest::defect& d, std::vector<std::string> argv) {
    argv.insert(argv.end(), d.args.begin(), d.args.end());
    for (const auto& [name, value] : d.env) {
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    if (!d.shim.empty()) {
        preload_shim(d);
    }
    if (!d.input_filter.empty() &&
        !start_input_filter(*selftest::parse_input_filter(d.input_filter), argv)) {
        return 1;
    }
    std::vector<char*> raw;
    for (auto& a : argv) {
        raw.push_back(a.data());
    }
    raw.push_back(nullptr);
    ::execvp(raw[0], raw.data());
    std::cerr << "conformance-defect: cannot run " << argv[0] << ": " << std::strerror(errno)
              << '\n';
    return 127;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string catalog_path = CONFORMANCE_DEFECTS_FILE;
    if (args.size() >= 2 && args[0] == "--catalog") {
        catalog_path = args[1];
        args.erase(args.begin(), args.begin() + 2);
    }
    if (args.empty()) {
        return usage();
    }
    try {
        const auto catalog = selftest::defect_catalog::load(catalog_path);
        if (args[0] == "--list" && args.size() == 1) {
            for (const auto& d : catalog.defects()) {
                std::cout << d.name << ": " << d.what << '\n';
            }
            return 0;
        }
        const bool show = args[0] == "--show";
        if (show && args.size() != 2) {
            return usage();
        }
        const std::string name = show ? args[1] : args[0];
        const selftest::defect* d = catalog.find(name);
        if (d == nullptr) {
            std::cerr << "conformance-defect: " << catalog_path << " has no defect named " << name
                      << '\n';
            return k_usage;
        }
        if (show) {
            std::cout << d->name << ": " << d->what << '\n';
            return 0;
        }
        if (args.size() < 3 || args[1] != "--") {
            return usage();
        }
        return launch(*d, std::vector<std::string>(args.begin() + 2, args.end()));
    } catch (const std::exception& e) {
        std::cerr << "conformance-defect: " << e.what() << '\n';
        return k_usage;
    }
}
