// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ctime>
#include <string>

#include "falco_ref/alert.hpp"

namespace falco_bench {

// The JSON peer: what Falco 0.44.1 does for a rule alert, written the straightforward way
// with nlohmann::json (falco@0.44.1:userspace/engine/formats.cpp:94-161; docs/spec/0.44.md):
// a std::map-backed object with hostname, output
// (the text line), output_fields (the fields plus evt.time), priority, rule, source, tags (a
// std::set: sorted, unique) and time, then dump(-1, ' ', false, replace).
//
// Simplification in the peer's favour: Falco builds output_fields by having libsinsp write
// them as jsoncpp text and parsing that text with nlohmann::json::parse
// (falco@0.44.1:userspace/engine/formats.cpp:126-159); the peer converts the typed values
// directly, which is cheaper. The local-time offset is cached per wall-clock second as the
// reference does, so the comparison is about building and serialising JSON, not the clock.
class nlohmann_peer {
public:
    explicit nlohmann_peer(std::string hostname) : hostname_(std::move(hostname)) {}

    std::string format(const falco_ref::alert& a) const;

private:
    std::string text_line(const falco_ref::alert& a) const;
    long offset_seconds() const;

    std::string hostname_;
    mutable std::time_t offset_at_ = -1;
    mutable long offset_ = 0;
};

}  // namespace falco_bench
