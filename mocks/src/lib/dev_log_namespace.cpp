// SPDX-License-Identifier: Apache-2.0
#include "mocks/dev_log_namespace.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace mocks {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("private /dev/log: " + what + ": " + std::strerror(errno));
}

}  // namespace

std::optional<std::string> private_dev_log_unavailable() {
    if (::geteuid() != 0) {
        return "needs root (CAP_SYS_ADMIN) to create a private mount namespace";
    }
    // Probe with the real thing in a throwaway child, so whatever refuses it (a container
    // without CAP_SYS_ADMIN, seccomp, no /proc) is reported with its reason.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return std::string("pipe: ") + std::strerror(errno);
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        return std::string("fork: ") + std::strerror(errno);
    }
    if (pid == 0) {
        ::close(fds[0]);
        std::string error;
        try {
            enter_private_dev_log("/nonexistent/mock-syslog.sock");
            if (::access("/dev/null", W_OK) != 0) {
                error = "/dev/null unusable in the namespace";
            }
        } catch (const std::exception& e) {
            error = e.what();
        }
        [[maybe_unused]] const ssize_t n = ::write(fds[1], error.data(), error.size());
        ::_exit(error.empty() ? 0 : 1);
    }
    ::close(fds[1]);
    std::string error;
    char buf[512];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) {
        error.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return error.empty() ? "the probe child failed" : error;
    }
    return std::nullopt;
}

void enter_private_dev_log(const std::string& socket_path) {
    const private_dev_log plan(socket_path);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        fail("pipe");
    }
    const bool ok = plan.enter(fds[1]);
    ::close(fds[1]);
    std::string reason;
    char buf[256];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) {
        reason.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (!ok) {
        while (!reason.empty() && reason.back() == '\n') {
            reason.pop_back();
        }
        throw std::runtime_error(reason);
    }
}

private_dev_log::private_dev_log(const std::string& socket_path)
    : socket_abs_(std::filesystem::absolute(socket_path).string()) {
    old_dev_ = ::open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (old_dev_ < 0) {
        fail("open /dev");
    }
    DIR* dir = ::fdopendir(::dup(old_dev_));
    if (dir == nullptr) {
        fail("read /dev");
    }
    const std::string fd_dir = "/proc/self/fd/" + std::to_string(old_dev_) + "/";
    while (const dirent* e = ::readdir(dir)) {
        const std::string name = e->d_name;
        struct stat st {};
        if (name == "." || name == ".." || name == "log" ||
            ::fstatat(old_dev_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            continue;
        }
        entry en{entry::kind::file, "/dev/" + name, fd_dir + name, "", st.st_mode & 07777};
        if (S_ISLNK(st.st_mode)) {
            char link[PATH_MAX];
            const ssize_t n = ::readlinkat(old_dev_, name.c_str(), link, sizeof link - 1);
            if (n < 0) {
                continue;
            }
            en.type = entry::kind::symlink;
            en.link.assign(link, static_cast<std::size_t>(n));
        } else if (S_ISDIR(st.st_mode)) {
            en.type = entry::kind::directory;
        }
        entries_.push_back(std::move(en));
    }
    ::closedir(dir);
}

private_dev_log::~private_dev_log() {
    if (old_dev_ >= 0) {
        ::close(old_dev_);
    }
}

namespace {

// write(2) only: "private /dev/log: <step>: errno <n>\n".
void report_failure(int fd, const char* step) {
    const int err = errno;
    char digits[16];
    int len = 0;
    for (int v = err; len == 0 || v > 0; v /= 10) {
        digits[len++] = static_cast<char>('0' + v % 10);
    }
    char buf[256];
    std::size_t pos = 0;
    auto put = [&](const char* text, std::size_t n) {
        for (std::size_t i = 0; i < n && pos < sizeof buf; ++i) {
            buf[pos++] = text[i];
        }
    };
    put("private /dev/log: ", 18);
    put(step, std::strlen(step));
    put(": errno ", 8);
    while (len > 0) {
        put(&digits[--len], 1);
    }
    put("\n", 1);
    [[maybe_unused]] const ssize_t n = ::write(fd, buf, pos);
}

}  // namespace

bool private_dev_log::enter(int error_fd) const noexcept {
    if (::unshare(CLONE_NEWNS) != 0) {
        report_failure(error_fd, "unshare(CLONE_NEWNS)");
        return false;
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        report_failure(error_fd, "make / private");
        return false;
    }
    // A bind source must live in our own namespace: reopen /dev now, under the descriptor
    // number the prepared `/proc/self/fd/<n>/...` paths name.
    const int dev_here = ::open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dev_here < 0 || (dev_here != old_dev_ &&
                         (::dup3(dev_here, old_dev_, O_CLOEXEC) < 0 || ::close(dev_here) != 0))) {
        report_failure(error_fd, "reopen /dev");
        return false;
    }
    if (::mount("tmpfs", "/dev", "tmpfs", MS_NOSUID, "mode=0755") != 0) {
        report_failure(error_fd, "mount tmpfs /dev");
        return false;
    }
    for (const entry& en : entries_) {
        const char* target = en.target.c_str();
        bool ok = true;
        switch (en.type) {
            case entry::kind::symlink:
                ok = ::symlink(en.link.c_str(), target) == 0;
                break;
            case entry::kind::directory:
                ok = ::mkdir(target, en.mode) == 0 &&
                     ::mount(en.bind_source.c_str(), target, nullptr, MS_BIND | MS_REC, nullptr) ==
                         0;
                break;
            case entry::kind::file: {
                const int fd = ::open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
                ok = fd >= 0 && ::close(fd) == 0 &&
                     ::mount(en.bind_source.c_str(), target, nullptr, MS_BIND | MS_REC, nullptr) ==
                         0;
                break;
            }
        }
        if (!ok) {
            report_failure(error_fd, target);
            return false;
        }
    }
    if (::symlink(socket_abs_.c_str(), "/dev/log") != 0) {
        report_failure(error_fd, "symlink /dev/log");
        return false;
    }
    return true;
}

pid_t fork_with_private_dev_log(const std::string& socket_path, const std::function<int()>& body) {
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        try {
            enter_private_dev_log(socket_path);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            ::_exit(127);
        }
        // _exit: the child must not run the parent's atexit handlers or flush its buffers.
        ::_exit(body());
    }
    return pid;
}

}  // namespace mocks
