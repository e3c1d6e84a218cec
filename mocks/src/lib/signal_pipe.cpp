// SPDX-License-Identifier: Apache-2.0
#include "mocks/signal_pipe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace mocks {
namespace {

int write_fd = -1;

void on_signal(int signo) {
    const int saved = errno;
    const auto byte = static_cast<unsigned char>(signo);
    // Non-blocking: if the pipe were ever full the signal is dropped rather than deadlocking.
    [[maybe_unused]] const ssize_t n = ::write(write_fd, &byte, 1);
    errno = saved;
}

}  // namespace

signal_pipe::signal_pipe(std::initializer_list<int> signals) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    read_fd_ = fds[0];
    write_fd = fds[1];
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : signals) {
        ::sigaction(s, &sa, nullptr);
    }
    ::signal(SIGPIPE, SIG_IGN);
}

signal_pipe::~signal_pipe() {
    ::close(read_fd_);
    ::close(write_fd);
}

std::vector<int> signal_pipe::take() {
    std::vector<int> out;
    unsigned char buf[64];
    for (;;) {
        const ssize_t n = ::read(read_fd_, buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        out.insert(out.end(), buf, buf + n);
    }
    return out;
}

namespace {
struct named_signal {
    int number;
    const char* name;
};
constexpr named_signal named_signals[] = {{SIGTERM, "TERM"}, {SIGINT, "INT"},   {SIGHUP, "HUP"},
                                          {SIGUSR1, "USR1"}, {SIGUSR2, "USR2"}, {SIGQUIT, "QUIT"},
                                          {SIGPIPE, "PIPE"}, {SIGALRM, "ALRM"}};
}  // namespace

std::string signal_name(int signo) {
    for (const auto& s : named_signals) {
        if (s.number == signo) {
            return s.name;
        }
    }
    return "";
}

int signal_number(const std::string& name) {
    const std::string bare = name.rfind("SIG", 0) == 0 ? name.substr(3) : name;
    for (const auto& s : named_signals) {
        if (bare == s.name) {
            return s.number;
        }
    }
    return 0;
}

}  // namespace mocks
