// SPDX-License-Identifier: Apache-2.0
#include "run/mock_fleet.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include "run/child_registry.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

// A loopback TCP port where a connection is refused for as long as the returned socket is
// open: bound (so nobody else gets the port during the case) but never listening, so the
// kernel answers a SYN with RST. Safer than a fixed port such as 1, which something may serve.
int bind_refusing_port(std::string& port) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const std::string why = std::strerror(errno);
        if (fd >= 0) {
            close(fd);
        }
        throw std::runtime_error("cannot bind a loopback port for {{closed_port_url}}: " + why);
    }
    port = std::to_string(ntohs(addr.sin_port));
    return fd;
}

}  // namespace

mock_fleet::mock_fleet(const golden_case& c, const fs::path& work)
    : work_(work), harness_dir_(work / ".harness") {
    try {
        start(c);
    } catch (...) {
        stop();  // the ones already running, and out of the interrupt registry
        throw;
    }
}

void mock_fleet::start(const golden_case& c) {
    fs::create_directories(harness_dir_);
    values_["work"] = work_.string();
    values_["capture"] = mocks::capture_path();
    std::string port;
    refusing_fd_ = bind_refusing_port(port);
    values_["closed_port_url"] = "http://127.0.0.1:" + port + "/";
    if (c.syslog_mock) {
        const auto socket = (work_ / "syslog.sock").string();
        try {
            syslog_ = mocks::mock_process::start(
                {mocks::mock_syslog_path(), "--unix", socket, "--out", syslog_log().string()});
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string("mock-syslog did not start: ") + e.what());
        }
        child_registry::instance().add_process(syslog_->pid());
        values_["syslog_socket"] = socket;
    }
    if (c.http_mock) {
        const auto tls_dir = harness_dir_ / "tls";
        fs::create_directories(tls_dir);
        std::vector<std::string> argv{mocks::mock_http_path(), "--http", "--cert-dir",
                                      tls_dir.string(),        "--out",  http_log().string()};
        const bool tls = c.http_mock->tls != "false";
        if (tls) {
            argv.insert(argv.end(), {"--https", "--tls-mode",
                                     c.http_mock->tls == "true" ? "trusted" : c.http_mock->tls});
        }
        if (c.http_mock->response_body) {
            argv.insert(argv.end(), {"--response-body", *c.http_mock->response_body});
        }
        for (const auto& fault : c.http_mock->faults) {
            argv.insert(argv.end(), {"--fault", fault});
        }
        try {
            http_ = mocks::mock_process::start(argv);
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string("mock-http did not start: ") + e.what());
        }
        child_registry::instance().add_process(http_->pid());
        const auto port = [&](const char* key) {
            const auto value = http_->ready_value(key);
            if (!value) {
                throw std::runtime_error(std::string("mock-http READY line lacks ") + key + ": " +
                                         http_->ready());
            }
            return *value;
        };
        values_["http_url"] = "http://127.0.0.1:" + port("http") + "/";
        values_["tls_dir"] = tls_dir.string();
        if (tls) {
            values_["https_url"] = "https://127.0.0.1:" + port("https") + "/";
            values_["https_localhost_url"] = "https://localhost:" + port("https") + "/";
        }
    }
}

std::string mock_fleet::dev_log_target() const {
    const auto it = values_.find("syslog_socket");
    return it != values_.end() ? it->second : (harness_dir_ / "no-syslog.sock").string();
}

std::vector<std::string> mock_fleet::notes() const {
    const auto value = [&](const char* key) {
        const auto it = values_.find(key);
        return it == values_.end() ? std::string() : it->second;
    };
    std::vector<std::string> out;
    if (syslog_) {
        out.push_back("mock-syslog listened on " + value("syslog_socket") +
                      " (its records: .harness/syslog.jsonl; not running now)");
    }
    if (http_) {
        const auto https = value("https_url");
        out.push_back("mock-http listened on " + value("http_url") +
                      (https.empty() ? "" : " and " + https) +
                      " (its records: .harness/http.jsonl; not running now)");
    }
    out.push_back("{{closed_port_url}} was " + value("closed_port_url") +
                  " (held bound, never listening, for the case)");
    return out;
}

void mock_fleet::stop() {
    if (refusing_fd_ >= 0) {
        close(refusing_fd_);
        refusing_fd_ = -1;
    }
    stop_mock("syslog");
    stop_mock("http");
}

void mock_fleet::stop_mock(const std::string& name) {
    auto& mock = name == "http" ? http_ : syslog_;
    if (mock && mock->pid() > 0) {
        const pid_t pid = mock->pid();
        mock->stop();
        child_registry::instance().remove_process(pid);
    }
}

void mock_fleet::release_http() const {
    if (!http_) {
        throw std::runtime_error("release: the case started no mock-http");
    }
    if (::kill(http_->pid(), SIGUSR1) != 0) {
        throw std::runtime_error(std::string("release: cannot signal mock-http: ") +
                                 std::strerror(errno));
    }
}

}  // namespace conformance
