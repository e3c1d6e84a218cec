// SPDX-License-Identifier: Apache-2.0
#include "child_pipe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <system_error>
#include <utility>

extern char** environ;

namespace falco_ref {
namespace {

// Milliseconds until `deadline` for poll(): -1 (for ever) for time_point::max().
int poll_timeout(child_pipe::clock::time_point deadline) {
    if (deadline == child_pipe::clock::time_point::max()) {
        return -1;
    }
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - child_pipe::clock::now());
    if (left.count() <= 0) {
        return 0;
    }
    return left.count() > INT_MAX ? INT_MAX : static_cast<int>(left.count());
}

// RAII for the two spawn attribute objects, so every early return releases them.
struct spawn_setup {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    spawn_setup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    ~spawn_setup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
    spawn_setup(const spawn_setup&) = delete;
    spawn_setup& operator=(const spawn_setup&) = delete;
};

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

}  // namespace

child_pipe child_pipe::spawn(const std::string& program) {
    int fds[2];
    // CLOEXEC on both ends: a later child (ours or anybody's) must not inherit our write end,
    // or this child would never see EOF.
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe");
    }
    int read_end = fds[0];
    int write_end = fds[1];

    spawn_setup setup;
    // stdin = the pipe (dup2 clears CLOEXEC on fd 0); every descriptor above 2 is closed, so the
    // child holds only 0, 1, 2 (it inherits our stdout and stderr, as popen's child does).
    posix_spawn_file_actions_adddup2(&setup.actions, read_end, STDIN_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);

    // The calling worker thread may block signals that the process handles elsewhere; the
    // child starts with an empty mask as a child of Falco's worker does.
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&setup.attr, &empty);
    // Falco leaves SIGPIPE at its default and catches INT/TERM/HUP/USR1 (which exec resets).
    // Our binary ignores SIGPIPE, and an ignored signal would survive exec: reset them all.
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGUSR1}) {
        sigaddset(&defaults, sig);
    }
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);
    // No POSIX_SPAWN_SETSID/SETPGROUP: the child stays in our session and process group, as
    // popen's does, so a signal to the group reaches it.
    posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    const char* argv[] = {"sh", "-c", program.c_str(), nullptr};
    pid_t pid = -1;
    // posix_spawn (CLONE_VFORK in glibc) is safe from a multi-threaded process and is what
    // glibc's own popen uses since 2.29.
    const int rc = ::posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attr,
                                 const_cast<char* const*>(argv), environ);
    close_fd(read_end);
    if (rc != 0) {
        close_fd(write_end);
        throw std::system_error(rc, std::generic_category(), "posix_spawn");
    }
    // Non-blocking so every wait is a poll() we can bound; write_all() keeps the blocking
    // semantics by polling without a deadline.
    ::fcntl(write_end, F_SETFL, ::fcntl(write_end, F_GETFL) | O_NONBLOCK);
    return child_pipe(pid, write_end);
}

child_pipe::child_pipe(child_pipe&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), fd_(std::exchange(other.fd_, -1)) {}

child_pipe::~child_pipe() {
    finish(clock::now() + std::chrono::seconds(2));
}

int child_pipe::write_all(std::string_view data) {
    std::size_t written = 0;
    return write_all_until(data, clock::time_point::max(), &written);
}

int child_pipe::write_all_until(std::string_view data, clock::time_point deadline,
                                std::size_t* written) {
    *written = 0;
    while (*written < data.size()) {
        const ssize_t n = ::write(fd_, data.data() + *written, data.size() - *written);
        if (n >= 0) {
            *written += static_cast<std::size_t>(n);
            continue;
        }
        // The descriptor is non-blocking: a full pipe is EAGAIN, and a write that never sleeps
        // is never interrupted (no EINTR).
        if (errno != EAGAIN) {
            return errno;
        }
        pollfd p{fd_, POLLOUT, 0};
        const int ready = ::poll(&p, 1, poll_timeout(deadline));
        if (ready == 0) {
            return ETIMEDOUT;
        }
        if (ready < 0 && errno != EINTR) {
            return errno;
        }
        // POLLERR (reader gone) falls through to write(), which reports EPIPE.
    }
    return 0;
}

bool child_pipe::wait_exit_until(clock::time_point deadline, int* status) {
    // A pidfd becomes readable when the child exits, so the wait needs no polling loop.
    // pidfd_open(2) needs Linux 5.3 (README.md, requirements); where it fails, the wait has no
    // deadline, as Falco's pclose has none.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd >= 0) {
        pollfd p{pidfd, POLLIN, 0};
        int ready;
        do {
            ready = ::poll(&p, 1, poll_timeout(deadline));
        } while (ready < 0 && errno == EINTR);
        ::close(pidfd);
        if (ready == 0) {
            return false;
        }
    }
    while (::waitpid(pid_, status, 0) < 0 && errno == EINTR) {
    }
    return true;
}

child_pipe::exit_info child_pipe::finish(clock::time_point deadline) {
    exit_info info;
    close_fd(fd_);
    if (pid_ <= 0) {
        return info;
    }
    if (!wait_exit_until(deadline, &info.status)) {
        ::kill(pid_, SIGKILL);
        info.killed = true;
        wait_exit_until(clock::time_point::max(), &info.status);
    }
    pid_ = -1;
    return info;
}

}  // namespace falco_ref
