// SPDX-License-Identifier: Apache-2.0
// falco-conformance: runs any Falco output implementation against the golden cases.
#include <csignal>
#include <filesystem>
#include <iostream>

#include "app/conformance_app.hpp"
#include "run/child_registry.hpp"
#include "run/scratch_mount.hpp"

int main(int argc, char** argv) {
    // Before any thread exists: tmpfs cases mount in a namespace of the harness's own.
    conformance::enter_own_mount_namespace();
    // A write to an implementation that exited must be an EPIPE error, not the harness's death.
    std::signal(SIGPIPE, SIG_IGN);
    conformance::child_registry::install_interrupt_cleanup();
    std::error_code ec;
    auto self = std::filesystem::canonical("/proc/self/exe", ec).string();
    if (ec) {
        self = argv[0];
    }
    return conformance::run_app(self, std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                std::cerr);
}
