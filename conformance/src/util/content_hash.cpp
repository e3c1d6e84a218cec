// SPDX-License-Identifier: Apache-2.0
#include "util/content_hash.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

std::uint64_t fnv1a_64(std::string_view data, std::uint64_t state) {
    constexpr std::uint64_t k_prime = 0x100000001b3ULL;
    for (const char c : data) {
        state = (state ^ static_cast<unsigned char>(c)) * k_prime;
    }
    return state;
}

std::string tree_digest(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files.push_back(fs::relative(entry.path(), dir));
        }
    }
    std::sort(files.begin(), files.end());
    std::uint64_t state = k_fnv1a_64_offset;
    for (const auto& f : files) {
        // The NUL and the length keep ("ab","c") apart from ("a","bc").
        const auto content = read_file(dir / f);
        state = fnv1a_64(f.generic_string() + '\0' + std::to_string(content.size()) + '\0', state);
        state = fnv1a_64(content, state);
    }
    char text[32];
    std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(state));
    return text;
}

}  // namespace conformance
