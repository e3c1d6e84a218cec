// SPDX-License-Identifier: Apache-2.0
#include "run/child_registry.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <thread>

namespace conformance {

namespace {

int g_wake_fd = -1;

extern "C" void on_interrupt(int sig) {
    const unsigned char byte = static_cast<unsigned char>(sig);
    (void)!write(g_wake_fd, &byte, 1);
}

}  // namespace

child_registry& child_registry::instance() {
    static child_registry registry;
    return registry;
}

void child_registry::add_group(pid_t pgid) {
    std::lock_guard guard(lock_);
    groups_.insert(pgid);
}

void child_registry::remove_group(pid_t pgid) {
    std::lock_guard guard(lock_);
    groups_.erase(pgid);
}

void child_registry::add_process(pid_t pid) {
    std::lock_guard guard(lock_);
    processes_.insert(pid);
}

void child_registry::remove_process(pid_t pid) {
    std::lock_guard guard(lock_);
    processes_.erase(pid);
}

void child_registry::add_workdir(const std::filesystem::path& dir) {
    std::lock_guard guard(lock_);
    workdirs_.insert(dir);
}

void child_registry::remove_workdir(const std::filesystem::path& dir) {
    std::lock_guard guard(lock_);
    workdirs_.erase(dir);
}

void child_registry::kill_all() {
    std::lock_guard guard(lock_);
    for (const pid_t g : groups_) {
        kill(-g, SIGKILL);
    }
    for (const pid_t p : processes_) {
        kill(p, SIGTERM);  // mocks stop cleanly on SIGTERM
    }
    for (const auto& dir : workdirs_) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
}

void child_registry::install_interrupt_cleanup() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return;
    }
    g_wake_fd = fds[1];
    // A thread, not the handler, does the work: the handler may only write(2).
    std::thread([read_fd = fds[0]] {
        unsigned char sig = 0;
        while (read(read_fd, &sig, 1) < 0) {
        }
        instance().kill_all();
        const char* text =
            "\nfalco-conformance: interrupted; every implementation and mock was stopped\n";
        (void)!write(2, text, std::strlen(text));
        _exit(128 + sig);
    }).detach();
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
        sigaction(sig, &action, nullptr);
    }
}

}  // namespace conformance
