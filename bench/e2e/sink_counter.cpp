// SPDX-License-Identifier: Apache-2.0
#include "sink_counter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <vector>

#include "mocks/records.hpp"

namespace falco_bench {
namespace {

// Calls `on_line` for each complete line (without '\n'); streams the file in 1 MiB blocks.
void for_each_line(const std::string& path, const std::function<void(std::string_view)>& on_line) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    std::vector<char> buf(1 << 20);
    std::string carry;
    for (;;) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n <= 0) {
            break;
        }
        std::string_view chunk(buf.data(), std::size_t(n));
        while (!chunk.empty()) {
            auto nl = chunk.find('\n');
            if (nl == std::string_view::npos) {
                carry.append(chunk);
                break;
            }
            if (carry.empty()) {
                on_line(chunk.substr(0, nl));
            } else {
                carry.append(chunk.substr(0, nl));
                on_line(carry);
                carry.clear();
            }
            chunk.remove_prefix(nl + 1);
        }
    }
    ::close(fd);
}

}  // namespace

sink_count count_sink(sink_kind kind, const std::string& path) {
    sink_count c;
    switch (kind) {
        case sink_kind::stdout_file:
            for_each_line(path, [&](std::string_view l) {
                if (!l.empty() && (std::isdigit(static_cast<unsigned char>(l[0])) || l[0] == '{')) {
                    ++c.alerts;
                    c.bytes += l.size() + 1;
                }
            });
            break;
        case sink_kind::file:
            for_each_line(path, [&](std::string_view l) {
                ++c.alerts;
                c.bytes += l.size() + 1;
            });
            break;
        case sink_kind::program:
            for_each_line(path, [&](std::string_view l) {
                std::istringstream in{std::string(l)};
                std::uint64_t lines = 0, bytes = 0;
                in >> lines >> bytes;
                c.alerts += lines;
                c.bytes += bytes;
            });
            break;
        case sink_kind::syslog:
            for (const auto& r : mocks::read_syslog_records(path)) {
                if (r.format == "malformed") {
                    continue;
                }
                ++c.alerts;
                c.bytes += r.msg.size();
            }
            break;
        case sink_kind::http:
            for (const auto& r : mocks::read_http_records(path)) {
                if (r.method != "POST") {
                    continue;
                }
                ++c.alerts;
                c.bytes += r.body.size();
            }
            break;
        case sink_kind::discarded:
            // PROTOCOL.md section 3: the statistics end the implementation's stdout.
            for_each_line(path, [&](std::string_view l) {
                constexpr std::string_view key = "Events detected: ";
                if (l.substr(0, key.size()) == key) {
                    c.alerts =
                        std::strtoull(std::string(l.substr(key.size())).c_str(), nullptr, 10);
                }
            });
            break;
    }
    return c;
}

std::uint64_t count_record_lines(sink_kind kind, const std::string& path) {
    std::uint64_t n = 0;
    for_each_line(path, [&](std::string_view l) {
        if (kind == sink_kind::http &&
            l.find("\"event\":\"connection\"") != std::string_view::npos) {
            return;
        }
        ++n;
    });
    return n;
}

}  // namespace falco_bench
