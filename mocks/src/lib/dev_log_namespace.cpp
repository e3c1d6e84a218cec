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

// Recreates one entry of the old /dev (reached through `old_dev`) in the new tmpfs /dev.
void carry_over(int old_dev, const char* name) {
    struct stat st {};
    if (::fstatat(old_dev, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;  // vanished
    const std::string target = std::string("/dev/") + name;
    if (S_ISLNK(st.st_mode)) {
        char link[PATH_MAX];
        const ssize_t n = ::readlinkat(old_dev, name, link, sizeof link - 1);
        if (n < 0)
            fail("readlink /dev/" + std::string(name));
        link[n] = '\0';
        if (::symlink(link, target.c_str()) != 0)
            fail("symlink " + target);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (::mkdir(target.c_str(), st.st_mode & 07777) != 0)
            fail("mkdir " + target);
    } else {
        const int fd = ::open(target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0)
            fail("create " + target);
        ::close(fd);
    }
    // The old /dev is hidden under the tmpfs, but stays reachable through our descriptor.
    const std::string source = "/proc/self/fd/" + std::to_string(old_dev) + "/" + name;
    if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
        fail("bind " + target);
    }
}

}  // namespace

std::optional<std::string> private_dev_log_unavailable() {
    if (::geteuid() != 0)
        return "needs root (CAP_SYS_ADMIN) to create a private mount namespace";
    // Probe with the real thing in a throwaway child, so whatever refuses it (a container
    // without CAP_SYS_ADMIN, seccomp, no /proc) is reported with its reason.
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::string("pipe: ") + std::strerror(errno);
    const pid_t pid = ::fork();
    if (pid < 0)
        return std::string("fork: ") + std::strerror(errno);
    if (pid == 0) {
        ::close(fds[0]);
        std::string error;
        try {
            enter_private_dev_log("/nonexistent/mock-syslog.sock");
            if (::access("/dev/null", W_OK) != 0)
                error = "/dev/null unusable in the namespace";
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
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
        error.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return error.empty() ? "the probe child failed" : error;
    }
    return std::nullopt;
}

void enter_private_dev_log(const std::string& socket_path) {
    const std::string socket_abs = std::filesystem::absolute(socket_path).string();
    if (::unshare(CLONE_NEWNS) != 0)
        fail("unshare(CLONE_NEWNS)");
    // Private: our mounts must not propagate back to the host (nor the host's into ours).
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        fail("make / private");
    const int old_dev = ::open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (old_dev < 0)
        fail("open /dev");
    if (::mount("tmpfs", "/dev", "tmpfs", MS_NOSUID, "mode=0755") != 0)
        fail("mount tmpfs /dev");
    DIR* dir = ::fdopendir(::dup(old_dev));
    if (dir == nullptr)
        fail("read old /dev");
    while (const dirent* e = ::readdir(dir)) {
        const std::string_view name = e->d_name;
        if (name == "." || name == ".." || name == "log")
            continue;
        carry_over(old_dev, e->d_name);
    }
    ::closedir(dir);
    ::close(old_dev);
    if (::symlink(socket_abs.c_str(), "/dev/log") != 0)
        fail("symlink /dev/log");
}

pid_t fork_with_private_dev_log(const std::string& socket_path, const std::function<int()>& body) {
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
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
