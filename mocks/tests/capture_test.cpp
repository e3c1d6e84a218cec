// SPDX-License-Identifier: Apache-2.0
// capture, the program-output target (mocks/README.md "capture"; Falco popen()s the program
// through /bin/sh and writes each alert line to its stdin: docs/spec/common.md#program.spawn).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <map>

#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"
#include "start_failure.hpp"
#include "test_dir.hpp"

namespace {

using namespace std::chrono_literals;
using mocks::capture_event;
using mocks::testing::test_dir;

// A capture child with a pipe on its stdin that the test writes to.
class capture_child {
public:
    explicit capture_child(const std::vector<std::string>& args, const std::string& log) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe");
        }
        std::vector<std::string> argv{mocks::capture_path()};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[0], STDIN_FILENO);
            ::setenv("CAPTURE_LOG", log.c_str(), 1);
            std::vector<char*> cargv;
            for (auto& a : argv) {
                cargv.push_back(a.data());
            }
            cargv.push_back(nullptr);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        ::close(fds[0]);
        stdin_ = fds[1];
    }
    ~capture_child() {
        close_stdin();
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    pid_t pid() const { return pid_; }
    void write(const std::string& data) {
        ASSERT_EQ(::write(stdin_, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    }
    void close_stdin() {
        if (stdin_ >= 0) {
            ::close(stdin_);
        }
        stdin_ = -1;
    }
    void signal(int signo) { ::kill(pid_, signo); }
    bool exited() {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) != pid_) {
            return false;
        }
        pid_ = -1;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
    }
    int wait_exit() {
        EXPECT_TRUE(mocks::wait_until([&] { return exited(); }, 5s));
        return status_;
    }

private:
    pid_t pid_ = -1;
    int stdin_ = -1;
    int status_ = -1;
};

std::vector<std::string> event_names(const std::vector<capture_event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) {
        out.push_back(e.event == "signal" ? "signal " + e.signal : e.event);
    }
    return out;
}

std::vector<capture_event> wait_events(const std::string& log, const std::string& last_event,
                                       std::size_t count = 1) {
    std::vector<capture_event> events;
    mocks::wait_until(
        [&] {
            events = mocks::read_capture_events(log);
            std::size_t seen = 0;
            for (const auto& e : events) {
                seen += (e.event == "signal" ? "signal " + e.signal : e.event) == last_event;
            }
            return seen >= count;
        },
        5s);
    return events;
}

using names = std::vector<std::string>;

// As Falco runs it: `sh -c "<program>"` with the alert lines on stdin.
TEST(capture, shell_pipeline) {
    test_dir dir;
    const std::string log = dir.file("capture.jsonl");
    const pid_t sh = ::fork();
    if (sh == 0) {
        ::setenv("CAPTURE_LOG", log.c_str(), 1);
        const std::string cmd = "printf 'a\\nb\\n' | " + mocks::capture_path() + " label";
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), nullptr);
        ::_exit(127);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(sh, &status, 0), sh);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const auto events = mocks::read_capture_events(log);
    ASSERT_GE(events.size(), 4u);
    EXPECT_EQ(events.front().event, "start");
    EXPECT_EQ(events.front().argv, (names{mocks::capture_path(), "label"}));
    EXPECT_EQ(events.front().ppid, sh);  // a child of the shell, in our process group
    EXPECT_EQ(events.front().pgid, ::getpgrp());
    EXPECT_EQ(events.front().sid, ::getsid(0));
    // printf may or may not write both lines at once: compare the bytes, then the sequence.
    std::string data;
    for (std::size_t i = 1; i + 2 < events.size(); ++i) {
        EXPECT_EQ(events[i].event, "read");
        data += events[i].data;
    }
    EXPECT_EQ(data, "a\nb\n");
    EXPECT_EQ(events[events.size() - 2].event, "eof");
    EXPECT_EQ(events.back().event, "exit");
    EXPECT_EQ(events.back().code, 0);
    for (std::size_t i = 1; i < events.size(); ++i) {
        EXPECT_EQ(events[i].pid, events[0].pid);
        EXPECT_GE(events[i].t_ns, events[i - 1].t_ns);
    }
}

TEST(capture, default_signal_actions) {
    test_dir dir;
    const std::string log = dir.file("c.jsonl");
    capture_child child({"--ready-file", dir.file("ready")}, log);
    const pid_t pid = child.pid();
    ASSERT_TRUE(
        mocks::wait_until([&] { return ::access(dir.file("ready").c_str(), F_OK) == 0; }, 5s));
    child.signal(SIGUSR1);
    wait_events(log, "signal USR1");
    child.signal(SIGUSR2);
    wait_events(log, "signal USR2");
    child.write("still reading\n");
    wait_events(log, "read");
    child.signal(SIGHUP);
    EXPECT_EQ(child.wait_exit(), 0);
    const auto events = mocks::read_capture_events(log);
    EXPECT_EQ(event_names(events),
              (names{"start", "signal USR1", "signal USR2", "read", "signal HUP", "exit"}));
    EXPECT_EQ(events[3].data, "still reading\n");
    std::ifstream ready(dir.file("ready"));
    std::string line;
    std::getline(ready, line);
    EXPECT_EQ(line, "READY pid=" + std::to_string(pid));
}

TEST(capture, configured_signal_actions_and_exit_code) {
    test_dir dir;
    const std::string log = dir.file("c.jsonl");
    capture_child child(
        {"--on-signal", "TERM=continue", "--on-signal", "SIGUSR1=exit", "--exit-code", "7"}, log);
    wait_events(log, "start");
    child.signal(SIGTERM);
    wait_events(log, "signal TERM");
    child.signal(SIGINT);  // still the default: exit
    EXPECT_EQ(child.wait_exit(), 7);
    EXPECT_EQ(event_names(mocks::read_capture_events(log)),
              (names{"start", "signal TERM", "signal INT", "exit"}));
    EXPECT_EQ(mocks::read_capture_events(log).back().code, 7);
}

TEST(capture, many_instances_share_one_log) {
    test_dir dir;
    const std::string log = dir.file("shared.jsonl");
    constexpr int instances = 8;
    std::vector<std::unique_ptr<capture_child>> children;
    std::map<long, std::string> sent;
    for (int i = 0; i < instances; ++i) {
        children.push_back(std::make_unique<capture_child>(std::vector<std::string>{}, log));
    }
    // Interleave writes so the instances append concurrently.
    for (int line = 0; line < 200; ++line) {
        for (int i = 0; i < instances; ++i) {
            const std::string text = "instance " + std::to_string(i) + " line " +
                                     std::to_string(line) + " " + std::string(100, 'x') + "\n";
            children[i]->write(text);
            sent[children[i]->pid()] += text;
        }
    }
    for (auto& c : children) {
        c->close_stdin();
    }
    for (auto& c : children) {
        EXPECT_EQ(c->wait_exit(), 0);
    }
    std::map<long, std::string> received;
    std::map<long, std::vector<std::string>> lifecycle;
    for (const auto& e : mocks::read_capture_events(log)) {  // throws on a torn record
        if (e.event == "read") {
            received[e.pid] += e.data;
        }
        if (e.event != "read") {
            lifecycle[e.pid].push_back(e.event);
        }
    }
    EXPECT_EQ(received, sent);
    ASSERT_EQ(lifecycle.size(), static_cast<std::size_t>(instances));
    for (const auto& [pid, events] : lifecycle) {
        EXPECT_EQ(events, (names{"start", "eof", "exit"})) << pid;
    }
}

TEST(capture, exit_after_reads) {
    test_dir dir;
    const std::string log = dir.file("c.jsonl");
    capture_child child({"--exit-after-reads", "2", "--exit-code", "3"}, log);
    child.write("one\n");
    wait_events(log, "read", 1);
    child.write("two\n");
    EXPECT_EQ(child.wait_exit(), 3);
    const auto events = mocks::read_capture_events(log);
    EXPECT_EQ(event_names(events), (names{"start", "read", "read", "exit"}));
    EXPECT_EQ(events[1].data, "one\n");
    EXPECT_EQ(events[2].data, "two\n");
    EXPECT_EQ(events[3].code, 3);
}

TEST(capture, stop_reading_after_stays_alive_until_a_signal) {
    test_dir dir;
    const std::string log = dir.file("c.jsonl");
    capture_child child({"--stop-reading-after", "1"}, log);
    child.write("one\n");
    wait_events(log, "read", 1);
    child.write("two\n");
    child.close_stdin();
    // Negative assertion, 300 ms window: neither the second line nor EOF is consumed.
    EXPECT_FALSE(mocks::wait_until([&] { return child.exited(); }, 300ms));
    EXPECT_EQ(event_names(mocks::read_capture_events(log)), (names{"start", "read"}));
    child.signal(SIGTERM);
    EXPECT_EQ(child.wait_exit(), 0);
    EXPECT_EQ(event_names(mocks::read_capture_events(log)),
              (names{"start", "read", "signal TERM", "exit"}));
}

TEST(capture, sleep_before_read) {
    test_dir dir;
    const std::string log = dir.file("c.jsonl");
    capture_child child({"--sleep-before-read-ms", "300"}, log);
    child.write("slow\n");
    child.close_stdin();
    EXPECT_EQ(child.wait_exit(), 0);
    const auto events = mocks::read_capture_events(log);
    ASSERT_EQ(event_names(events), (names{"start", "read", "eof", "exit"}));
    EXPECT_GE(events[1].t_ns - events[0].t_ns, 300'000'000u);
}

TEST(capture, bad_arguments_exit2_naming_the_argument) {
    // capture prints nothing on stdout, so mock_process::start reports its exit and stderr.
    const auto fails = [](std::vector<std::string> argv, const std::string& message) {
        argv.insert(argv.begin(), mocks::capture_path());
        mocks::testing::expect_start_failure(argv, message);
    };
    fails({"--log", "/tmp/x", "--exit-after-reads", "0"},
          "invalid value for --exit-after-reads: '0'");
    fails({"--log", "/tmp/x", "--on-signal", "KILL=exit"}, "invalid value for --on-signal");
    fails({"--log", "/tmp/x", "--on-signal", "USR1=maybe"}, "invalid value for --on-signal");
    fails({"--bogus"}, "unknown argument: --bogus");
}

}  // namespace
