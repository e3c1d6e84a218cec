// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace conformance {

// FNV-1a, 64 bits. Stable across compilers, libraries and releases, which std::hash is not:
// shard assignments and golden fingerprints must agree between the machines of one CI run.
// Not cryptographic: it tells a different golden tree from the same one, not a forged one.
constexpr std::uint64_t k_fnv1a_64_offset = 0xcbf29ce484222325ULL;
std::uint64_t fnv1a_64(std::string_view data, std::uint64_t state = k_fnv1a_64_offset);

// Fingerprint of every regular file below `dir`, in path order (relative path and content):
// "fnv1a64:<16 hex digits>". Throws std::runtime_error naming a file that cannot be read.
std::string tree_digest(const std::filesystem::path& dir);

}  // namespace conformance
