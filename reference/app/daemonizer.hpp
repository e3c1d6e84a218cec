// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace falco_ref::app {

// Falco 0.15.3's, 0.34's and 0.35's -d (docs/spec/legacy.md#18-daemon-mode-and-pidfile,
// docs/spec/0.34.md#18-daemon-mode-and-pidfile, docs/spec/0.35.md#18-daemon-mode-and-pidfile;
// falco@0.15.3:userspace/falco/falco.cpp:972-1027,
// falco@0.34.1:userspace/falco/app_actions/daemonize.cpp:27-80,
// falco@0.35.1:userspace/falco/app/actions/daemonize.cpp:28-87): fork; the parent writes the
// child's PID (no newline) to the pid file and exits 0 without printing anything; the child calls
// setsid(), umask(027), chdir("/") and puts fds 0-2 on /dev/null. Must run while the process has a
// single thread.
class daemonizer {
public:
    // pidfile_failed: the parent could not open the pid file (its exit status is the profile's
    // daemon_pidfile_error_exit); parent_failed: any other failure.
    enum class role { parent_done, parent_failed, pidfile_failed, child };

    explicit daemonizer(std::string pidfile) : pidfile_(std::move(pidfile)) {}

    // Logs Falco's messages ("Could not fork. Exiting.", "Could not write pid to pid file <f>.
    // Exiting.", ...) through the logger on failure.
    role run() const;

private:
    std::string pidfile_;
};

}  // namespace falco_ref::app
