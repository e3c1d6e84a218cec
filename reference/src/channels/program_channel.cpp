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

channel_outcome program_channel::spawn() {
    if (prof_.program_spawn_flushes_stdio) {
        // LuaJIT's io.popen does fflush(NULL) before popen
        // (docs/spec/legacy.md#program.spawn.flush).
        std::fflush(nullptr);
    }
    try {
        child_ = std::make_unique<child_pipe>(child_pipe::spawn(program_));
        return channel_outcome::done();
    } catch (const std::system_error& e) {
        // falco@0.44.1:userspace/falco/outputs_program.cpp:29-36: Falco logs this line itself,
        // at every attempt, and goes on without a child.
        return channel_outcome::failed("Failed to open program output: " + program_ +
                                           " (error: " + errno_text(e.code().value()) + ")",
                                       channel_outcome::report::by_channel);
    }
}

channel_outcome program_channel::deliver(const output_message& msg) {
    if (!child_) {
        if (auto spawned = spawn(); !spawned.ok()) {
            return spawned;  // the message is lost; the next one retries the spawn
        }
    }
    // fprintf(pfile, "%s\n", msg) (outputs_program.cpp:48): the line ends at its first NUL.
    const std::string_view body(msg.line.c_str());
    channel_outcome outcome = channel_outcome::done();
    if (buffered_ && buffer_.size() + body.size() + 1 <= k_buffer_size) {
        // The usual case: the message fits the stdio-like buffer; no copy of its own.
        buffer_.append(body);
        buffer_.push_back('\n');
    } else {
        line_.assign(body);
        line_.push_back('\n');
        outcome = write_bytes(line_);
    }
    if (!keep_alive_ && child_) {
        close_child();  // pclose per message (outputs_program.cpp:51-53)
    }
    return outcome;
}

channel_outcome program_channel::write_bytes(const std::string& data) {
    if (!buffered_) {
        // setvbuf(_IONBF) (outputs_program.cpp:38-40): one write per message.
        return write_now(data);
    }
    if (buffer_.size() + data.size() > k_buffer_size) {
        // Full buffer: write it out before taking more, as stdio does.
        if (auto written = write_now(buffer_); !written.ok()) {
            return written;
        }
        buffer_.clear();
        if (data.size() >= k_buffer_size) {
            return write_now(data);
        }
    }
    buffer_ += data;
    return channel_outcome::done();
}

channel_outcome program_channel::write_now(const std::string& data) {
    const int err = child_->write_all(data);
    if (err == 0) {
        return channel_outcome::done();
    }
    // The child closed its input or exited. Falco has no SIGPIPE handling and would die here;
    // we drop what is pending, reap the child and let the next message spawn a new one.
    buffer_.clear();
    reap_child(child_pipe::clock::now() + close_grace_);
    return channel_outcome::failed(
        "write to program output failed: " + program_ + " (error: " + errno_text(err) + ")",
        channel_outcome::report::by_worker);
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
    reap_child(deadline);
}

void program_channel::reap_child(child_pipe::clock::time_point deadline) {
    const auto info = child_->finish(deadline);
    child_.reset();
    if (info.killed) {
        log(log_level::error, "program: " + program_ + " did not exit within " +
                                  std::to_string(close_grace_.count()) +
                                  " ms after its input was closed; killed");
    }
}

channel_outcome program_channel::reopen() {
    // 0.44: pclose then popen at once, whatever keep_alive (outputs_program.cpp:63-66);
    // legacy: only keep_alive outputs react (docs/spec/legacy.md#program.reopen).
    if (prof_.reopen_requires_keep_alive && !keep_alive_) {
        return channel_outcome::done();
    }
    close_child();
    return spawn();
}

channel_outcome program_channel::close() {
    close_child();
    return channel_outcome::done();
}

}  // namespace falco_ref
