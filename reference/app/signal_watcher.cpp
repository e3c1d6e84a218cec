// SPDX-License-Identifier: Apache-2.0
#include "signal_watcher.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace falco_ref::app {
namespace {

std::atomic<unsigned> g_pending{0};
int g_pipe[2] = {-1, -1};

void wake() {
    const int saved = errno;
    const char byte = 1;
    // Non-blocking: a full pipe already guarantees a wake-up.
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = saved;
}

void on_signal(int sig) {
    unsigned bit = signal_watcher::terminate;
    if (sig == SIGUSR1) {
        bit = signal_watcher::reopen;
    } else if (sig == SIGHUP) {
        bit = signal_watcher::hangup;
    }
    g_pending.fetch_or(bit);
    wake();
}

sigset_t handled_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGHUP);
    return set;
}

}  // namespace

void signal_watcher::install() {
    if (g_pipe[0] >= 0) {
        return;
    }
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::runtime_error("cannot create the signal pipe");
    }
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: see the header
    for (int sig : {SIGINT, SIGTERM, SIGUSR1, SIGHUP}) {
        ::sigaction(sig, &sa, nullptr);
    }
    ::signal(SIGPIPE, SIG_IGN);
}

void signal_watcher::block_in_this_thread() {
    const sigset_t set = handled_set();
    ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void signal_watcher::unblock_in_this_thread() {
    const sigset_t set = handled_set();
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

int signal_watcher::wake_fd() {
    return g_pipe[0];
}

unsigned signal_watcher::take() {
    char buf[64];
    while (::read(g_pipe[0], buf, sizeof(buf)) > 0) {
    }
    return g_pending.exchange(0);
}

unsigned signal_watcher::pending() {
    return g_pending.load(std::memory_order_relaxed);
}

void signal_watcher::post(event e) {
    g_pending.fetch_or(e);
    wake();
}

}  // namespace falco_ref::app
