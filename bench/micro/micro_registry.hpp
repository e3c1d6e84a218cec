// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace falco_bench {

// Each benchmark file registers its cases; main() calls these in this order, so the listing
// reads formatting, channels, queue.
void register_format_benchmarks();
void register_channel_benchmarks();
void register_outputs_benchmarks();

}  // namespace falco_bench
