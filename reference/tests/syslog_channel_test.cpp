// SPDX-License-Identifier: Apache-2.0
// syslog_channel through the real glibc syslog(3) path: the channel runs in a forked child whose
// private mount namespace makes /dev/log the socket of a real mock-syslog (mocks/README.md).
// Expectations: docs/spec/common.md#64-syslog, docs/spec/0.44.md#syslog.message,
// docs/spec/legacy.md#syslog.message; conformance/PROTOCOL.md#5-syslog.
#include "falco_ref/channels/syslog_channel.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "channel_test_support.hpp"
#include "mocks/dev_log_namespace.hpp"
#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"

namespace falco_ref {
namespace {

using namespace std::chrono_literals;

constexpr auto k_deadline = 10s;
constexpr int k_log_user = 1 << 3;  // LOG_USER: facility 1, so PRI = 8 + level (RFC 3164 4.1.1)

class syslog_channel_test : public ::testing::Test {
protected:
    void SetUp() override {
        test::prepare_process();
        if (auto why = mocks::private_dev_log_unavailable()) {
            GTEST_SKIP() << "private /dev/log unavailable: " << *why;
        }
        mock_ = std::make_unique<mocks::mock_process>(mocks::mock_process::start(
            {mocks::mock_syslog_path(), "--unix", socket_, "--out", records_}));
    }

    // Runs `body` with the channel in a forked child whose /dev/log is `socket`; returns the
    // child's exit code.
    int run_in_namespace(const std::string& socket,
                         const std::function<void(syslog_channel&)>& body,
                         profile_id id = profile_id::v0_44) {
        const config cfg = test::make_config(id);
        const pid_t pid = mocks::fork_with_private_dev_log(socket, [&] {
            syslog_channel ch(cfg);
            body(ch);
            ch.close();
            return 0;
        });
        int status = 0;
        ::waitpid(pid, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::vector<mocks::syslog_record> wait_for(std::size_t n) {
        std::vector<mocks::syslog_record> records;
        mocks::wait_until(
            [&] {
                records = mocks::read_syslog_records(records_);
                return records.size() >= n;
            },
            k_deadline);
        return records;
    }

    test::temp_dir dir_;
    std::string socket_ = dir_.file("log.sock");
    std::string records_ = dir_.file("syslog.jsonl");
    std::unique_ptr<mocks::mock_process> mock_;
};

TEST_F(syslog_channel_test,
       every_priority_is_user_facility_at_its_level_with_ident_falco_and_no_pid) {
    // syslog(priority, "%s", msg): level = Falco priority 0..7 (docs/spec/common.md#syslog.call).
    const std::vector<std::string> names = {"Emergency", "Alert",  "Critical",      "Error",
                                            "Warning",   "Notice", "Informational", "Debug"};
    ASSERT_EQ(run_in_namespace(socket_,
                               [&](syslog_channel& ch) {
                                   for (int level = 0; level < 8; ++level) {
                                       ch.deliver(test::make_message(
                                           static_cast<priority>(level),
                                           "16:17:57.881781397: " + names[level] + " level " +
                                               std::to_string(level)));
                                   }
                               }),
              0);
    const auto records = wait_for(8);
    ASSERT_EQ(records.size(), 8u);
    for (int level = 0; level < 8; ++level) {
        const auto& r = records[level];
        SCOPED_TRACE(r.raw);
        EXPECT_EQ(r.transport, "unix");
        EXPECT_EQ(r.format, "rfc3164");
        EXPECT_EQ(r.pri, k_log_user + level);
        EXPECT_EQ(r.facility, 1);
        EXPECT_EQ(r.severity, level);
        EXPECT_EQ(r.ident, "falco");     // docs/spec/common.md#syslog.call
        EXPECT_EQ(r.pid, std::nullopt);  // no LOG_PID
        EXPECT_EQ(r.msg, "16:17:57.881781397: " + names[level] + " level " + std::to_string(level));
        ASSERT_FALSE(r.raw.empty());
        EXPECT_NE(r.raw.back(), '\n');  // no newline (docs/spec/common.md#text.terminator)
    }
}

TEST_F(syslog_channel_test, json_line_is_sent_as_is) {
    // The example of docs/spec/0.44.md#51-layout: the same JSON line goes to every channel
    // (docs/spec/common.md#text.same_string).
    const std::string json =
        R"j({"hostname":"h","output":"16:17:57.881781397: Warning An open was seen )j"
        R"j((command=cat /dev/null)","output_fields":{"evt.time":1470327477881781397,)j"
        R"j("proc.cmdline":"cat /dev/null"},"priority":"Warning","rule":"open_from_cat",)j"
        R"j("source":"syscall","tags":["filesystem","process","testing"],)j"
        R"j("time":"2016-08-04T16:17:57.881781397Z"})j";
    ASSERT_EQ(run_in_namespace(socket_,
                               [&](syslog_channel& ch) {
                                   ch.deliver(test::make_message(priority::warning, json));
                               }),
              0);
    const auto records = wait_for(1);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].pri, k_log_user + 4);
    EXPECT_EQ(records[0].msg, json);
}

TEST_F(syslog_channel_test, legacy_text_sends_the_rule_output_without_prefix) {
    // docs/spec/legacy.md#syslog.message: the page's example, the rule output only.
    const std::string bare =
        "Sensitive file opened for reading by non-trusted program (user=root command=cat "
        "/etc/shadow file=/etc/shadow)";
    ASSERT_EQ(run_in_namespace(
                  socket_,
                  [&](syslog_channel& ch) {
                      output_message m = test::make_message(priority::warning,
                                                            "16:31:56.746609046: Warning " + bare);
                      m.syslog_line = bare;
                      ch.deliver(m);
                  },
                  profile_id::legacy),
              0);
    const auto records = wait_for(1);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].pri, k_log_user + 4);
    EXPECT_EQ(records[0].ident, "falco");
    EXPECT_EQ(records[0].msg, bare);
}

TEST_F(syslog_channel_test, message_is_never_used_as_a_format) {
    // "%s" is the format (outputs_syslog.cpp:23), so conversions in the text arrive verbatim;
    // the C string ends at its first NUL.
    ASSERT_EQ(
        run_in_namespace(socket_,
                         [&](syslog_channel& ch) {
                             ch.deliver(test::make_message(priority::error, "100% %s %n %m done"));
                             ch.deliver(test::make_message(priority::error,
                                                           std::string("cut\0hidden", 10)));
                         }),
        0);
    const auto records = wait_for(2);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].msg, "100% %s %n %m done");
    EXPECT_EQ(records[1].msg, "cut");
}

TEST_F(syslog_channel_test, missing_dev_log_is_logged_once_and_delivery_goes_on) {
    // glibc drops silently; the channel says so once at construction and keeps running. Each
    // lost message is a failed delivery without a log line of its own (Falco logs none).
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    const int code = run_in_namespace(dir_.file("no-such.sock"), [&](syslog_channel& ch) {
        for (const char* line : {"lost 1", "lost 2"}) {
            const channel_outcome lost = ch.deliver(test::make_message(priority::error, line));
            if (lost.result() != channel_outcome::status::failed ||
                lost.reason() != "cannot connect to /dev/log (No such file or directory)" ||
                lost.log_line("syslog").has_value()) {
                std::_Exit(5);  // the child's exit code carries the verdict
            }
        }
    });
    err.restore();
    EXPECT_EQ(code, 0);
    EXPECT_NE(err.text().find(": syslog: cannot connect to /dev/log (No such file or directory); "
                              "syslog messages will be lost\n"),
              std::string::npos)
        << err.text();
    EXPECT_TRUE(mocks::read_syslog_records(records_).empty());
}

TEST(syslog_channel_probe, can_connect_reports_the_reason) {
    std::string error;
    EXPECT_FALSE(syslog_channel::can_connect("/nonexistent/falco-ref/log", &error));
    EXPECT_EQ(error, "No such file or directory");
}

}  // namespace
}  // namespace falco_ref
