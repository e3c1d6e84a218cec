// SPDX-License-Identifier: Apache-2.0
#include "line_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace falco_ref::app {
namespace {
constexpr std::size_t k_chunk = 64 * 1024;
}

bool line_reader::take_buffered_line(std::string& line) {
    const std::size_t nl = buffer_.find('\n', start_ + scanned_);
    if (nl == std::string::npos) {
        scanned_ = buffer_.size() - start_;
        return false;
    }
    line.assign(buffer_, start_, nl - start_);
    start_ = nl + 1;
    scanned_ = 0;
    if (start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    } else if (start_ > k_chunk && start_ * 2 > buffer_.size()) {
        buffer_.erase(0, start_);  // keep memory bounded by the longest line
        start_ = 0;
    }
    return true;
}

line_reader::result line_reader::next(std::string& line) {
    for (;;) {
        if (take_buffered_line(line)) {
            return result::line;
        }
        if (eof_) {
            if (start_ < buffer_.size()) {
                line.assign(buffer_, start_, std::string::npos);
                start_ = buffer_.size();
                return result::line;
            }
            return result::eof;
        }
        if (before_poll_) {
            before_poll_();
        }
        pollfd fds[2] = {{input_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        const int n = ::poll(fds, 2, -1);
        if (n < 0) {
            if (errno == EINTR) {
                return result::woken;  // the handler also wrote to the wake fd
            }
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        }
        if (fds[1].revents != 0) {
            return result::woken;
        }
        if (fds[0].revents == 0) {
            continue;
        }
        const std::size_t old = buffer_.size();
        buffer_.resize(old + k_chunk);
        const ssize_t got = ::read(input_fd_, buffer_.data() + old, k_chunk);
        if (got < 0) {
            buffer_.resize(old);
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            throw std::runtime_error(std::string("read: ") + std::strerror(errno));
        }
        buffer_.resize(old + static_cast<std::size_t>(got));
        if (got == 0) {
            eof_ = true;
        }
    }
}

}  // namespace falco_ref::app
