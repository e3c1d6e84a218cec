// SPDX-License-Identifier: Apache-2.0
// The ready file is written safely: all or nothing for a reader, and never through a name
// that someone else could have planted in a shared directory.
#include "mocks/readiness.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_dir.hpp"

namespace mocks {
namespace {

namespace fs = std::filesystem;

std::string content(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(readiness, ready_file_holds_the_line_and_no_temporary_is_left) {
    testing::test_dir dir;
    const std::string ready = dir.file("ready");
    announce_ready("port=1234", ready, false);
    EXPECT_EQ(content(ready), "READY port=1234\n");
    struct stat st {};
    ASSERT_EQ(::stat(ready.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0644u);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) {
        ++entries;
    }
    EXPECT_EQ(entries, 1u);
}

// The name a pid-based scheme would use (`<ready>.tmp.<pid>`) is planted as a symlink to a
// victim file: the announcement must neither follow it nor rename it into place.
TEST(readiness, a_planted_symlink_at_a_predictable_name_is_not_followed) {
    testing::test_dir dir;
    const std::string ready = dir.file("ready");
    const std::string victim = dir.file("victim");
    std::ofstream(victim) << "victim";
    fs::create_symlink(victim, ready + ".tmp." + std::to_string(::getpid()));
    announce_ready("port=1234", ready, false);
    EXPECT_EQ(content(victim), "victim");
    EXPECT_FALSE(fs::is_symlink(ready));
    EXPECT_EQ(content(ready), "READY port=1234\n");
}

}  // namespace
}  // namespace mocks
