// SPDX-License-Identifier: Apache-2.0
// program_channel against the real `capture` program (mocks/README.md), spawned through
// /bin/sh as Falco's popen does. Expectations: docs/spec/common.md#65-program,
// docs/spec/0.44.md#9-program-output, docs/spec/legacy.md#9-program-output.
#include "falco_ref/channels/program_channel.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "channel_test_support.hpp"
#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"

namespace falco_ref {
namespace {

using namespace std::chrono_literals;
using test::read_file;
using test::sh_quote;

constexpr auto k_deadline = 10s;
// Window for "nothing happened": long against a spawn (a few ms here), stated explicitly.
constexpr auto k_quiet_window = 300ms;

output_message message(const std::string& line) {
    return test::make_message(priority::warning, line);
}

// close() must take at least the 1 s grace these tests configure, and end well before the
// test's own deadline.
void expect_close_within_grace(program_channel& ch) {
    const auto t0 = std::chrono::steady_clock::now();
    ch.close();
    const auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_GE(took, 1000ms);
    EXPECT_LT(took, k_deadline);
}

class program_channel_test : public ::testing::Test {
protected:
    void SetUp() override { test::prepare_process(); }

    // `extra` goes after capture's own arguments; output_timeout 100 ms gives a 1 s close grace.
    config make(profile_id id, bool keep_alive, bool buffered, const std::string& extra = "") {
        config cfg = test::make_config(id);
        cfg.program_output.enabled = true;
        cfg.program_output.keep_alive = keep_alive;
        cfg.program_output.program =
            "exec " + sh_quote(mocks::capture_path()) + " --log " + sh_quote(log_) + extra;
        cfg.buffered_outputs = buffered;
        cfg.output_timeout_ms = 100;
        return cfg;
    }

    std::vector<mocks::capture_event> events() const { return mocks::read_capture_events(log_); }

    std::vector<mocks::capture_event> starts() const {
        std::vector<mocks::capture_event> out;
        for (const auto& e : events()) {
            if (e.event == "start") {
                out.push_back(e);
            }
        }
        return out;
    }

    std::string data_of(long pid) const {
        std::string out;
        for (const auto& e : events()) {
            if (e.event == "read" && e.pid == pid) {
                out += e.data;
            }
        }
        return out;
    }

    std::size_t count_of(long pid, const std::string& kind) const {
        std::size_t n = 0;
        for (const auto& e : events()) {
            n += e.pid == pid && e.event == kind ? 1 : 0;
        }
        return n;
    }

    test::temp_dir dir_;
    std::string log_ = dir_.file("capture.jsonl");
};

// keep_alive false: popen, fprintf("%s\n"), pclose per alert, and pclose waits for the child
// (docs/spec/common.md#program.keep_alive.false). So when deliver() returns, that child has read
// its one line, seen EOF and exited: no waiting needed in the test.
class program_per_message_test : public program_channel_test,
                                 public ::testing::WithParamInterface<bool> {};

TEST_P(program_per_message_test, one_child_per_message_each_gets_one_line_then_eof) {
    program_channel ch(make(profile_id::v0_44, false, GetParam()));
    const std::vector<std::string> lines = {"first alert", "second alert", "third alert"};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        ch.deliver(message(lines[i]));
        const auto s = starts();
        ASSERT_EQ(s.size(), i + 1);
        const long pid = s.back().pid;
        EXPECT_EQ(data_of(pid), lines[i] + "\n");
        EXPECT_EQ(count_of(pid, "eof"), 1u);
        EXPECT_EQ(count_of(pid, "exit"), 1u);
    }
    std::set<long> pids;
    for (const auto& s : starts()) {
        pids.insert(s.pid);
    }
    EXPECT_EQ(pids.size(), 3u);
    ch.close();
    EXPECT_EQ(starts().size(), 3u);  // close() has nothing left to spawn or wait for
}

INSTANTIATE_TEST_SUITE_P(buffering, program_per_message_test, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "buffered" : "unbuffered"; });

TEST_F(program_channel_test, spawn_is_lazy) {
    // docs/spec/common.md#program.keep_alive.true, docs/spec/0.44.md#program.reopen: lazy, at
    // the first alert or SIGUSR1.
    program_channel ch(make(profile_id::v0_44, true, false));
    std::this_thread::sleep_for(k_quiet_window);  // negative assertion window
    EXPECT_TRUE(starts().empty());
    ch.deliver(message("x"));
    EXPECT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    ch.close();
}

TEST_F(program_channel_test, keep_alive_unbuffered_each_line_visible_before_the_next) {
    // keep_alive true + _IONBF: one long-lived child, one write per alert
    // (docs/spec/common.md#program.buffered).
    program_channel ch(make(profile_id::v0_44, true, false));
    std::string expected;
    for (const std::string line : {"one", "two", "three"}) {
        ch.deliver(message(line));
        expected += line + "\n";
        ASSERT_TRUE(mocks::wait_until(
            [&] { return starts().size() == 1 && data_of(starts()[0].pid) == expected; },
            k_deadline))
            << "line not visible before the next was sent: " << line;
    }
    const long pid = starts().at(0).pid;
    EXPECT_EQ(count_of(pid, "eof"), 0u);
    ch.close();  // pclose: EOF, then wait (docs/spec/common.md#program.keep_alive.true)
    EXPECT_EQ(count_of(pid, "eof"), 1u);
    EXPECT_EQ(count_of(pid, "exit"), 1u);
    EXPECT_EQ(starts().size(), 1u);
}

TEST_F(program_channel_test, keep_alive_buffered_holds_small_data_until_close) {
    // Buffered: stdio full buffering on a pipe, so less than 4 KiB stays in the buffer until
    // pclose (docs/spec/common.md#program.buffered; the buffer size is the C library's, so the test
    // only asserts "nothing before exit while under 4 KiB").
    program_channel ch(make(profile_id::v0_44, true, true));
    ch.deliver(message("a"));
    ch.deliver(message("b"));
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    const long pid = starts()[0].pid;
    std::this_thread::sleep_for(k_quiet_window);  // negative assertion window
    EXPECT_EQ(data_of(pid), "");
    ch.close();
    EXPECT_EQ(data_of(pid), "a\nb\n");
    EXPECT_EQ(count_of(pid, "eof"), 1u);
}

TEST_F(program_channel_test, keep_alive_buffered_writes_out_when_the_buffer_is_full) {
    program_channel ch(make(profile_id::v0_44, true, true));
    std::string all;
    for (int i = 0; i < 6; ++i) {  // 6 x 1001 bytes > 4096
        const std::string line(1000, static_cast<char>('a' + i));
        ch.deliver(message(line));
        all += line + "\n";
    }
    ASSERT_TRUE(mocks::wait_until(
        [&] { return starts().size() == 1 && !data_of(starts()[0].pid).empty(); }, k_deadline));
    const std::string before_close = data_of(starts()[0].pid);
    EXPECT_LT(before_close.size(), all.size());
    EXPECT_EQ(all.compare(0, before_close.size(), before_close), 0) << "not a prefix";
    ch.close();
    EXPECT_EQ(data_of(starts()[0].pid), all);
}

// Reopen: 0.44 closes, waits and spawns at once whatever keep_alive is
// (docs/spec/0.44.md#program.reopen); legacy does so only with keep_alive
// (docs/spec/legacy.md#program.reopen).
class program_reopen_test : public program_channel_test,
                            public ::testing::WithParamInterface<profile_id> {};

TEST_P(program_reopen_test, keep_alive_reopen_ends_the_old_child_and_spawns_at_once) {
    program_channel ch(make(GetParam(), true, false));
    ch.deliver(message("before"));
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    const long old_pid = starts()[0].pid;
    ch.reopen();
    // reopen waited for the old child: its EOF and exit are already recorded.
    EXPECT_EQ(data_of(old_pid), "before\n");
    EXPECT_EQ(count_of(old_pid, "eof"), 1u);
    EXPECT_EQ(count_of(old_pid, "exit"), 1u);
    // The new child exists before any further alert.
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 2; }, k_deadline));
    const long new_pid = starts()[1].pid;
    EXPECT_NE(new_pid, old_pid);
    ch.deliver(message("after"));
    EXPECT_TRUE(mocks::wait_until([&] { return data_of(new_pid) == "after\n"; }, k_deadline));
    ch.close();
    EXPECT_EQ(count_of(new_pid, "eof"), 1u);
}

INSTANTIATE_TEST_SUITE_P(profiles, program_reopen_test,
                         ::testing::Values(profile_id::v0_44, profile_id::legacy),
                         [](const auto& info) {
                             return info.param == profile_id::legacy ? "legacy" : "v0_44";
                         });

TEST_F(program_channel_test,
       reopen_without_keep_alive_spawns_a_child_that_takes_the_next_message_0_44) {
    program_channel ch(make(profile_id::v0_44, false, false));
    ch.reopen();
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    const long pid = starts()[0].pid;
    ch.deliver(message("next"));
    // That child received the alert and was then closed (docs/spec/0.44.md#program.reopen).
    EXPECT_EQ(data_of(pid), "next\n");
    EXPECT_EQ(count_of(pid, "exit"), 1u);
    EXPECT_EQ(starts().size(), 1u);
    ch.close();
}

TEST_F(program_channel_test, legacy_reopen_without_keep_alive_does_nothing) {
    program_channel ch(make(profile_id::legacy, false, false));
    ch.reopen();
    std::this_thread::sleep_for(k_quiet_window);  // negative assertion window
    EXPECT_TRUE(starts().empty());
    ch.deliver(message("x"));
    EXPECT_EQ(starts().size(), 1u);
    ch.close();
}

TEST_F(program_channel_test, child_stays_in_our_process_group_and_session) {
    // docs/spec/common.md#program.spawn: no setsid, same process group, in both profiles.
    program_channel ch(make(profile_id::v0_44, false, false));
    ch.deliver(message("x"));
    const auto s = starts();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].pgid, static_cast<long>(::getpgrp()));
    EXPECT_EQ(s[0].sid, static_cast<long>(::getsid(0)));
    EXPECT_EQ(s[0].ppid, static_cast<long>(::getpid()));  // `exec` replaced the shell
}

TEST_F(program_channel_test, child_inherits_environment_and_stdout_but_no_other_descriptor) {
    // The child inherits env and fds 1/2 (docs/spec/common.md#program.spawn); every other fd is
    // closed.
    ::setenv("FALCO_REF_PROGRAM_TEST_VAR", "value with spaces", 1);
    const int leaked = ::dup2(::open("/dev/null", O_RDONLY), 50);  // no O_CLOEXEC on purpose
    ASSERT_EQ(leaked, 50);
    config cfg = make(profile_id::v0_44, false, false);
    // ls lists the shell's descriptors (/proc/$$) while the shell has not redirected anything
    // (a redirection makes dash keep a saved copy of fd 1); both write to the inherited stdout,
    // which this test captured; `cat` keeps the pipe's read end open until EOF.
    cfg.program_output.program = "ls /proc/$$/fd; cat > /dev/null";
    test::fd_capture out(STDOUT_FILENO, dir_.file("stdout.txt"));
    program_channel ch(cfg);
    ch.deliver(message("x"));  // returns after ls exited
    out.restore();
    ::close(leaked);
    EXPECT_EQ(out.text(), "0\n1\n2\n");  // no 50

    cfg.program_output.program = "printf '%s\\n' \"$FALCO_REF_PROGRAM_TEST_VAR\"; cat > /dev/null";
    test::fd_capture out2(STDOUT_FILENO, dir_.file("stdout2.txt"));
    program_channel ch2(cfg);
    ch2.deliver(message("x"));
    out2.restore();
    ::unsetenv("FALCO_REF_PROGRAM_TEST_VAR");
    EXPECT_EQ(out2.text(), "value with spaces\n");
}

TEST_F(program_channel_test, child_that_exited_gives_an_error_and_the_next_message_respawns) {
    // Falco would die of SIGPIPE here (docs/spec/common.md#program.dead_child); the
    // reference reports EPIPE as a failed delivery the worker logs as "program: ...", reaps
    // the child and spawns a new one at the next alert.
    const config cfg = make(profile_id::v0_44, true, false, " --exit-after-reads 1");
    program_channel ch(cfg);
    ch.deliver(message("a"));
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    const long pid = starts()[0].pid;
    // Dead means its read end is closed: our unreaped child is a zombie from then on.
    ASSERT_TRUE(mocks::wait_until(
        [&] {
            const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
            const auto paren = stat.rfind(')');
            return paren != std::string::npos && stat.compare(paren, 3, ") Z") == 0;
        },
        k_deadline));
    const channel_outcome failed = ch.deliver(message("b"));
    EXPECT_EQ(failed.result(), channel_outcome::status::failed);
    EXPECT_EQ(failed.log_line("program"),
              "program: write to program output failed: " + cfg.program_output.program +
                  " (error: Broken pipe)\n");
    EXPECT_TRUE(ch.deliver(message("c")).ok());
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 2; }, k_deadline));
    EXPECT_TRUE(mocks::wait_until([&] { return data_of(starts()[1].pid) == "c\n"; }, k_deadline));
    EXPECT_EQ(data_of(pid), "a\n");
    ch.close();
}

TEST_F(program_channel_test, missing_program_neither_crashes_nor_hangs) {
    // popen does not fail for a missing command: /bin/sh reports it on the inherited stderr
    // (docs/spec/0.44.md#program.open_error).
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    config cfg = make(profile_id::v0_44, false, false);
    cfg.program_output.program = "/nonexistent/falco-ref-no-such-program";
    program_channel ch(cfg);
    for (int i = 0; i < 3; ++i) {
        // Delivered, or failed with EPIPE when the shell exited before our write.
        ch.deliver(message("x"));
    }
    ch.close();
    err.restore();
    EXPECT_NE(err.text().find("/nonexistent/falco-ref-no-such-program: not found"),
              std::string::npos)
        << err.text();
}

TEST_F(program_channel_test, child_that_never_exits_is_killed_at_close_after_the_grace) {
    // Falco's pclose would wait for ever; we give close_grace() (1 s here) then SIGKILL.
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    const config cfg = make(profile_id::v0_44, true, false, " --stop-reading-after 0");
    const std::string program = cfg.program_output.program;
    program_channel ch(cfg);
    ASSERT_EQ(ch.close_grace(), 1000ms);
    ch.deliver(message("never read"));
    ASSERT_TRUE(mocks::wait_until([&] { return starts().size() == 1; }, k_deadline));
    const long pid = starts()[0].pid;
    expect_close_within_grace(ch);
    err.restore();
    EXPECT_EQ(count_of(pid, "exit"), 0u);  // SIGKILL: no exit record
    EXPECT_NE(err.text().find(": program: " + program +
                              " did not exit within 1000 ms after its input was closed; killed"),
              std::string::npos)
        << err.text();
}

TEST_F(program_channel_test, pending_data_the_child_never_reads_is_dropped_at_close) {
    int probe[2];
    ASSERT_EQ(::pipe(probe), 0);
    const int capacity = ::fcntl(probe[1], F_GETPIPE_SZ);
    ::close(probe[0]);
    ::close(probe[1]);
    if (capacity != 65536) {
        GTEST_SKIP() << "the test fills a 64 KiB pipe exactly; this one holds " << capacity;
    }
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    program_channel ch(make(profile_id::v0_44, true, true, " --stop-reading-after 0"));
    const std::string line(4095, 'z');  // + "\n" = one 4096-byte buffer
    for (int i = 0; i < 16; ++i) {
        ch.deliver(message(line));  // 16 x 4096 = the whole pipe, written without blocking
    }
    ch.deliver(message(line));  // stays in our buffer: the pipe is full
    expect_close_within_grace(ch);
    err.restore();
    EXPECT_NE(
        err.text().find(" did not read its input within 1000 ms; 4096 buffered bytes dropped"),
        std::string::npos)
        << err.text();
    EXPECT_NE(err.text().find(" did not exit within 1000 ms after its input was closed; killed"),
              std::string::npos)
        << err.text();
}

TEST_F(program_channel_test, spawn_failure_fails_the_delivery_with_falcos_line_and_retries) {
    // popen fails only when pipe/fork fail; Falco logs ERR "Failed to open program output:
    // <program> (error: <strerror>)" itself and skips the alert
    // (docs/spec/0.44.md#program.open_error;
    // falco@0.44.1:userspace/falco/outputs_program.cpp:29-36): a failed delivery whose line
    // the worker logs as it is, without the "program: " prefix. The same at SIGUSR1, which
    // spawns at once. EMFILE is provoked in a forked child by lowering RLIMIT_NOFILE to the
    // lowest free fd + 1; the child's exit code says which expectation failed.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizer runtimes need descriptors of their own, so the child dies in the runtime
    // before the channel can observe EMFILE (docs/RELIABILITY.md, finding 10).
    GTEST_SKIP() << "EMFILE cannot be provoked under a sanitizer runtime";
#endif
    const config cfg = make(profile_id::v0_44, false, false);
    const std::string line = "Failed to open program output: " + cfg.program_output.program +
                             " (error: Too many open files)";
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        program_channel ch(cfg);
        rlimit saved{};
        ::getrlimit(RLIMIT_NOFILE, &saved);
        const int lowest_free = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        ::close(lowest_free);
        rlimit tight = saved;
        tight.rlim_cur = static_cast<rlim_t>(lowest_free) + 1;  // room for one fd, not a pipe
        ::setrlimit(RLIMIT_NOFILE, &tight);
        const channel_outcome lost = ch.deliver(message("lost"));
        const channel_outcome reopened = ch.reopen();
        ::setrlimit(RLIMIT_NOFILE, &saved);
        if (lost.result() != channel_outcome::status::failed || lost.log_line("program") != line) {
            ::_exit(3);
        }
        if (reopened.log_line("program") != line) {
            ::_exit(4);
        }
        if (!ch.deliver(message("kept")).ok()) {
            ::_exit(5);
        }
        ch.close();
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "3: the delivery, 4: the reopen, 5: the retry";
    const auto s = starts();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(data_of(s[0].pid), "kept\n");
}

TEST_F(program_channel_test, legacy_spawn_flushes_every_stdio_stream_first) {
    // docs/spec/legacy.md#program.spawn.flush: io.popen does fflush(NULL) before popen; 0.44 does
    // not (docs/spec/0.44.md#program.spawn.flush).
    for (const profile_id id : {profile_id::legacy, profile_id::v0_44}) {
        const std::string path = dir_.file(id == profile_id::legacy ? "legacy.txt" : "v044.txt");
        FILE* f = std::fopen(path.c_str(), "w");  // fully buffered
        ASSERT_NE(f, nullptr);
        std::fputs("pending", f);
        program_channel ch(make(id, false, false));
        ch.deliver(message("x"));
        EXPECT_EQ(read_file(path), id == profile_id::legacy ? "pending" : "")
            << (id == profile_id::legacy ? "legacy" : "0.44");
        std::fclose(f);
        ch.close();
    }
}

TEST_F(program_channel_test, line_ends_at_its_first_nul) {
    // fprintf(pfile, "%s\n", msg.c_str()) (falco@0.44.1:userspace/falco/outputs_program.cpp:48).
    program_channel ch(make(profile_id::v0_44, false, false));
    ch.deliver(message(std::string("before\0after", 12)));
    ASSERT_EQ(starts().size(), 1u);
    EXPECT_EQ(data_of(starts()[0].pid), "before\n");
}

}  // namespace
}  // namespace falco_ref
