// SPDX-License-Identifier: Apache-2.0
// mock-syslog against real clients: glibc syslog(3) through a private /dev/log, raw datagrams,
// UDP and TCP (mocks/README.md; what Falco calls: docs/spec/common.md#syslog.call,
// conformance/PROTOCOL.md#5-syslog).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>

#include "mocks/dev_log_namespace.hpp"
#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"
#include "start_failure.hpp"
#include "test_dir.hpp"

namespace {

using namespace std::chrono_literals;
using mocks::syslog_record;
using mocks::testing::expect_start_failure;
using mocks::testing::test_dir;

class mock_syslog : public ::testing::Test {
protected:
    void SetUp() override {
        mock_ = std::make_unique<mocks::mock_process>(
            mocks::mock_process::start({mocks::mock_syslog_path(), "--unix", socket_path(), "--udp",
                                        "--tcp", "--out", records_path()}));
    }
    std::string socket_path() const { return dir_.file("log"); }
    std::string records_path() const { return dir_.file("syslog.jsonl"); }

    std::vector<syslog_record> wait_records(std::size_t n) {
        std::vector<syslog_record> out;
        mocks::wait_until(
            [&] {
                out = mocks::read_syslog_records(records_path());
                return out.size() >= n;
            },
            5s);
        return out;
    }

    void send_unix(const std::string& datagram) {
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strcpy(addr.sun_path, socket_path().c_str());
        const ssize_t n = ::sendto(fd, datagram.data(), datagram.size(), 0,
                                   reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ASSERT_EQ(n, static_cast<ssize_t>(datagram.size())) << std::strerror(errno);
        ::close(fd);
    }

    sockaddr_in loopback(const char* key) const {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(std::stoi(*mock_->ready_value(key))));
        return addr;
    }

    test_dir dir_;
    std::unique_ptr<mocks::mock_process> mock_;
};

syslog_record rfc3164(std::uint64_t seq, const std::string& transport, int pri,
                      const std::string& timestamp, std::optional<std::string> host,
                      const std::string& ident, std::optional<long> pid, const std::string& msg,
                      const std::string& raw) {
    syslog_record r;
    r.seq = seq;
    r.transport = transport;
    r.format = "rfc3164";
    r.pri = pri;
    r.facility = pri / 8;
    r.severity = pri % 8;
    r.timestamp = timestamp;
    r.host = std::move(host);
    r.ident = ident;
    r.pid = pid;
    r.msg = msg;
    r.raw = raw;
    return r;
}

syslog_record malformed(std::uint64_t seq, const std::string& transport, const std::string& raw,
                        const std::string& error) {
    syslog_record r;
    r.seq = seq;
    r.transport = transport;
    r.format = "malformed";
    r.raw = raw;
    r.error = error;
    return r;
}

void expect_record(const syslog_record& got, const syslog_record& want) {
    EXPECT_EQ(got.seq, want.seq);
    EXPECT_EQ(got.transport, want.transport);
    EXPECT_EQ(got.format, want.format);
    EXPECT_EQ(got.pri, want.pri);
    EXPECT_EQ(got.facility, want.facility);
    EXPECT_EQ(got.severity, want.severity);
    EXPECT_EQ(got.timestamp, want.timestamp);
    EXPECT_EQ(got.host, want.host);
    EXPECT_EQ(got.ident, want.ident);
    EXPECT_EQ(got.pid, want.pid);
    EXPECT_EQ(got.msgid, want.msgid);
    EXPECT_EQ(got.structured_data, want.structured_data);
    EXPECT_EQ(got.msg, want.msg);
    EXPECT_EQ(got.raw, want.raw);
    EXPECT_EQ(got.error, want.error);
}

// glibc formats the header time as "%h %e %T" in local time (misc/syslog.c).
std::set<std::string> bsd_times(std::time_t from, std::time_t to) {
    std::set<std::string> out;
    for (std::time_t t = from; t <= to; ++t) {
        std::tm tm{};
        ::localtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%h %e %T", &tm);
        out.insert(buf);
    }
    return out;
}

// Falco calls syslog(priority, "%s", msg) without openlog: ident = program short name, facility
// LOG_USER, no PID (docs/spec/common.md#syslog.call); on /dev/log glibc sends no host
// (`<12>Nov 27 05:52:04 falco: msg`).
TEST_F(mock_syslog, glibc_syslog_through_private_dev_log) {
    if (const auto why = mocks::private_dev_log_unavailable()) {
        GTEST_SKIP() << *why;
    }
    struct stat st {};
    const bool host_dev_log_existed = ::lstat("/dev/log", &st) == 0;
    const std::time_t before = std::time(nullptr);
    const pid_t child = mocks::fork_with_private_dev_log(socket_path(), [] {
        ::syslog(LOG_WARNING, "%s", "hello {\"json\":true}");
        ::closelog();
        // With LOG_PID glibc writes ident[pid].
        ::openlog("falco", LOG_PID, LOG_DAEMON);
        ::syslog(LOG_CRIT, "%s", "with pid");
        ::closelog();
        return 0;
    });
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    const std::time_t after = std::time(nullptr);

    const auto records = wait_records(2);
    ASSERT_EQ(records.size(), 2u);
    const auto times = bsd_times(before, after);
    ASSERT_TRUE(records[0].timestamp && times.count(*records[0].timestamp))
        << records[0].timestamp.value_or("(none)");
    ASSERT_TRUE(records[1].timestamp && times.count(*records[1].timestamp));
    const std::string t0 = *records[0].timestamp, t1 = *records[1].timestamp;
    expect_record(records[0], rfc3164(1, "unix", 12, t0, std::nullopt, "mocks_tests", std::nullopt,
                                      "hello {\"json\":true}",
                                      "<12>" + t0 + " mocks_tests: hello {\"json\":true}"));
    // LOG_DAEMON (3) * 8 + LOG_CRIT (2) = 26.
    expect_record(records[1],
                  rfc3164(2, "unix", 26, t1, std::nullopt, "falco", child, "with pid",
                          "<26>" + t1 + " falco[" + std::to_string(child) + "]: with pid"));
    // The namespace stayed private: the host's /dev is untouched.
    EXPECT_EQ(::lstat("/dev/log", &st) == 0, host_dev_log_existed);
}

TEST_F(mock_syslog, rfc5424_and_malformed_datagrams_are_recorded) {
    const std::string r5424 =
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
        "[exampleSDID@32473 iut=\"3\" eventSource=\"Appl\\]ication\"] An application event";
    send_unix(r5424);
    send_unix("<34>1 - - - - - -");
    send_unix("no pri at all");
    send_unix("<192>Nov 27 05:52:04 falco: x");
    send_unix("<12>Nov 27 05:52 falco: x");
    send_unix("<12>Nov 27 05:52:04 falco no colon");
    send_unix(std::string("<12>Nov 27 05:52:04 falco: ") + "\xff\xfe");
    send_unix("");
    const auto records = wait_records(8);
    ASSERT_EQ(records.size(), 8u);

    syslog_record a;  // RFC 5424 section 6.5, example 3
    a.seq = 1;
    a.transport = "unix";
    a.format = "rfc5424";
    a.pri = 165;
    a.facility = 20;
    a.severity = 5;
    a.timestamp = "2003-10-11T22:14:15.003Z";
    a.host = "mymachine.example.com";
    a.ident = "evntslog";
    a.msgid = "ID47";
    a.structured_data = "[exampleSDID@32473 iut=\"3\" eventSource=\"Appl\\]ication\"]";
    a.msg = "An application event";
    a.raw = r5424;
    expect_record(records[0], a);

    syslog_record b;  // every field nil, no MSG
    b.seq = 2;
    b.transport = "unix";
    b.format = "rfc5424";
    b.pri = 34;
    b.facility = 4;
    b.severity = 2;
    b.raw = "<34>1 - - - - - -";
    expect_record(records[1], b);

    expect_record(records[2], malformed(3, "unix", "no pri at all", "missing <PRI>"));
    expect_record(records[3], malformed(4, "unix", "<192>Nov 27 05:52:04 falco: x",
                                        "PRI out of range (0..191)"));
    expect_record(records[4], malformed(5, "unix", "<12>Nov 27 05:52 falco: x",
                                        "bad RFC 3164 timestamp (expected 'Mmm dd hh:mm:ss ')"));
    expect_record(records[5], malformed(6, "unix", "<12>Nov 27 05:52:04 falco no colon",
                                        "no ':' after the tag"));
    // Invalid UTF-8 survives byte for byte (stored as msg_base64/raw_base64).
    expect_record(records[6],
                  rfc3164(7, "unix", 12, "Nov 27 05:52:04", std::nullopt, "falco", std::nullopt,
                          "\xff\xfe", std::string("<12>Nov 27 05:52:04 falco: ") + "\xff\xfe"));
    expect_record(records[7], malformed(8, "unix", "", "missing <PRI>"));
}

TEST_F(mock_syslog, large_datagram_is_received_whole) {
    // Well above 64 KiB, below the sender's default SO_SNDBUF (~208 KiB).
    const std::string msg(150 * 1024, 'x');
    const std::string raw = "<12>Nov 27 05:52:04 falco: " + msg;
    send_unix(raw);
    const auto records = wait_records(1);
    ASSERT_EQ(records.size(), 1u);
    expect_record(records[0], rfc3164(1, "unix", 12, "Nov 27 05:52:04", std::nullopt, "falco",
                                      std::nullopt, msg, raw));
}

// A datagram is never truncated silently (MSG_TRUNC): with the receive buffer lowered to
// 64 KiB, a 100 KiB datagram is recorded as an error with the part that was received.
TEST(mock_syslog_cli, truncated_datagram_is_recorded_as_an_error) {
    test_dir dir;
    auto mock = mocks::mock_process::start({mocks::mock_syslog_path(), "--unix", dir.file("log"),
                                            "--max-datagram", "65536", "--out", dir.file("r")});
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, dir.file("log").c_str());
    const std::string raw = "<12>Nov 27 05:52:04 falco: " + std::string(100 * 1024, 'y');
    ASSERT_EQ(
        ::sendto(fd, raw.data(), raw.size(), 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr),
        static_cast<ssize_t>(raw.size()));
    ::close(fd);
    std::vector<syslog_record> records;
    mocks::wait_until(
        [&] { return (records = mocks::read_syslog_records(dir.file("r"))).size() >= 1; }, 5s);
    ASSERT_EQ(records.size(), 1u);
    expect_record(records[0], malformed(1, "unix", raw.substr(0, 65536),
                                        "datagram truncated: 102427 bytes sent, 65536 received"));
}

TEST_F(mock_syslog, udp_with_host) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    const sockaddr_in addr = loopback("udp");
    const std::string raw = "<13>Nov  7 01:02:03 myhost falco: over udp";
    ASSERT_EQ(::sendto(fd, raw.data(), raw.size(), 0, reinterpret_cast<const sockaddr*>(&addr),
                       sizeof addr),
              static_cast<ssize_t>(raw.size()));
    ::close(fd);
    const auto records = wait_records(1);
    ASSERT_EQ(records.size(), 1u);
    expect_record(records[0], rfc3164(1, "udp", 13, "Nov  7 01:02:03", "myhost", "falco",
                                      std::nullopt, "over udp", raw));
}

// RFC 6587: octet counting (3.4.1) and newline framing (3.4.2) on one connection; a last
// unterminated frame still counts when the peer closes.
TEST_F(mock_syslog, tcp_octet_counting_and_newline_framing) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in addr = loopback("tcp");
    ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0);
    const std::string stream =
        "30 <13>Nov 27 05:52:04 a: one\ntwo"  // the counted frame contains a newline
        "<13>Nov 27 05:52:04 b: three\n"
        "<13>Nov 27 05:52:04 c: four";
    ASSERT_EQ(::send(fd, stream.data(), stream.size(), 0), static_cast<ssize_t>(stream.size()));
    ::close(fd);
    const auto records = wait_records(3);
    ASSERT_EQ(records.size(), 3u);
    expect_record(records[0], rfc3164(1, "tcp", 13, "Nov 27 05:52:04", std::nullopt, "a",
                                      std::nullopt, "one\ntwo", "<13>Nov 27 05:52:04 a: one\ntwo"));
    expect_record(records[1], rfc3164(2, "tcp", 13, "Nov 27 05:52:04", std::nullopt, "b",
                                      std::nullopt, "three", "<13>Nov 27 05:52:04 b: three"));
    expect_record(records[2], rfc3164(3, "tcp", 13, "Nov 27 05:52:04", std::nullopt, "c",
                                      std::nullopt, "four", "<13>Nov 27 05:52:04 c: four"));
}

TEST_F(mock_syslog, tcp_unfinished_octet_counted_frame_is_an_error) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in addr = loopback("tcp");
    ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::send(fd, "99 <13>short", 12, 0), 12);
    ::close(fd);
    const auto records = wait_records(1);
    ASSERT_EQ(records.size(), 1u);
    expect_record(records[0], malformed(1, "tcp", "99 <13>short",
                                        "connection closed inside an octet-counted frame"));
}

TEST_F(mock_syslog, stops_on_sigterm_and_removes_its_socket) {
    send_unix("<12>Nov 27 05:52:04 falco: last");
    EXPECT_EQ(mock_->stop(), 0);
    // Sent before SIGTERM, so recorded (the mock drains its queue before exiting).
    EXPECT_EQ(mocks::read_syslog_records(records_path()).size(), 1u);
    struct stat st {};
    EXPECT_NE(::lstat(socket_path().c_str(), &st), 0);
}

TEST(mock_syslog_cli, ready_file_and_stale_socket) {
    test_dir dir;
    // A stale socket left by a killed daemon is replaced.
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, dir.file("log").c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(fd);
    auto mock =
        mocks::mock_process::start({mocks::mock_syslog_path(), "--unix", dir.file("log"), "--out",
                                    dir.file("r"), "--ready-file", dir.file("ready")});
    EXPECT_EQ(mock.ready(), "unix=" + dir.file("log"));
    std::ifstream in(dir.file("ready"));
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "READY unix=" + dir.file("log") + "\n");
}

TEST(mock_syslog_cli, refuses_a_path_that_is_not_a_socket) {
    test_dir dir;
    std::ofstream(dir.file("log")) << "precious";
    expect_start_failure(
        {mocks::mock_syslog_path(), "--unix", dir.file("log"), "--out", dir.file("r")},
        "mock-syslog: --unix " + dir.file("log") + ": exists and is not a socket");
    std::ifstream in(dir.file("log"));
    std::string content;
    in >> content;
    EXPECT_EQ(content, "precious");
}

TEST(mock_syslog_cli, bad_arguments_exit2_naming_the_argument) {
    test_dir dir;
    expect_start_failure({mocks::mock_syslog_path(), "--udp", "--bogus"},
                         "unknown argument: --bogus");
    expect_start_failure({mocks::mock_syslog_path(), "--udp"}, "missing required argument --out");
    expect_start_failure({mocks::mock_syslog_path(), "--out", dir.file("r")}, "no transport");
}

}  // namespace
