// SPDX-License-Identifier: Apache-2.0
#include "start_failure.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "mocks/mock_process.hpp"

namespace mocks::testing {

void expect_start_failure(const std::vector<std::string>& argv, const std::string& message) {
    try {
        mocks::mock_process::start(argv);
        ADD_FAILURE() << "expected the start to fail: " << message;
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("(exit 2)"), std::string::npos) << what;
        EXPECT_NE(what.find(message), std::string::npos) << what;
    }
}

}  // namespace mocks::testing
