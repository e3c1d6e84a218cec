// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace replay {

// One value of an alert's `output_fields`, with the JSON kind the contract keeps apart
// (conformance/PROTOCOL.md section 2: `2` is an integer, `2.0` a floating-point number, integers
// above 2^63-1 are unsigned). Strings are bytes: NUL and invalid UTF-8 are kept.
struct replay_value {
    enum class kind { null, boolean, int64, uint64, floating, string, array };

    kind what = kind::null;
    bool boolean = false;
    std::int64_t int64 = 0;
    std::uint64_t uint64 = 0;
    double floating = 0;
    std::string text;                 // string; also the number's source text for floating
    std::vector<replay_value> items;  // array

    // A non-negative integer, whichever kind holds it (the only integers a plugin field can
    // carry: plugin fields are uint64, docs/REAL-FALCO.md section 2).
    bool is_unsigned_integer() const {
        return what == kind::uint64 || (what == kind::int64 && int64 >= 0);
    }
    std::uint64_t as_unsigned() const {
        return what == kind::uint64 ? uint64 : static_cast<std::uint64_t>(int64);
    }
};

}  // namespace replay
