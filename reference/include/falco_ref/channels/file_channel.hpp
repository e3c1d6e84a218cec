// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <string>

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

// file_output (docs/spec/common.md#63-file, docs/spec/0.44.md#7-file-output,
// docs/spec/legacy.md#7-file-output). Appends `line + "\n"`.
//   keep_alive false: open, append, close per alert; true: kept open (buffered: flushed when the
//   buffer fills, on reopen and at close; unbuffered: one write(2) per alert).
//   0.44: opened lazily; an open failure is a failure the worker logs as Falco's
//   "file: failed to open output file <f>", retried at the next alert; reopen = close then
//   open at once, whatever keep_alive.
//   legacy: the constructor creates/checks the file (failure: config_error with 0.15.3's text);
//   a runtime open failure is fatal; reopen acts only with keep_alive.
//   Both: a write error reported at once is a failed delivery that Falco would not notice
//   (counted, not logged). 0.44: after one, a kept-open file skips every alert until it is
//   closed (std::ofstream's sticky badbit); legacy's stdio tries again at each alert.
class file_channel : public channel {
public:
    explicit file_channel(const config& cfg);
    ~file_channel() override;

    file_channel(const file_channel&) = delete;
    file_channel& operator=(const file_channel&) = delete;

    std::string_view name() const override { return "file"; }
    channel_outcome deliver(const output_message& msg) override;
    channel_outcome reopen() override;
    channel_outcome close() override;

private:
    // fopen in the profile's mode and the stream's buffering set; false (errno set) on failure.
    bool fopen_file();
    channel_outcome open_file();
    // The open failure: a failure retried at the next alert (0.44) or fatal (legacy).
    channel_outcome open_error(int err) const;
    // The open failure of a reopen, as legacy's file_reopen meets it.
    channel_outcome reopen_error(int err) const;
    void close_file();

    const std::string filename_;
    const bool keep_alive_;
    const bool buffered_;
    const profile& prof_;
    std::FILE* file_ = nullptr;
    bool write_failed_ = false;  // the kept-open stream failed (file_write_error_sticky)
    std::string line_;           // scratch: line + '\n' for an unbuffered write
};

}  // namespace falco_ref
