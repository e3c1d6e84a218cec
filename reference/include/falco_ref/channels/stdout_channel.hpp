// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

// stdout_output (docs/spec/common.md#62-standard-output): `line + "\n"` through C stdio's
// `stdout`, which Falco's std::cout is synced with and which the HTTP echo also writes to, so
// their bytes interleave as in Falco. Unbuffered: flushed after each alert. Buffered: stdio's
// own policy (line-buffered on a TTY, fully on a pipe or file), flushed at close. A write that
// fails at once (unbuffered, or a full buffer) is a failed delivery that Falco would not
// notice: counted, not logged.
class stdout_channel : public channel {
public:
    explicit stdout_channel(const config& cfg);

    std::string_view name() const override { return "stdout"; }
    channel_outcome deliver(const output_message& msg) override;
    channel_outcome close() override;

private:
    const bool buffered_;
};

}  // namespace falco_ref
