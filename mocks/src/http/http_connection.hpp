// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fault_schedule.hpp"
#include "mocks/record_log.hpp"
#include "stop_flag.hpp"

namespace mocks {

// What every connection shares with the server.
struct http_shared {
    const record_log& log;
    const fault_schedule& faults;
    const std::string& response_body;
    const stop_flag& stopping;
    const stop_flag& released;  // set by SIGUSR1, and when stopping: held requests go on
    std::atomic<std::uint64_t> requests{0};  // request index = arrival order, 1-based
};

// One accepted connection: TLS handshake when `tls` is set, then HTTP/1.1 requests in a loop
// (keep-alive), each recorded and answered as the fault schedule says. Runs on its own thread.
class http_connection {
public:
    http_connection(http_shared& shared, int fd, std::uint64_t conn_id, SSL_CTX* tls);
    ~http_connection();
    http_connection(const http_connection&) = delete;
    http_connection& operator=(const http_connection&) = delete;

    void serve();

private:
    struct request {
        std::string method, target, version;
        std::vector<std::pair<std::string, std::string>> headers;
        std::string body;
        const std::string* header(const std::string& name) const;
    };

    bool handshake();
    bool read_request(request& req);
    bool read_head(std::string& head);
    bool read_body(request& req);
    bool read_exact(std::size_t n, std::string& out);
    bool read_line(std::string& line);
    bool fill();  // reads more bytes into buffer_; false on EOF or error
    bool write_all(const std::string& data);
    bool keep_alive(const request& req) const;
    void record(const request& req, std::uint64_t index, const fault& f, int status);
    void record_event(const char* event, const std::string& error);

    http_shared& shared_;
    int fd_;
    std::uint64_t conn_id_;
    SSL* ssl_ = nullptr;
    std::string buffer_;
};

}  // namespace mocks
