// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace falco_bench {

// One run of an implementation or of a baseline loop, as measured and as counted at the sink.
struct run_measure {
    double wall_s = 0;
    double user_s = 0;  // implementation: the child and the children it waited for (wait4)
    double sys_s = 0;
    std::optional<long> max_rss_kb;  // implementation only (ru_maxrss)
    int exit_code = 0;               // implementation: exit status, 128+n for signal n
    std::string error;               // why the run failed, empty when it did not

    std::uint64_t sent = 0;       // alerts given
    std::uint64_t delivered = 0;  // alerts counted at the receiving end
    std::uint64_t bytes = 0;      // payload bytes counted at the receiving end

    bool complete() const { return error.empty() && exit_code == 0 && delivered == sent; }
    double alerts_per_s() const { return wall_s > 0 ? double(delivered) / wall_s : 0; }
    double mb_per_s() const { return wall_s > 0 ? double(bytes) / 1e6 / wall_s : 0; }
};

}  // namespace falco_bench
