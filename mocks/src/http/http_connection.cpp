// SPDX-License-Identifier: Apache-2.0
#include "http_connection.hpp"

#include <openssl/err.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "mocks/json_line.hpp"

namespace mocks {
namespace {

// Generous for a mock, small enough that a runaway client cannot exhaust memory.
constexpr std::size_t max_head = 64 * 1024;
constexpr std::size_t max_body = 256 * 1024 * 1024;

bool iequals(const std::string& a, const std::string& b) {
    return a.size() == b.size() && ::strcasecmp(a.c_str(), b.c_str()) == 0;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) {
        return "";
    }
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

const char* reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 408:
            return "Request Timeout";
        case 413:
            return "Content Too Large";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Status";
    }
}

std::string openssl_error() {
    const unsigned long e = ERR_get_error();
    if (e == 0) {
        return "connection closed during the handshake";
    }
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    return buf;
}

}  // namespace

const std::string* http_connection::request::header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
        if (iequals(n, name)) {
            return &v;
        }
    }
    return nullptr;
}

http_connection::http_connection(http_shared& shared, int fd, std::uint64_t conn_id, SSL_CTX* tls)
    : shared_(shared), fd_(fd), conn_id_(conn_id) {
    if (tls != nullptr) {
        ssl_ = SSL_new(tls);
        SSL_set_fd(ssl_, fd_);
    }
}

http_connection::~http_connection() {
    if (ssl_ != nullptr) {
        SSL_free(ssl_);
    }
}

void http_connection::serve() {
    if (ssl_ != nullptr && !handshake()) {
        return;
    }
    for (;;) {
        request req;
        if (!read_request(req)) {
            return;
        }
        const std::uint64_t index = ++shared_.requests;
        const fault f = shared_.faults.for_request(index);
        if (f.action == "hold") {
            shared_.released.wait();
            if (shared_.stopping.is_set()) {
                return;
            }
        }
        if (f.delay_ms && shared_.stopping.wait_for(std::chrono::milliseconds(*f.delay_ms))) {
            return;
        }
        if (f.action == "close") {
            // Recorded first: a client seeing the drop can already read why.
            record(req, index, f, 0);
            return;  // the server closes the socket
        }
        if (f.action == "hang") {
            record(req, index, f, 0);
            shared_.stopping.wait();
            return;
        }
        const int status = f.status.value_or(200);
        const bool keep = keep_alive(req);
        // 1xx, 204 and 304 carry no body (RFC 9110 6.4.1).
        const bool bodiless = status < 200 || status == 204 || status == 304;
        const std::string& body = bodiless ? std::string() : shared_.response_body;
        std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
        if (!bodiless) {
            response +=
                "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n";
        }
        if (!keep) {
            response += "Connection: close\r\n";
        }
        if (keep && req.version == "HTTP/1.0") {
            response += "Connection: keep-alive\r\n";
        }
        response += "\r\n";
        // HEAD gets the headers GET would, without the body (RFC 9110 9.3.2).
        if (req.method != "HEAD") {
            response += body;
        }
        // Recorded before answering, so a client holding the answer finds the record.
        record(req, index, f, status);
        if (!write_all(response) || !keep) {
            return;
        }
    }
}

bool http_connection::handshake() {
    ERR_clear_error();
    if (SSL_accept(ssl_) == 1) {
        return true;
    }
    record_event("tls_error", openssl_error());
    return false;
}

bool http_connection::read_request(request& req) {
    std::string head;
    if (!read_head(head)) {
        return false;
    }
    // Request line: METHOD SP TARGET SP VERSION.
    const auto eol = head.find("\r\n");
    const std::string line = head.substr(0, eol);
    const auto sp1 = line.find(' ');
    const auto sp2 = line.rfind(' ');
    if (sp1 == std::string::npos || sp1 == sp2 || line.compare(sp2 + 1, 5, "HTTP/") != 0) {
        record_event("bad_request", "bad request line: " + line);
        write_all("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return false;
    }
    req.method = line.substr(0, sp1);
    req.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    req.version = line.substr(sp2 + 1);
    std::size_t pos = eol == std::string::npos ? head.size() : eol + 2;
    while (pos < head.size()) {
        const auto end = std::min(head.find("\r\n", pos), head.size());
        const std::string field = head.substr(pos, end - pos);
        pos = end + 2;
        const auto colon = field.find(':');
        if (colon == std::string::npos || colon == 0) {
            record_event("bad_request", "bad header line: " + field);
            write_all("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return false;
        }
        req.headers.emplace_back(field.substr(0, colon), trim(field.substr(colon + 1)));
    }
    return read_body(req);
}

// Everything up to the blank line, without it (and without the final CRLF).
bool http_connection::read_head(std::string& head) {
    for (;;) {
        const auto end = buffer_.find("\r\n\r\n");
        if (end != std::string::npos) {
            head = buffer_.substr(0, end + 2);
            head.resize(head.size() - 2);
            buffer_.erase(0, end + 4);
            return true;
        }
        if (buffer_.size() > max_head) {
            record_event("bad_request", "request head larger than 64 KiB");
            return false;
        }
        if (!fill()) {
            if (!buffer_.empty()) {
                record_event("bad_request", "connection closed mid-request");
            }
            return false;
        }
    }
}

bool http_connection::read_body(request& req) {
    if (const auto* expect = req.header("Expect");
        expect != nullptr && iequals(*expect, "100-continue") && req.version == "HTTP/1.1") {
        if (!write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
            return false;
        }
    }
    const auto* te = req.header("Transfer-Encoding");
    if (te != nullptr && iequals(*te, "chunked")) {
        for (;;) {
            std::string size_line;
            if (!read_line(size_line)) {
                return false;
            }
            const std::size_t size = std::strtoul(size_line.c_str(), nullptr, 16);
            if (req.body.size() + size > max_body) {
                return false;
            }
            if (size == 0) {
                std::string trailer;
                do {
                    if (!read_line(trailer)) {
                        return false;
                    }
                } while (!trailer.empty());
                return true;
            }
            std::string chunk, crlf;
            if (!read_exact(size, chunk) || !read_line(crlf)) {
                return false;
            }
            req.body += chunk;
        }
    }
    if (const auto* cl = req.header("Content-Length")) {
        const std::size_t size = std::strtoul(cl->c_str(), nullptr, 10);
        if (size > max_body) {
            return false;
        }
        return read_exact(size, req.body);
    }
    return true;
}

bool http_connection::read_exact(std::size_t n, std::string& out) {
    while (buffer_.size() < n) {
        if (!fill()) {
            return false;
        }
    }
    out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return true;
}

bool http_connection::read_line(std::string& line) {
    for (;;) {
        const auto eol = buffer_.find("\r\n");
        if (eol != std::string::npos) {
            line = buffer_.substr(0, eol);
            buffer_.erase(0, eol + 2);
            return true;
        }
        if (!fill()) {
            return false;
        }
    }
}

bool http_connection::fill() {
    char buf[16384];
    for (;;) {
        const int n = ssl_ != nullptr ? SSL_read(ssl_, buf, sizeof buf)
                                      : static_cast<int>(::recv(fd_, buf, sizeof buf, 0));
        if (n > 0) {
            buffer_.append(buf, static_cast<std::size_t>(n));
            return true;
        }
        if (n < 0 && ssl_ == nullptr && errno == EINTR) {
            continue;
        }
        return false;
    }
}

bool http_connection::write_all(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const int n = ssl_ != nullptr ? SSL_write(ssl_, data.data() + done,
                                                  static_cast<int>(data.size() - done))
                                      : static_cast<int>(::send(fd_, data.data() + done,
                                                                data.size() - done, MSG_NOSIGNAL));
        if (n < 0 && ssl_ == nullptr && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool http_connection::keep_alive(const request& req) const {
    const auto* conn = req.header("Connection");
    if (req.version == "HTTP/1.0") {
        return conn != nullptr && iequals(*conn, "keep-alive");
    }
    return conn == nullptr || !iequals(*conn, "close");
}

void http_connection::record(const request& req, std::uint64_t index, const fault& f, int status) {
    json_line j;
    j.number("seq", static_cast<std::int64_t>(index))
        .number("conn_id", static_cast<std::int64_t>(conn_id_))
        .boolean("tls", ssl_ != nullptr)
        .bytes("method", req.method)
        .bytes("target", req.target)
        .bytes("version", req.version)
        .pairs("headers", req.headers)
        .bytes("body", req.body);
    if (status != 0) {
        j.number("status", status);
    } else {
        j.null("status");
    }
    if (f.delay_ms) {
        j.number("delay_ms", *f.delay_ms);
    }
    if (!f.action.empty()) {
        j.text("fault", f.action);
    }
    shared_.log.append(j.finish());
}

void http_connection::record_event(const char* event, const std::string& error) {
    json_line j;
    j.text("event", event)
        .number("conn_id", static_cast<std::int64_t>(conn_id_))
        .boolean("tls", ssl_ != nullptr)
        .bytes("error", error);
    shared_.log.append(j.finish());
}

}  // namespace mocks
