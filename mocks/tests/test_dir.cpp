// SPDX-License-Identifier: Apache-2.0
#include "test_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace mocks::testing {

test_dir::test_dir() {
    std::string templ = "/tmp/mocks-test.XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = templ;
}

test_dir::~test_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace mocks::testing
