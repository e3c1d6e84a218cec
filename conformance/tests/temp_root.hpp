// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace conformance {

// A fresh directory under the system's temporary directory, removed with everything in it
// when the object goes: a golden root the test writes its own cases into.
class temp_root {
public:
    explicit temp_root(const std::string& name) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / (name + ".XXXXXX")).string();
        path_ = mkdtemp(pattern.data());
    }
    temp_root(const temp_root&) = delete;
    temp_root& operator=(const temp_root&) = delete;
    ~temp_root() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace conformance
