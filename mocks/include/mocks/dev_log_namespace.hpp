// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>
#include <functional>
#include <optional>
#include <string>

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

// Forks; the child enters the namespace and returns `body()` as its exit code (127 when
// entering fails, with the reason on stderr). Returns the child's pid, for waitpid.
pid_t fork_with_private_dev_log(const std::string& socket_path, const std::function<int()>& body);

}  // namespace mocks
