// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/program_channel.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "child_pipe.hpp"
#include "falco_ref/logger.hpp"

namespace falco_ref {
namespace {

std::string errno_text(int err) {
    return std::strerror(err);
}

// Ten output_timeouts, at least one second: a per-message child needs a moment to exit even
// when output_timeout is tiny.
std::chrono::milliseconds grace_for(std::uint32_t output_timeout_ms) {
    return std::max(std::chrono::milliseconds(1000),
                    std::chrono::milliseconds(output_timeout_ms) * 10);
}

}  // namespace

program_channel::program_channel(const config& cfg)
    : prof_(*cfg.prof),
      program_(cfg.program_output.program),
      keep_alive_(cfg.program_output.keep_alive),
      buffered_(cfg.buffered_outputs),
      close_grace_(grace_for(cfg.output_timeout_ms)) {
    buffer_.reserve(k_buffer_size);
}

program_channel::~program_channel() = default;

bool program_channel::spawn() {
    if (prof_.program_spawn_flushes_stdio) {
        // LuaJIT's io.popen does fflush(NULL) before popen (legacy-profile.md 2.f "Spawn").
        std::fflush(nullptr);
    }
    try {
        child_ = std::make_unique<child_pipe>(child_pipe::spawn(program_));
        return true;
    } catch (const std::system_error& e) {
        // falco@0.44.1:userspace/falco/outputs_program.cpp:29-36: logged at every attempt.
        log_repeatable(log_level::error, "Failed to open program output: " + program_ +
                                             " (error: " + errno_text(e.code().value()) + ")");
        return false;
    }
}

void program_channel::deliver(const output_message& msg) {
    if (!child_ && !spawn()) {
        return;  // the message is skipped; the next one retries the spawn
    }
    // fprintf(pfile, "%s\n", msg) (outputs_program.cpp:48): the line ends at its first NUL.
    const std::string_view body(msg.line.c_str());
    if (buffered_ && buffer_.size() + body.size() + 1 <= k_buffer_size) {
        // The usual case: the message fits the stdio-like buffer; no copy of its own.
        buffer_.append(body);
        buffer_.push_back('\n');
    } else {
        line_.assign(body);
        line_.push_back('\n');
        write_bytes(line_);
    }
    if (!keep_alive_) {
        close_child();  // pclose per message (outputs_program.cpp:51-53)
    }
}

void program_channel::write_bytes(const std::string& data) {
    if (!buffered_) {
        // setvbuf(_IONBF) (outputs_program.cpp:38-40): one write per message.
        if (const int err = child_->write_all(data); err != 0) {
            fail_write(err);
        }
        return;
    }
    if (buffer_.size() + data.size() > k_buffer_size) {
        // Full buffer: write it out before taking more, as stdio does.
        if (const int err = child_->write_all(buffer_); err != 0) {
            fail_write(err);
        }
        buffer_.clear();
        if (data.size() >= k_buffer_size) {
            if (const int err = child_->write_all(data); err != 0) {
                fail_write(err);
            }
            return;
        }
    }
    buffer_ += data;
}

void program_channel::fail_write(int err) {
    // The child closed its input or exited. Falco has no SIGPIPE handling and would die here;
    // we drop what is pending, reap the child and let the next message spawn a new one.
    buffer_.clear();
    const auto info = child_->finish(child_pipe::clock::now() + close_grace_);
    child_.reset();
    if (info.killed) {
        log(log_level::error, "program: " + program_ + " did not exit within " +
                                  std::to_string(close_grace_.count()) +
                                  " ms after its input was closed; killed");
    }
    throw channel_error("write to program output failed: " + program_ +
                        " (error: " + errno_text(err) + ")");
}

void program_channel::close_child() {
    if (!child_) {
        return;
    }
    const auto deadline = child_pipe::clock::now() + close_grace_;
    if (!buffer_.empty()) {
        std::size_t written = 0;
        const int err = child_->write_all_until(buffer_, deadline, &written);
        if (err == ETIMEDOUT) {
            log(log_level::error, "program: " + program_ + " did not read its input within " +
                                      std::to_string(close_grace_.count()) + " ms; " +
                                      std::to_string(buffer_.size() - written) +
                                      " buffered bytes dropped");
        }
        // Other errors (EPIPE): the child is gone; pclose ignores that too.
    }
    buffer_.clear();
    const auto info = child_->finish(deadline);
    child_.reset();
    if (info.killed) {
        log(log_level::error, "program: " + program_ + " did not exit within " +
                                  std::to_string(close_grace_.count()) +
                                  " ms after its input was closed; killed");
    }
}

void program_channel::reopen() {
    // 0.44: pclose then popen at once, whatever keep_alive (outputs_program.cpp:63-66);
    // legacy: only keep_alive outputs react (legacy-profile.md section 4 #4).
    if (prof_.reopen_requires_keep_alive && !keep_alive_) {
        return;
    }
    close_child();
    spawn();
}

void program_channel::close() {
    close_child();
}

}  // namespace falco_ref
