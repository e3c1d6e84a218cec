// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <charconv>
#include <string>

namespace falco_ref {

// Appends an integer in plain decimal, which is how both of Falco's JSON writers print
// integers over the whole int64/uint64 range (nlohmann@v3.11.3 serializer.hpp:714, dump_integer;
// jsoncpp@0.10.6 json_writer.cpp:81-103, valueToString).
template <typename Integer>
void append_decimal(std::string& out, Integer v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

}  // namespace falco_ref
