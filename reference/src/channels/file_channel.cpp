// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/file_channel.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "falco_ref/config_loader.hpp"
#include "falco_ref/fatal_output_error.hpp"

namespace falco_ref {
namespace {

// 0.44 opens with std::ofstream app (O_WRONLY|O_CREAT|O_APPEND, outputs_file.cpp:22-32);
// 0.15.3 with Lua io.open "a+" (O_RDWR|O_CREAT|O_APPEND, lua/output.lua:50-57).
const char* open_mode(const profile& prof) {
    return prof.file_checked_at_startup ? "a+" : "a";
}

// The same modes as open(2) flags; 0666 before the umask, as fopen and std::ofstream create.
int open_flags(const profile& prof) {
    return (prof.file_checked_at_startup ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND | O_CLOEXEC;
}
constexpr mode_t k_create_mode = 0666;

// `line` and its '\n' in one writev(2), continuing after a short write. Errors are ignored,
// as Falco ignores the stream's state after writing.
void write_line(int fd, std::string_view line) {
    static char nl = '\n';
    const std::size_t total = line.size() + 1;
    std::size_t done = 0;
    while (done < total) {
        iovec iov[2];
        int n = 0;
        if (done < line.size()) {
            iov[n++] = {const_cast<char*>(line.data()) + done, line.size() - done};
        }
        iov[n++] = {&nl, 1};
        const ssize_t written = ::writev(fd, iov, n);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        done += static_cast<std::size_t>(written);
    }
}

}  // namespace

file_channel::file_channel(const config& cfg)
    : filename_(cfg.file_output.filename),
      keep_alive_(cfg.file_output.keep_alive),
      buffered_(cfg.buffered_outputs),
      prof_(*cfg.prof) {
    if (prof_.file_checked_at_startup) {
        // falco@0.15.3:userspace/falco/lua/output.lua:37-48: open "a+" then close at start-up,
        // which creates the file; failure ends start-up. Falco's text also carries the Lua
        // chunk location before "Error with file output"; we leave it out.
        std::FILE* probe = std::fopen(filename_.c_str(), open_mode(prof_));
        if (probe == nullptr) {
            throw config_error("Error with file output: " + filename_ + ": " +
                               std::strerror(errno));
        }
        std::fclose(probe);
    }
}

file_channel::~file_channel() {
    close_file();
}

void file_channel::throw_open_error(int err) const {
    if (prof_.file_error_is_fatal) {
        // legacy-profile.md 2.d: the Lua write on a nil handle ends Falco with
        // "Runtime error: Error invoking function output: <lua error>. Exiting.". The Lua
        // error text itself is not reproduced; ours names the file and the cause.
        throw fatal_output_error("Error invoking function output: Error with file output: " +
                                 filename_ + ": " + std::strerror(err));
    }
    // falco@0.44.1:userspace/falco/outputs_file.cpp:28-30.
    throw channel_error("failed to open output file " + filename_);
}

void file_channel::open_or_throw() {
    file_ = std::fopen(filename_.c_str(), open_mode(prof_));
    if (file_ == nullptr) {
        throw_open_error(errno);
    }
    if (!buffered_) {
        std::setvbuf(file_, nullptr, _IONBF, 0);  // one write(2) per fwrite
    } else if (!prof_.file_checked_at_startup) {
        // 0.44's std::filebuf holds BUFSIZ bytes; legacy keeps stdio's st_blksize default.
        std::setvbuf(file_, nullptr, _IOFBF, BUFSIZ);
    }
}

void file_channel::close_file() {
    if (file_ == nullptr) {
        return;
    }
    std::fclose(file_);
    file_ = nullptr;
}

void file_channel::deliver(const output_message& msg) {
    if (!keep_alive_ && file_ == nullptr) {
        // Open, append, close per alert (outputs_file.cpp:24-40): what the stream does comes
        // down to these three calls, one write for the whole line whether buffered or not.
        const int fd = ::open(filename_.c_str(), open_flags(prof_), k_create_mode);
        if (fd < 0) {
            throw_open_error(errno);
        }
        write_line(fd, msg.line);
        ::close(fd);
        return;
    }
    // Kept open (or opened by a reopen, which keep_alive false also does in 0.44).
    if (file_ == nullptr) {
        open_or_throw();
    }
    // Results ignored, as Falco does.
    if (buffered_) {
        std::fwrite(msg.line.data(), 1, msg.line.size(), file_);
        std::fputc('\n', file_);
    } else {
        // Unbuffered, every fwrite is a write(2): the line and its '\n' go as one.
        line_.assign(msg.line);
        line_.push_back('\n');
        std::fwrite(line_.data(), 1, line_.size(), file_);
    }
    if (!keep_alive_) {
        close_file();  // outputs_file.cpp:38-40: close per alert
    }
}

void file_channel::reopen() {
    // 0.44: close then open at once, whatever keep_alive (outputs_file.cpp:49-52).
    // legacy: only a keep_alive file reacts (lua/output.lua:83-88).
    if (prof_.reopen_requires_keep_alive && !keep_alive_) {
        return;
    }
    close_file();
    open_or_throw();
}

void file_channel::close() {
    close_file();
}

}  // namespace falco_ref
