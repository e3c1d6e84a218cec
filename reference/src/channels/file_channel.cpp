// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/file_channel.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "falco_ref/config_loader.hpp"

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

// A write error: a failed delivery that Falco, which never checks the stream's state after
// writing (falco@0.44.1:userspace/falco/outputs_file.cpp:34-41), does not notice.
channel_outcome write_error(int err) {
    return channel_outcome::failed(std::string("write failed: ") + std::strerror(err),
                                   channel_outcome::report::unnoticed);
}

// `line` and its '\n' in one writev(2), continuing after a short write; 0 or the errno.
int write_line(int fd, std::string_view line) {
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
        if (written < 0) {
            return errno;
        }
        done += static_cast<std::size_t>(written);
    }
    return 0;
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

channel_outcome file_channel::open_error(int err) const {
    if (prof_.file_error_is_fatal) {
        // docs/spec/legacy.md#file.error: the Lua write on a nil handle ends Falco with
        // "Runtime error: Error invoking function output: <lua error>. Exiting.". The Lua
        // error text itself is not reproduced; ours names the file and the cause.
        return channel_outcome::fatal("Error invoking function output: Error with file output: " +
                                      filename_ + ": " + std::strerror(err));
    }
    // falco@0.44.1:userspace/falco/outputs_file.cpp:28-30: thrown, logged by the worker.
    return channel_outcome::failed("failed to open output file " + filename_,
                                   channel_outcome::report::by_worker);
}

channel_outcome file_channel::reopen_error(int err) const {
    if (!prof_.file_error_is_fatal) {
        return open_error(err);
    }
    // falco@0.15.3:userspace/falco/lua/output.lua:50-57,83-88: a failed io.open leaves the
    // handle nil. Buffered, nothing touches it until the next alert opens the path again;
    // unbuffered, setvbuf on nil raises at once, and reopen_outputs throws the bare Lua error
    // (falco@0.15.3:userspace/falco/falco_outputs.cpp:247-261), without "Error invoking
    // function output".
    if (buffered_) {
        return channel_outcome::done();
    }
    return channel_outcome::fatal("Error with file output: " + filename_ + ": " +
                                  std::strerror(err));
}

bool file_channel::fopen_file() {
    file_ = std::fopen(filename_.c_str(), open_mode(prof_));
    if (file_ == nullptr) {
        return false;
    }
    if (!buffered_) {
        std::setvbuf(file_, nullptr, _IONBF, 0);  // one write(2) per fwrite
    } else if (!prof_.file_checked_at_startup) {
        // 0.44's std::filebuf holds BUFSIZ bytes; legacy keeps stdio's st_blksize default.
        std::setvbuf(file_, nullptr, _IOFBF, BUFSIZ);
    }
    return true;
}

channel_outcome file_channel::open_file() {
    return fopen_file() ? channel_outcome::done() : open_error(errno);
}

void file_channel::close_file() {
    if (file_ == nullptr) {
        return;
    }
    std::fclose(file_);
    file_ = nullptr;
    write_failed_ = false;
}

channel_outcome file_channel::deliver(const output_message& msg) {
    if (!keep_alive_ && file_ == nullptr) {
        // Open, append, close per alert (outputs_file.cpp:24-40): what the stream does comes
        // down to these three calls, one write for the whole line whether buffered or not.
        const int fd = ::open(filename_.c_str(), open_flags(prof_), k_create_mode);
        if (fd < 0) {
            return open_error(errno);
        }
        const int err = write_line(fd, msg.line);
        ::close(fd);
        return err == 0 ? channel_outcome::done() : write_error(err);
    }
    // Kept open (or opened by a reopen, which keep_alive false also does in 0.44).
    if (file_ == nullptr) {
        if (auto opened = open_file(); !opened.ok()) {
            return opened;
        }
    }
    if (write_failed_) {
        // falco@0.44.1:userspace/falco/outputs_file.cpp:34-41: `<<` on a stream in a failed
        // state writes nothing, and only the open of a reopen clears that state.
        return channel_outcome::failed("an earlier write failed",
                                       channel_outcome::report::unnoticed);
    }
    errno = 0;
    bool written;
    if (buffered_) {
        written = std::fwrite(msg.line.data(), 1, msg.line.size(), file_) == msg.line.size() &&
                  std::fputc('\n', file_) != EOF;
    } else {
        // Unbuffered, every fwrite is a write(2): the line and its '\n' go as one.
        line_.assign(msg.line);
        line_.push_back('\n');
        written = std::fwrite(line_.data(), 1, line_.size(), file_) == line_.size();
    }
    const int err = errno;
    if (!written) {
        std::clearerr(file_);
        write_failed_ = keep_alive_ && prof_.file_write_error_sticky;
    }
    if (!keep_alive_) {
        close_file();  // outputs_file.cpp:38-40: close per alert
    }
    return written ? channel_outcome::done() : write_error(err);
}

channel_outcome file_channel::reopen() {
    // 0.44: close then open at once, whatever keep_alive (outputs_file.cpp:49-52).
    // legacy: only a keep_alive file reacts (lua/output.lua:83-88).
    if (prof_.reopen_requires_keep_alive && !keep_alive_) {
        return channel_outcome::done();
    }
    close_file();
    return fopen_file() ? channel_outcome::done() : reopen_error(errno);
}

channel_outcome file_channel::close() {
    close_file();
    return channel_outcome::done();
}

}  // namespace falco_ref
