// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace falco_ref {

// Splits an input fd into '\n'-terminated lines of any length while staying responsive to a
// wake-up fd: it only blocks in poll(2) on both, never in read(2), so a SIGTERM ends the run
// even when no more input comes.
class line_reader {
public:
    enum class result { line, eof, woken };

    // Bytes asked of each read(2). Large, so that a writer feeding a big pipe (falco-bench
    // uses 1 MiB) is woken and read from rarely; reads return what is there, never wait for
    // a full chunk.
    static constexpr std::size_t k_chunk = 256 * 1024;

    // `before_poll` runs each time the reader is about to wait for input (once per read(2)):
    // the moment to hand over work that was batched meanwhile.
    line_reader(int input_fd, int wake_fd, std::function<void()> before_poll = {})
        : input_fd_(input_fd), wake_fd_(wake_fd), before_poll_(std::move(before_poll)) {}

    // `line` excludes the '\n'; a last line without '\n' is still a line. `woken` means the
    // wake fd became readable (the caller drains it and decides).
    result next(std::string& line);

private:
    bool take_buffered_line(std::string& line);
    // Room for k_chunk more bytes after end_: moves the unconsumed bytes to the front, and
    // grows the buffer only for a line longer than it.
    void make_room();

    int input_fd_;
    int wake_fd_;
    std::function<void()> before_poll_;
    // Not a std::string: resizing one to read into it zero-fills every chunk first.
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t start_ = 0;    // first unconsumed byte
    std::size_t end_ = 0;      // one past the last byte read
    std::size_t scanned_ = 0;  // bytes from start_ already known to hold no '\n'
    bool eof_ = false;
};

}  // namespace falco_ref
