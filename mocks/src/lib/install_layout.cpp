// SPDX-License-Identifier: Apache-2.0
#include "mocks/install_layout.hpp"

#include <filesystem>

namespace mocks {

std::string installed_or_built(std::string_view relative, std::string build_path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto self = fs::canonical("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = self.parent_path().parent_path() / relative;
        if (fs::exists(installed, ec)) {
            return installed.string();
        }
    }
    return build_path;
}

}  // namespace mocks
