// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <unistd.h>

#include <map>

#include "select/shard.hpp"
#include "util/content_hash.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

TEST(shard, parses_k_of_n) {
    EXPECT_EQ(shard_spec::parse("1/1"), (shard_spec{1, 1}));
    EXPECT_EQ(shard_spec::parse("3/7"), (shard_spec{3, 7}));
    EXPECT_EQ(shard_spec::parse("3/7").text(), "3/7");
    for (const auto* bad : {"", "1", "0/3", "4/3", "1/0", "a/b", "1/3x", "-1/3", "1 /3", "/3"}) {
        EXPECT_THROW(shard_spec::parse(bad), std::invalid_argument) << bad;
    }
}

TEST(shard, every_id_in_exactly_one_shard) {
    for (unsigned n = 1; n <= 7; ++n) {
        std::map<unsigned, int> sizes;
        for (int i = 0; i < 500; ++i) {
            const auto id = "0.44/area/case_" + std::to_string(i);
            int owners = 0;
            for (unsigned k = 1; k <= n; ++k) {
                if (shard_spec{k, n}.contains(id)) {
                    ++owners;
                    ++sizes[k];
                }
            }
            ASSERT_EQ(owners, 1) << id << " in " << n << " shards";
        }
        // Balanced enough to be worth splitting: no shard twice its fair share.
        for (const auto& [k, size] : sizes) {
            EXPECT_LT(size, 2 * 500 / static_cast<int>(n) + 10) << k << "/" << n;
        }
    }
}

// The assignment depends on the id only, and never changes between releases (CI matrices
// compare shards of runs made on different machines): these values are pinned.
TEST(shard, assignment_is_pinned) {
    EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);  // the FNV reference test vector
    std::string owners;
    for (const auto* id : {"0.44/file/keep_alive_false", "0.44/http/post", "legacy/json/escaping",
                           "0.44/stdout/buffered", "0.44/syslog/priority_mapping"}) {
        for (unsigned k = 1; k <= 3; ++k) {
            if (shard_spec{k, 3}.contains(id)) {
                owners += std::to_string(k);
            }
        }
    }
    EXPECT_EQ(owners, "13111");
}

TEST(content_hash, tree_digest_follows_content_and_names) {
    const auto dir = fs::temp_directory_path() / ("tree-digest-" + std::to_string(getpid()));
    fs::create_directories(dir / "a");
    write_file(dir / "a" / "x", "one");
    write_file(dir / "y", "two");
    const auto first = tree_digest(dir);
    EXPECT_EQ(first.size(), 8 + 16u) << first;
    EXPECT_EQ(tree_digest(dir), first);
    write_file(dir / "y", "twO");
    EXPECT_NE(tree_digest(dir), first);
    write_file(dir / "y", "two");
    fs::rename(dir / "y", dir / "z");
    EXPECT_NE(tree_digest(dir), first);
    fs::remove_all(dir);
}

}  // namespace conformance
