// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mocks {

// Absolute paths of the mock programs: installed next to the running program, else in the build
// tree (install_layout.hpp).
std::string mock_syslog_path();
std::string mock_http_path();
std::string capture_path();

// A mock program started as a child process. start() returns once the program printed its
// READY line (or throws std::runtime_error with the program's stderr if it exits or the
// deadline passes first). The destructor stops it (SIGTERM, then waits).
class mock_process {
public:
    static mock_process start(const std::vector<std::string>& argv,
                              std::chrono::milliseconds timeout = std::chrono::seconds(10));
    mock_process(mock_process&&) noexcept;
    mock_process& operator=(mock_process&&) noexcept;
    mock_process(const mock_process&) = delete;
    mock_process& operator=(const mock_process&) = delete;
    ~mock_process();

    // The READY line without "READY " and without its newline, e.g. "http=41234 https=41235".
    const std::string& ready() const { return ready_; }
    // The value of `key=VALUE` in the READY line.
    std::optional<std::string> ready_value(std::string_view key) const;
    pid_t pid() const { return pid_; }

    // SIGTERM and wait for the exit; returns the exit status. Idempotent.
    int stop();

private:
    mock_process() = default;
    pid_t pid_ = -1;
    std::string ready_;
    int status_ = 0;
};

}  // namespace mocks
