// SPDX-License-Identifier: Apache-2.0
#include "daemonizer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "falco_ref/logger.hpp"
#include "pid_file.hpp"

namespace falco_ref::app {

daemonizer::role daemonizer::run() const {
    const pid_t pid = ::fork();
    if (pid < 0) {
        log(log_level::error, "Could not fork. Exiting.");
        return role::parent_failed;
    }
    if (pid > 0) {
        if (!write_pid_file(pidfile_, pid)) {
            log(log_level::error, "Could not write pid to pid file " + pidfile_ + ". Exiting.");
            return role::pidfile_failed;
        }
        return role::parent_done;
    }
    if (::setsid() < 0) {
        log(log_level::error, "Could not set session id. Exiting.");
        return role::parent_failed;
    }
    ::umask(027);
    if (::chdir("/") < 0) {
        log(log_level::error, "Could not change working directory to '/'. Exiting.");
        return role::parent_failed;
    }
    ::close(0);
    ::close(1);
    ::close(2);
    // Lowest free descriptors first: 0, 1, 2, as in Falco.
    ::open("/dev/null", O_RDONLY);
    ::open("/dev/null", O_RDWR);
    ::open("/dev/null", O_RDWR);
    return role::child;
}

}  // namespace falco_ref::app
