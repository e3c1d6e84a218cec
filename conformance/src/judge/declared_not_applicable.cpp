// SPDX-License-Identifier: Apache-2.0
#include "judge/declared_not_applicable.hpp"

#include <sys/wait.h>

namespace conformance {

namespace {

bool delivered_anything(const golden_case& c, const channel_reader& channels) {
    if (!channels.content({channel::std_out}).empty()) {
        return true;
    }
    for (const auto kind : {channel::syslog, channel::http, channel::program}) {
        if (!channels.records({kind}).empty()) {
            return true;
        }
    }
    for (const auto& [path, expected] : c.expect.files) {
        if (!channels.content({channel::file, path}).empty()) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<std::string> declared_not_applicable(const golden_case& c,
                                                   const channel_reader& channels,
                                                   std::optional<int> wait_status) {
    if (!wait_status || !WIFEXITED(*wait_status) ||
        WEXITSTATUS(*wait_status) != k_exit_not_applicable ||
        c.expect.exit_code == k_exit_not_applicable || delivered_anything(c, channels)) {
        return std::nullopt;
    }
    const auto lines = channels.records({channel::std_err});
    return "the implementation declared the case not applicable (exit 77): " +
           (lines.empty() ? std::string("(nothing on stderr)") : lines.front());
}

}  // namespace conformance
