// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>

namespace falco_ref::app {

// Splits an input fd into '\n'-terminated lines of any length while staying responsive to a
// wake-up fd: it only blocks in poll(2) on both, never in read(2), so a SIGTERM ends the run
// even when no more input comes.
class line_reader {
public:
    enum class result { line, eof, woken };

    // `before_poll` runs each time the reader is about to wait for input (once per read(2)
    // of up to 64 KiB): the moment to hand over work that was batched meanwhile.
    line_reader(int input_fd, int wake_fd, std::function<void()> before_poll = {})
        : input_fd_(input_fd), wake_fd_(wake_fd), before_poll_(std::move(before_poll)) {}

    // `line` excludes the '\n'; a last line without '\n' is still a line. `woken` means the
    // wake fd became readable (the caller drains it and decides).
    result next(std::string& line);

private:
    bool take_buffered_line(std::string& line);

    int input_fd_;
    int wake_fd_;
    std::function<void()> before_poll_;
    std::string buffer_;
    std::size_t start_ = 0;    // first unconsumed byte of buffer_
    std::size_t scanned_ = 0;  // bytes from start_ already known to hold no '\n'
    bool eof_ = false;
};

}  // namespace falco_ref::app
