// SPDX-License-Identifier: Apache-2.0
#include "tcp_framer.hpp"

#include <cctype>

namespace mocks {
namespace {

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::vector<tcp_framer::frame> tcp_framer::feed(std::string_view data) {
    buffer_.append(data);
    std::vector<frame> out;
    for (;;) {
        if (buffer_.empty()) {
            break;
        }
        if (is_digit(buffer_[0])) {
            std::size_t i = 0;
            while (i < buffer_.size() && i < 10 && is_digit(buffer_[i])) {
                ++i;
            }
            if (i == buffer_.size()) {
                break;  // length still arriving
            }
            if (buffer_[i] == ' ' && i < 10) {
                const std::size_t len = std::stoul(buffer_.substr(0, i));
                if (buffer_.size() < i + 1 + len) {
                    break;
                }
                out.push_back({buffer_.substr(i + 1, len), ""});
                buffer_.erase(0, i + 1 + len);
                continue;
            }
            // Digits not followed by a space: not a length, so a newline-framed message.
        }
        const auto nl = buffer_.find('\n');
        if (nl == std::string::npos) {
            break;
        }
        out.push_back({buffer_.substr(0, nl), ""});
        buffer_.erase(0, nl + 1);
    }
    return out;
}

std::vector<tcp_framer::frame> tcp_framer::finish() {
    std::vector<frame> out;
    if (buffer_.empty()) {
        return out;
    }
    std::size_t i = 0;
    while (i < buffer_.size() && is_digit(buffer_[i])) {
        ++i;
    }
    if (i > 0 && i < buffer_.size() && buffer_[i] == ' ') {
        out.push_back({buffer_, "connection closed inside an octet-counted frame"});
    } else {
        // A last newline-framed message without its newline is still a message.
        out.push_back({buffer_, ""});
    }
    buffer_.clear();
    return out;
}

}  // namespace mocks
