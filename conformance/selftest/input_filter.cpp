// SPDX-License-Identifier: Apache-2.0
#include "input_filter.hpp"

#include <unistd.h>

#include <cerrno>

namespace selftest {
namespace {

// False when the reader is gone (EPIPE) or another error ends the copy.
bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

std::optional<input_filter> parse_input_filter(std::string_view name) {
    if (name == "withhold_last_line") {
        return input_filter::withhold_last_line;
    }
    return std::nullopt;
}

std::string line_withholder::feed(std::string_view data) {
    pending_.append(data);
    const std::size_t last = pending_.rfind('\n');
    if (last == std::string::npos || last == 0) {
        return {};
    }
    const std::size_t before = pending_.rfind('\n', last - 1);
    if (before == std::string::npos) {
        return {};  // one complete line so far: it may be the last
    }
    std::string out = pending_.substr(0, before + 1);
    pending_.erase(0, before + 1);
    return out;
}

std::string line_withholder::finish() {
    std::string out;
    if (!pending_.empty() && pending_.back() != '\n') {
        // The last line has no '\n': it is the one withheld, the complete line before it goes.
        const std::size_t last = pending_.rfind('\n');
        if (last != std::string::npos) {
            out = pending_.substr(0, last + 1);
        }
    }
    pending_.clear();
    return out;
}

int run_input_filter(input_filter filter, int in_fd, int out_fd) {
    (void)filter;  // one filter so far: withhold_last_line
    line_withholder withholder;
    char buf[65536];
    int status = 0;
    for (;;) {
        const ssize_t n = ::read(in_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            status = 1;
            break;
        }
        if (n == 0) {
            write_all(out_fd, withholder.finish());
            break;
        }
        if (!write_all(out_fd,
                       withholder.feed(std::string_view(buf, static_cast<std::size_t>(n))))) {
            break;
        }
    }
    ::close(out_fd);
    return status;
}

}  // namespace selftest
