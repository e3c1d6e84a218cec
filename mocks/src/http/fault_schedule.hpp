// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace mocks {

// What to do with one request.
struct fault {
    std::optional<int> status;
    std::optional<int> delay_ms;
    // "", "close" (drop without answering), "hang" (never answer), "hold" (answer as the other
    // settings say once the server is released: SIGUSR1)
    std::string action;
};

// Faults by 1-based request index (arrival order over all connections), from specs
// `INDEX:status=N`, `INDEX:delay_ms=N`, `INDEX:close`, `INDEX:hang`, `INDEX:hold`, INDEX `*` =
// every request. Specs for the same index combine; an index's own settings win over `*`.
class fault_schedule {
public:
    // Throws usage_error naming `origin` (e.g. "--fault" or "FILE:3") and the spec.
    void add(const std::string& spec, const std::string& origin);
    void add_file(const std::string& path);
    fault for_request(std::uint64_t index) const;

private:
    static void merge(fault& into, const fault& from);
    std::optional<fault> every_;
    std::map<std::uint64_t, fault> by_index_;
};

}  // namespace mocks
