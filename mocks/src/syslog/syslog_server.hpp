// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mocks/record_log.hpp"
#include "mocks/signal_pipe.hpp"
#include "syslog_message.hpp"
#include "tcp_framer.hpp"

namespace mocks {

// The mock syslog daemon: binds its sockets in the constructor, then run() records every
// message until SIGTERM/SIGINT. Single-threaded: one poll loop over all sockets.
class syslog_server {
public:
    struct options {
        std::optional<std::string> unix_path;
        bool udp = false;
        bool tcp = false;
        // Receive buffer per datagram; anything longer is recorded as truncated. The default
        // exceeds what the kernel lets a local sender put in one datagram (SO_SNDBUF and the
        // skb's linear part), so only a test lowering it sees truncation.
        std::size_t max_datagram = 4 << 20;
    };

    syslog_server(const options& opts, const record_log& log);
    ~syslog_server();
    syslog_server(const syslog_server&) = delete;
    syslog_server& operator=(const syslog_server&) = delete;

    // "unix=PATH udp=PORT tcp=PORT", listing the transports enabled.
    std::string ready_details() const;
    void run(signal_pipe& signals);

private:
    void receive_datagrams(int fd, const char* transport, bool drain);
    void accept_tcp();
    bool read_tcp(int fd);  // false once the peer closed
    void record(const char* transport, const std::string& raw, const syslog_message& m);

    const record_log& log_;
    std::optional<std::string> unix_path_;
    int unix_fd_ = -1, udp_fd_ = -1, tcp_fd_ = -1;
    int udp_port_ = 0, tcp_port_ = 0;
    std::map<int, tcp_framer> tcp_conns_;
    std::vector<char> buffer_;
    std::uint64_t seq_ = 0;
};

}  // namespace mocks
