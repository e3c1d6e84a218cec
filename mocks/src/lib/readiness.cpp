// SPDX-License-Identifier: Apache-2.0
#include "mocks/readiness.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace mocks {
namespace {

void write_all(int fd, const std::string& text, const std::string& what) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::runtime_error("cannot write " + what + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

void announce_ready(const std::string& details, const std::optional<std::string>& ready_file,
                    bool to_stdout) {
    const std::string line = "READY " + details + "\n";
    if (ready_file) {
        // mkstemp: a unique name created with O_EXCL, so a symlink planted at a predictable
        // name in a shared directory cannot redirect the write. The rename keeps readers from
        // seeing a half-written file.
        std::string temp = *ready_file + ".tmp.XXXXXX";
        const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
        if (fd < 0) {
            throw std::runtime_error("cannot create " + temp + ": " + std::strerror(errno));
        }
        ::fchmod(fd, 0644);
        write_all(fd, line, temp);
        ::close(fd);
        if (::rename(temp.c_str(), ready_file->c_str()) != 0) {
            throw std::runtime_error("cannot rename " + temp + " to " + *ready_file + ": " +
                                     std::strerror(errno));
        }
    }
    // write(2) directly: nothing sits in a stdio buffer when a reader waits for the line.
    if (to_stdout) {
        write_all(STDOUT_FILENO, line, "stdout");
    }
}

}  // namespace mocks
