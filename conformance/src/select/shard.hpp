// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace conformance {

// `--shard K/N`: shard K of N of the selected cases, for CI matrices. A case belongs to a shard
// by a hash of its id alone, never by its position, so adding or removing a case moves no
// other case between shards, and the N shards of one selection are disjoint and cover it.
struct shard_spec {
    unsigned index = 1;  // K, 1-based
    unsigned count = 1;  // N

    // "K/N" with 1 <= K <= N; throws std::invalid_argument otherwise.
    static shard_spec parse(std::string_view text);

    bool contains(std::string_view case_id) const;
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
    bool operator==(const shard_spec&) const = default;
};

}  // namespace conformance
