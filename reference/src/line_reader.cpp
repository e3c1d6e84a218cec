// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/line_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace falco_ref {

bool line_reader::take_buffered_line(std::string& line) {
    if (end_ - start_ == scanned_) {
        return false;  // nothing new (and no buffer at all before the first read)
    }
    const char* from = buffer_.get() + start_ + scanned_;
    const auto* nl = static_cast<const char*>(std::memchr(from, '\n', end_ - start_ - scanned_));
    if (nl == nullptr) {
        scanned_ = end_ - start_;
        return false;
    }
    const auto at = static_cast<std::size_t>(nl - buffer_.get());
    line.assign(buffer_.get() + start_, at - start_);
    start_ = at + 1;
    scanned_ = 0;
    return true;
}

void line_reader::make_room() {
    if (capacity_ - end_ >= k_chunk) {
        return;
    }
    const std::size_t pending = end_ - start_;
    if (pending + k_chunk <= capacity_) {
        std::memmove(buffer_.get(), buffer_.get() + start_, pending);
    } else {
        // A line longer than the buffer so far: memory stays bounded by the longest line.
        const std::size_t grown = std::max(2 * capacity_, pending + k_chunk);
        auto bigger = std::make_unique_for_overwrite<char[]>(grown);
        if (pending != 0) {
            std::memcpy(bigger.get(), buffer_.get() + start_, pending);
        }
        buffer_ = std::move(bigger);
        capacity_ = grown;
    }
    start_ = 0;
    end_ = pending;
}

line_reader::result line_reader::next(std::string& line) {
    for (;;) {
        if (take_buffered_line(line)) {
            return result::line;
        }
        if (eof_) {
            if (start_ < end_) {
                line.assign(buffer_.get() + start_, end_ - start_);
                start_ = end_;
                scanned_ = 0;
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
        // n > 0 (no timeout) and the wake fd has no event: the input has one.
        make_room();
        const ssize_t got = ::read(input_fd_, buffer_.get() + end_, k_chunk);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            throw std::runtime_error(std::string("read: ") + std::strerror(errno));
        }
        end_ += static_cast<std::size_t>(got);
        if (got == 0) {
            eof_ = true;
        }
    }
}

}  // namespace falco_ref
