// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace mocks::testing {

// Expects mock_process::start(argv) to fail because the program exited 2 (bad arguments)
// with `message` on stderr; records a gtest failure otherwise.
void expect_start_failure(const std::vector<std::string>& argv, const std::string& message);

}  // namespace mocks::testing
