// SPDX-License-Identifier: Apache-2.0
// declared_not_applicable: exit 77 before delivering anything (docs/REAL-FALCO.md section 5).
#include "judge/declared_not_applicable.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

constexpr int k_exit_77 = W_EXITCODE(77, 0);

class declared_not_applicable_test : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("conformance-declared-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_ / "work");
        c_.expect.files.emplace_back("events.txt", "expected/events.txt");
    }
    void TearDown() override { fs::remove_all(dir_); }

    channel_reader channels() const {
        return channel_reader({dir_ / "work", dir_ / "stdout", dir_ / "stderr",
                               dir_ / "syslog.jsonl", dir_ / "http.jsonl", dir_ / "capture.jsonl"});
    }

    fs::path dir_;
    golden_case c_;
};

}  // namespace

TEST_F(declared_not_applicable_test, exit_77_with_nothing_delivered_gives_the_first_stderr_line) {
    write_file(dir_ / "stderr",
               "falco-replay: cannot replay faithfully: alerts.jsonl:2: a float\n"
               "falco-replay: cannot replay faithfully: alerts.jsonl:3: a list\n");
    EXPECT_EQ(declared_not_applicable(c_, channels(), k_exit_77),
              "the implementation declared the case not applicable (exit 77): falco-replay: "
              "cannot replay faithfully: alerts.jsonl:2: a float");
    fs::remove(dir_ / "stderr");
    EXPECT_EQ(declared_not_applicable(c_, channels(), k_exit_77),
              "the implementation declared the case not applicable (exit 77): (nothing on "
              "stderr)");
}

TEST_F(declared_not_applicable_test, other_endings_are_judged_as_usual) {
    EXPECT_EQ(declared_not_applicable(c_, channels(), std::nullopt), std::nullopt);
    EXPECT_EQ(declared_not_applicable(c_, channels(), W_EXITCODE(1, 0)), std::nullopt);
    EXPECT_EQ(declared_not_applicable(c_, channels(), W_EXITCODE(0, 0)), std::nullopt);
    EXPECT_EQ(declared_not_applicable(c_, channels(), W_EXITCODE(0, SIGKILL)), std::nullopt);
    golden_case expects_77 = c_;
    expects_77.expect.exit_code = 77;
    EXPECT_EQ(declared_not_applicable(expects_77, channels(), k_exit_77), std::nullopt);
}

TEST_F(declared_not_applicable_test, anything_delivered_first_is_judged_as_usual) {
    write_file(dir_ / "work" / "events.txt", "");
    EXPECT_NE(declared_not_applicable(c_, channels(), k_exit_77), std::nullopt);
    write_file(dir_ / "work" / "events.txt", "an alert\n");
    EXPECT_EQ(declared_not_applicable(c_, channels(), k_exit_77), std::nullopt);
    fs::remove(dir_ / "work" / "events.txt");
    write_file(dir_ / "stdout", "x");
    EXPECT_EQ(declared_not_applicable(c_, channels(), k_exit_77), std::nullopt);
    fs::remove(dir_ / "stdout");
    // One request at the mock HTTP server (mocks/README.md record format).
    write_file(
        dir_ / "http.jsonl",
        R"({"seq":1,"conn_id":1,"tls":false,"method":"POST","target":"/","version":"HTTP/1.1",)"
        R"("headers":[],"body":"an alert","status":200})"
        "\n");
    EXPECT_EQ(declared_not_applicable(c_, channels(), k_exit_77), std::nullopt);
}

}  // namespace conformance
