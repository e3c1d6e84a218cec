// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "falco_ref/alert.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/output_message.hpp"
#include "sample_alert.hpp"

namespace falco_bench {

// The alert sizes every micro benchmark runs at: output_fields of about 100 B, 1 KiB, 4 KiB.
inline const std::vector<long>& field_sizes() {
    static const std::vector<long> sizes{100, 1024, 4096};
    return sizes;
}

// A ring of distinct alerts of one size, so a benchmark does not format the very same bytes
// over and over (which would flatter branch prediction and caches).
class micro_alerts {
public:
    static constexpr std::size_t k_count = 64;

    explicit micro_alerts(std::size_t fields_bytes);

    const falco_ref::alert& at(std::size_t i) const { return alerts_[i % k_count]; }
    const std::string& contract_line(std::size_t i) const { return lines_[i % k_count]; }

private:
    std::vector<falco_ref::alert> alerts_;
    std::vector<std::string> lines_;  // the same alerts as contract JSON lines, without '\n'
};

// The sample alert in the reference's types.
falco_ref::alert to_reference_alert(const sample_alert& s);

// A 0.44 config with the given format; FALCO_HOSTNAME-like fixed hostname.
falco_ref::config micro_config(bool json);

// Formatted messages of one size in the given format, for the channel benchmarks.
std::vector<falco_ref::output_message> formatted_messages(std::size_t fields_bytes, bool json);

}  // namespace falco_bench
