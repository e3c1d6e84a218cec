// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace falco_ref {

// Recycles the strings that carry formatted alerts from the reading thread (which formats) to
// the outputs worker (which delivers): without it every alert is allocated on one thread and
// freed on the other, and the two threads contend on the allocator's arena lock
// (bench/RESULTS.md section 4). The worker gives delivered lines back in batches; the producer
// takes them one at a time from its own stash, refilled in one locked step when empty.
// Bounded: at most k_max_pooled strings wait in the shared list (the rest are freed), and
// strings grown past k_max_capacity by a huge alert are freed instead of kept.
class line_buffer_pool {
public:
    static constexpr std::size_t k_max_pooled = 1024;
    static constexpr std::size_t k_max_capacity = 64 * 1024;
    static constexpr std::size_t k_publish_every = 64;

    // Producer side (any thread): an empty string, with a recycled line's capacity when one
    // is available.
    std::string take();

    // Consumer side (one thread): a line that is no longer needed. It becomes available to
    // take() once k_publish_every lines have been given back (or at publish()).
    void give_back(std::string&& line);

    // Consumer side: makes the lines given back so far available to take() now.
    void publish();

private:
    std::mutex producer_mutex_;  // only producers take it: uncontended in practice
    std::vector<std::string> producer_stash_;
    std::mutex shared_mutex_;  // the hand-over point between the two threads
    std::vector<std::string> shared_;
    std::vector<std::string> consumer_stash_;  // consumer thread only
    // Set while shared_ is full (nobody takes): give_back() then frees at once instead of
    // stashing lines that publish() would free anyway.
    std::atomic<bool> full_{false};
};

}  // namespace falco_ref
