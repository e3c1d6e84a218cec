// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace mocks::testing {

// A fresh private directory under /tmp, removed with everything in it at the end of the test.
class test_dir {
public:
    test_dir();
    ~test_dir();
    test_dir(const test_dir&) = delete;
    test_dir& operator=(const test_dir&) = delete;

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace mocks::testing
