// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"

namespace conformance {

// What one channel of a `delivery` expectation showed: its records in arrival order (lines of
// stdout or a file, syslog messages, HTTP bodies, lines the capture program read).
struct observed_channel {
    std::string name;  // as written in `delivery.channels`
    std::vector<std::string> records;
};

// The black-box accounting of golden/README.md `expect.delivery`: each channel's sequence
// numbers must be strictly increasing (FIFO, no duplicates) within 1..sent, every channel must
// hold the same set (Falco drops at the queue, before the fan-out), and with `loss: none`
// every channel has all of them. Returns nullopt when all holds, else one failure whose detail
// has a line per channel (counts, first missing, duplicated or out-of-order number).
std::optional<failure> check_delivery(const delivery_spec& spec,
                                      const std::vector<observed_channel>& observed);

}  // namespace conformance
