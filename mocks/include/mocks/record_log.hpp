// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace mocks {

// An O_APPEND record file. Each append() is one write(2), so several processes can share
// the file and a reader never sees a record interleaved with another one.
class record_log {
public:
    // Throws std::runtime_error naming the path when it cannot be opened.
    explicit record_log(const std::string& path);
    ~record_log();
    record_log(const record_log&) = delete;
    record_log& operator=(const record_log&) = delete;

    void append(std::string_view record) const;

private:
    int fd_ = -1;
};

}  // namespace mocks
