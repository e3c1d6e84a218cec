// SPDX-License-Identifier: Apache-2.0
#include "mocks/record_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mocks {

record_log::record_log(const std::string& path)
    : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
    if (fd_ < 0) {
        throw std::runtime_error("cannot open record file " + path + ": " + std::strerror(errno));
    }
}

record_log::~record_log() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void record_log::append(std::string_view record) const {
    // A regular file takes the whole buffer in one write(2); the loop only covers the
    // theoretical short write (e.g. a full disk), where atomicity is lost anyway.
    while (!record.empty()) {
        const ssize_t n = ::write(fd_, record.data(), record.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::runtime_error(std::string("record write: ") + std::strerror(errno));
        }
        record.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace mocks
