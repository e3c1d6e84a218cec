// SPDX-License-Identifier: Apache-2.0
#include "micro_environment.hpp"

#include <httplib.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "mocks/dev_log_namespace.hpp"

namespace falco_bench {
namespace {

struct state {
    std::string scratch;
    std::optional<std::string> syslog_unavailable = "not initialised";
    int syslog_fd = -1;
    std::atomic<std::uint64_t> datagrams{0};
    std::thread syslog_thread;

    std::unique_ptr<httplib::Server> http;
    std::thread http_thread;
    int http_port = 0;
    std::atomic<std::uint64_t> requests{0};
};

state& st() {
    static state s;
    return s;
}

// A plain datagram receiver: what a syslog daemon does at minimum (read each datagram).
void receive_datagrams(int fd) {
    char buf[65536];
    for (;;) {
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;  // shutdown() closed the socket
        }
        if (n == 0) {
            return;
        }
        st().datagrams.fetch_add(1, std::memory_order_relaxed);
    }
}

}  // namespace

void micro_environment::init() {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/bench-micro-XXXXXX";
    if (!::mkdtemp(templ.data())) {
        throw std::runtime_error("mkdtemp failed");
    }
    st().scratch = templ;

    st().syslog_unavailable = mocks::private_dev_log_unavailable();
    if (st().syslog_unavailable) {
        return;
    }
    std::string path = st().scratch + "/log.sock";
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        st().syslog_unavailable = std::string("bind ") + path + ": " + std::strerror(errno);
        return;
    }
    try {
        // The whole bench_micro process moves into the namespace: only its syslog(3) calls
        // see the new /dev/log; /dev/null and the rest are carried over.
        mocks::enter_private_dev_log(path);
    } catch (const std::exception& e) {
        st().syslog_unavailable = e.what();
        ::close(fd);
        return;
    }
    st().syslog_fd = fd;
    st().syslog_thread = std::thread(receive_datagrams, fd);
}

void micro_environment::shutdown() {
    if (st().syslog_fd >= 0) {
        ::shutdown(st().syslog_fd, SHUT_RDWR);
        // shutdown() wakes the blocked recv, which then returns an error and ends the thread.
        st().syslog_thread.join();
        ::close(st().syslog_fd);
    }
    if (st().http) {
        st().http->stop();
        st().http_thread.join();
    }
    std::filesystem::remove_all(st().scratch);
}

const std::string& micro_environment::scratch_dir() {
    return st().scratch;
}

const std::optional<std::string>& micro_environment::syslog_unavailable() {
    return st().syslog_unavailable;
}

std::uint64_t micro_environment::syslog_datagrams() {
    return st().datagrams.load();
}

std::string micro_environment::http_url() {
    state& s = st();
    if (!s.http) {
        s.http = std::make_unique<httplib::Server>();
        // cpp-httplib closes a keep-alive connection after 5 requests by default; a server
        // that keeps it open is what "connection reuse" needs to measure.
        s.http->set_keep_alive_max_count(1000000000);
        s.http->set_keep_alive_timeout(60);
        s.http->Post("/", [](const httplib::Request&, httplib::Response& res) {
            st().requests.fetch_add(1, std::memory_order_relaxed);
            res.status = 200;
        });
        s.http_port = s.http->bind_to_any_port("127.0.0.1");
        if (s.http_port <= 0) {
            throw std::runtime_error("HTTP server: cannot bind 127.0.0.1");
        }
        s.http_thread = std::thread([&s] { s.http->listen_after_bind(); });
    }
    return "http://127.0.0.1:" + std::to_string(s.http_port) + "/";
}

std::uint64_t micro_environment::http_requests() {
    return st().requests.load();
}

}  // namespace falco_bench
