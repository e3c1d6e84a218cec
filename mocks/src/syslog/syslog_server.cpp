// SPDX-License-Identifier: Apache-2.0
#include "syslog_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "mocks/arg_parser.hpp"
#include "mocks/json_line.hpp"

namespace mocks {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

void grow_receive_buffer(int fd) {
    // Room for a burst of large datagrams; FORCE (root) may exceed rmem_max, else best effort.
    const int size = 8 << 20;
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
}

int bound_port(int fd) {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    return ntohs(addr.sin_port);
}

int loopback_socket(int type) {
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fail("socket");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        fail("bind 127.0.0.1");
    }
    return fd;
}

}  // namespace

syslog_server::syslog_server(const options& opts, const record_log& log)
    : log_(log), unix_path_(opts.unix_path), buffer_(opts.max_datagram) {
    if (unix_path_) {
        struct stat st {};
        if (::lstat(unix_path_->c_str(), &st) == 0) {
            // A stale socket from an earlier run is replaced; anything else is not ours.
            if (!S_ISSOCK(st.st_mode)) {
                throw usage_error("--unix " + *unix_path_ + ": exists and is not a socket");
            }
            ::unlink(unix_path_->c_str());
        }
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (unix_path_->size() >= sizeof addr.sun_path) {
            throw usage_error("--unix " + *unix_path_ + ": path too long for a Unix socket");
        }
        std::strcpy(addr.sun_path, unix_path_->c_str());
        unix_fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (unix_fd_ < 0) {
            fail("socket");
        }
        if (::bind(unix_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            fail("bind " + *unix_path_);
        }
        // Like /dev/log: any local user may log.
        ::chmod(unix_path_->c_str(), 0666);
        grow_receive_buffer(unix_fd_);
    }
    if (opts.udp) {
        udp_fd_ = loopback_socket(SOCK_DGRAM);
        grow_receive_buffer(udp_fd_);
        udp_port_ = bound_port(udp_fd_);
    }
    if (opts.tcp) {
        tcp_fd_ = loopback_socket(SOCK_STREAM);
        if (::listen(tcp_fd_, 64) != 0) {
            fail("listen");
        }
        tcp_port_ = bound_port(tcp_fd_);
    }
}

syslog_server::~syslog_server() {
    for (const auto& [fd, framer] : tcp_conns_) {
        ::close(fd);
    }
    for (int fd : {unix_fd_, udp_fd_, tcp_fd_}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    if (unix_path_) {
        ::unlink(unix_path_->c_str());
    }
}

std::string syslog_server::ready_details() const {
    std::string out;
    const auto add = [&](const std::string& item) { out += (out.empty() ? "" : " ") + item; };
    if (unix_path_) {
        add("unix=" + *unix_path_);
    }
    if (udp_fd_ >= 0) {
        add("udp=" + std::to_string(udp_port_));
    }
    if (tcp_fd_ >= 0) {
        add("tcp=" + std::to_string(tcp_port_));
    }
    return out;
}

void syslog_server::run(signal_pipe& signals) {
    for (;;) {
        std::vector<pollfd> fds{{signals.fd(), POLLIN, 0}};
        for (int fd : {unix_fd_, udp_fd_, tcp_fd_}) {
            if (fd >= 0) {
                fds.push_back({fd, POLLIN, 0});
            }
        }
        for (const auto& [fd, framer] : tcp_conns_) {
            fds.push_back({fd, POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("poll");
        }
        if (fds[0].revents != 0 && !signals.take().empty()) {
            break;  // only TERM/INT installed
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].revents == 0) {
                continue;
            }
            const int fd = fds[i].fd;
            if (fd == unix_fd_) {
                receive_datagrams(fd, "unix", false);
            } else if (fd == udp_fd_) {
                receive_datagrams(fd, "udp", false);
            } else if (fd == tcp_fd_) {
                accept_tcp();
            } else if (!read_tcp(fd)) {
                ::close(fd);
                tcp_conns_.erase(fd);
            }
        }
    }
    // What was sent before the stop signal is still recorded.
    if (unix_fd_ >= 0) {
        receive_datagrams(unix_fd_, "unix", true);
    }
    if (udp_fd_ >= 0) {
        receive_datagrams(udp_fd_, "udp", true);
    }
}

void syslog_server::receive_datagrams(int fd, const char* transport, bool drain) {
    do {
        // MSG_TRUNC makes recv return the datagram's real length, so truncation is seen.
        const ssize_t n = ::recv(fd, buffer_.data(), buffer_.size(), MSG_DONTWAIT | MSG_TRUNC);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;  // EAGAIN: nothing (more) queued
        }
        const auto len = static_cast<std::size_t>(n);
        if (len > buffer_.size()) {
            const std::string raw(buffer_.data(), buffer_.size());
            record(transport, raw,
                   syslog_message::malformed("datagram truncated: " + std::to_string(len) +
                                             " bytes sent, " + std::to_string(buffer_.size()) +
                                             " received"));
        } else {
            const std::string raw(buffer_.data(), len);
            record(transport, raw, syslog_message::parse(raw));
        }
    } while (drain);
}

void syslog_server::accept_tcp() {
    const int fd = ::accept4(tcp_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
        tcp_conns_.emplace(fd, tcp_framer{});
    }
}

bool syslog_server::read_tcp(int fd) {
    const ssize_t n = ::recv(fd, buffer_.data(), buffer_.size(), 0);
    if (n < 0 && errno == EINTR) {
        return true;
    }
    auto& framer = tcp_conns_.at(fd);
    const bool open = n > 0;
    const auto frames =
        open ? framer.feed(std::string_view(buffer_.data(), static_cast<std::size_t>(n)))
             : framer.finish();
    for (const auto& f : frames) {
        record(
            "tcp", f.bytes,
            f.error.empty() ? syslog_message::parse(f.bytes) : syslog_message::malformed(f.error));
    }
    return open;
}

void syslog_server::record(const char* transport, const std::string& raw, const syslog_message& m) {
    json_line line;
    line.number("seq", static_cast<std::int64_t>(++seq_))
        .text("transport", transport)
        .text("format", m.format)
        .optional_number("pri", m.pri)
        .optional_number("facility", m.pri ? std::optional<std::int64_t>(*m.pri / 8) : std::nullopt)
        .optional_number("severity", m.pri ? std::optional<std::int64_t>(*m.pri % 8) : std::nullopt)
        .optional_bytes("timestamp", m.timestamp)
        .optional_bytes("host", m.host)
        .optional_bytes("ident", m.ident)
        .optional_number("pid", m.pid);
    if (m.format == "rfc5424") {
        line.optional_bytes("msgid", m.msgid).optional_bytes("structured_data", m.structured_data);
    }
    line.bytes("msg", m.msg).bytes("raw", raw);
    if (!m.error.empty()) {
        line.text("error", m.error);
    }
    log_.append(line.finish());
}

}  // namespace mocks
