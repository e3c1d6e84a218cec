// SPDX-License-Identifier: Apache-2.0
#include "pid_file.hpp"

#include <fstream>

namespace falco_ref::app {

bool write_pid_file(const std::string& path, pid_t pid) {
    std::ofstream out(path);
    if (!out.good()) {
        return false;
    }
    out << pid;
    return true;
}

}  // namespace falco_ref::app
