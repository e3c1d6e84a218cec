// SPDX-License-Identifier: Apache-2.0
#include "http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "mocks/json_line.hpp"

namespace mocks {
namespace {

int listen_loopback(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd, 128) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error(std::string("bind/listen 127.0.0.1: ") + std::strerror(errno));
    }
    port = ntohs(addr.sin_port);
    return fd;
}

}  // namespace

http_server::http_server(bool http, bool https, const tls_context* tls, http_shared& shared)
    : tls_(tls), shared_(shared) {
    if (http) {
        http_fd_ = listen_loopback(http_port_);
    }
    if (https) {
        https_fd_ = listen_loopback(https_port_);
    }
}

http_server::~http_server() {
    for (int fd : {http_fd_, https_fd_}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

std::string http_server::ready_details() const {
    std::string out;
    if (http_fd_ >= 0) {
        out += "http=" + std::to_string(http_port_);
    }
    if (https_fd_ >= 0) {
        out += (out.empty() ? "" : " ") + ("https=" + std::to_string(https_port_));
    }
    return out;
}

void http_server::run(signal_pipe& signals, stop_flag& stopping, stop_flag& released) {
    for (;;) {
        std::vector<pollfd> fds{{signals.fd(), POLLIN, 0}};
        if (http_fd_ >= 0) {
            fds.push_back({http_fd_, POLLIN, 0});
        }
        if (https_fd_ >= 0) {
            fds.push_back({https_fd_, POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        }
        if (fds[0].revents != 0) {
            bool stop = false;
            for (const int sig : signals.take()) {
                if (sig == SIGUSR1) {
                    released.set();
                } else {
                    stop = true;
                }
            }
            if (stop) {
                break;
            }
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].revents != 0) {
                accept_one(fds[i].fd, fds[i].fd == https_fd_);
            }
        }
    }
    stopping.set();
    released.set();  // a held request sees `stopping` and ends
    {
        // Wakes every worker blocked in a read (idle keep-alive, TLS handshake).
        std::lock_guard lock(mutex_);
        for (auto& w : workers_) {
            ::shutdown(w.fd, SHUT_RDWR);
        }
    }
    for (auto& w : workers_) {
        w.thread.join();
    }
    for (auto& w : workers_) {
        ::close(w.fd);
    }
    workers_.clear();
}

void http_server::accept_one(int listen_fd, bool tls) {
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
    if (fd < 0) {
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::uint64_t conn_id = ++connections_;
    json_line j;
    j.text("event", "connection")
        .number("conn_id", static_cast<std::int64_t>(conn_id))
        .boolean("tls", tls)
        .number("remote_port", ntohs(peer.sin_port));
    shared_.log.append(j.finish());

    reap_finished();
    std::lock_guard lock(mutex_);
    auto& w = workers_.emplace_back(worker{fd, {}, false});
    SSL_CTX* ctx = tls ? tls_->get() : nullptr;
    w.thread = std::thread([this, &w, fd, conn_id, ctx] {
        {
            http_connection conn(shared_, fd, conn_id, ctx);
            conn.serve();
        }
        // Half-close both ways now so the client sees the end (close and errors alike); the
        // descriptor itself is closed when the thread is reaped, never reused under us.
        ::shutdown(fd, SHUT_RDWR);
        std::lock_guard done_lock(mutex_);
        w.done = true;
    });
}

// Joins connections that ended, so a long run with a connection per request does not
// accumulate threads.
void http_server::reap_finished() {
    std::list<worker> finished;
    {
        std::lock_guard lock(mutex_);
        for (auto it = workers_.begin(); it != workers_.end();) {
            auto next = std::next(it);
            if (it->done) {
                finished.splice(finished.end(), workers_, it);
            }
            it = next;
        }
    }
    for (auto& w : finished) {
        w.thread.join();
        ::close(w.fd);
    }
}

}  // namespace mocks
