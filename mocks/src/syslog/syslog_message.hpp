// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mocks {

// One received syslog message, parsed as RFC 3164 (the form glibc's syslog(3) writes) or
// RFC 5424; `format` is "malformed" with `error` set when it is neither.
struct syslog_message {
    std::string format;
    std::optional<int> pri;
    std::optional<std::string> timestamp, host, ident;
    std::optional<long> pid;
    std::optional<std::string> msgid, structured_data;
    std::string msg;
    std::string error;

    static syslog_message parse(std::string_view raw);
    static syslog_message malformed(std::string error);
};

}  // namespace mocks
