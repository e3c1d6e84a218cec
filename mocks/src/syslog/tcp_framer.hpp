// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mocks {

// Splits a syslog TCP stream into messages: octet counting ("LEN SP MSG", RFC 6587 3.4.1)
// when a frame starts with a digit, otherwise newline-terminated (3.4.2). Both may alternate.
class tcp_framer {
public:
    struct frame {
        std::string bytes;
        std::string error;  // non-empty: `bytes` is what could not be framed
    };

    std::vector<frame> feed(std::string_view data);
    // The connection closed: whatever is left becomes a last frame (or an error).
    std::vector<frame> finish();

private:
    std::string buffer_;
};

}  // namespace mocks
