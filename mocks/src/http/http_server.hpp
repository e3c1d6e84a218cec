// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "http_connection.hpp"
#include "mocks/signal_pipe.hpp"
#include "tls_context.hpp"

namespace mocks {

// Listeners on 127.0.0.1 (HTTP and/or HTTPS), one thread per accepted connection, every
// connection recorded as {"event":"connection"} so connection reuse can be asserted.
class http_server {
public:
    // `tls` may be null when there is no HTTPS listener.
    http_server(bool http, bool https, const tls_context* tls, http_shared& shared);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    std::string ready_details() const;  // "http=PORT https=PORT", enabled listeners only
    // Accepts until SIGTERM or SIGINT, then ends every connection (hanging and held ones too)
    // and returns; SIGUSR1 sets `released`, and held requests are answered.
    void run(signal_pipe& signals, stop_flag& stopping, stop_flag& released);

private:
    struct worker {
        int fd;
        std::thread thread;
        bool done = false;
    };

    void accept_one(int listen_fd, bool tls);
    void reap_finished();

    const tls_context* tls_;
    http_shared& shared_;
    int http_fd_ = -1, https_fd_ = -1;
    int http_port_ = 0, https_port_ = 0;
    std::uint64_t connections_ = 0;
    std::mutex mutex_;  // guards workers_ (the `done` flags are set by the workers)
    std::list<worker> workers_;
};

}  // namespace mocks
