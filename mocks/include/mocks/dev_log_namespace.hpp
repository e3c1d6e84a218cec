// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mocks {

// glibc's syslog(3) always sends to /dev/log. To observe a program's syslog without touching
// the host, the program runs in a private mount namespace whose /dev is a tmpfs carrying the
// host's /dev entries (bind-mounted one by one, so /dev/null, /dev/pts, /dev/shm keep working)
// plus `log` → the mock syslog socket. Nothing is visible outside the namespace.

// Why the technique cannot be used here (not root, unshare refused, ...); nullopt if it can.
std::optional<std::string> private_dev_log_unavailable();

// Call in a freshly forked child (single-threaded) before exec: unshares the mount
// namespace and makes /dev/log resolve to `socket_path`. Throws std::runtime_error.
void enter_private_dev_log(const std::string& socket_path);

// The same, split for a multi-threaded parent: everything that allocates (listing /dev,
// reading its symlinks, building paths) happens in the constructor, in the parent; enter()
// makes system calls only, so it is safe between fork() and exec() even when another thread
// held the allocator's lock at fork time (glibc with ASan/TSan deadlocks otherwise).
class private_dev_log {
public:
    explicit private_dev_log(const std::string& socket_path);  // throws std::runtime_error
    ~private_dev_log();
    private_dev_log(const private_dev_log&) = delete;
    private_dev_log& operator=(const private_dev_log&) = delete;

    // In the forked child. On failure writes "private /dev/log: <step>: errno <n>\n" to
    // `error_fd` and returns false.
    bool enter(int error_fd) const noexcept;

private:
    struct entry {
        enum class kind { symlink, directory, file } type;
        std::string target;       // "/dev/<name>"
        std::string bind_source;  // "/proc/self/fd/<old_dev>/<name>" (not for symlinks)
        std::string link;         // symlink contents
        mode_t mode = 0;
    };
    std::string socket_abs_;
    int old_dev_ = -1;  // the host's /dev, opened O_CLOEXEC before the fork
    std::vector<entry> entries_;
};

// Forks; the child enters the namespace and returns `body()` as its exit code (127 when
// entering fails, with the reason on stderr). Returns the child's pid, for waitpid.
pid_t fork_with_private_dev_log(const std::string& socket_path, const std::function<int()>& body);

}  // namespace mocks
