// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <string>

namespace falco_ref::app {

// Writes `pid` in decimal, without a newline, to `path` (created or truncated, 0666 before the
// umask), as both Falcos do with a std::ofstream (falco@0.44.1:userspace/falco/app/actions/
// pidfile.cpp:37-49; falco@0.15.3:userspace/falco/falco.cpp:985-995). False when the file
// cannot be opened for writing, the only failure either Falco checks.
bool write_pid_file(const std::string& path, pid_t pid);

}  // namespace falco_ref::app
