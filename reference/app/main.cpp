// SPDX-License-Identifier: Apache-2.0
// falco-outputs-ref: Falco's alert output channels, per profile (conformance/PROTOCOL.md).
#include <string>
#include <vector>

#include "runner.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return falco_ref::app::runner().run(args);
}
