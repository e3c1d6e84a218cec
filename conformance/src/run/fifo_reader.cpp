// SPDX-License-Identifier: Apache-2.0
#include "run/fifo_reader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace conformance {

fifo_reader::fifo_reader(const std::filesystem::path& fifo, const std::filesystem::path& into) {
    fifo_fd_ = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fifo_fd_ < 0) {
        throw std::runtime_error("read_fifo " + fifo.string() + ": " + std::strerror(errno));
    }
    out_fd_ = ::open(into.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (out_fd_ < 0 || ::pipe2(stop_fds_, O_CLOEXEC) != 0) {
        const std::string why = std::strerror(errno);
        for (const int fd : {fifo_fd_, out_fd_}) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
        throw std::runtime_error("read_fifo into " + into.string() + ": " + why);
    }
    thread_ = std::thread([this] { copy_loop(); });
}

fifo_reader::~fifo_reader() {
    stop();
}

bool fifo_reader::copy_available() {
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fifo_fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return true;  // EAGAIN: nothing more for now
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out_fd_, buf + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                return false;
            }
            done += w;
        }
    }
}

void fifo_reader::copy_loop() {
    pollfd fds[2] = {{fifo_fd_, POLLIN, 0}, {stop_fds_[0], POLLIN, 0}};
    for (;;) {
        if (::poll(fds, 2, -1) < 0 && errno != EINTR) {
            return;
        }
        if ((fds[0].revents & POLLIN) && !copy_available()) {
            return;
        }
        if (fds[1].revents) {
            return;
        }
    }
}

void fifo_reader::stop() {
    if (!thread_.joinable()) {
        return;
    }
    (void)!::write(stop_fds_[1], "x", 1);
    thread_.join();
    copy_available();
    for (int* fd : {&fifo_fd_, &out_fd_, &stop_fds_[0], &stop_fds_[1]}) {
        ::close(*fd);
        *fd = -1;
    }
}

}  // namespace conformance
