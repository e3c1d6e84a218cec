// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "falco_ref/format/decimal.hpp"
#include "falco_ref/json_value.hpp"

namespace falco_ref {

// Appends JSON text exactly as nlohmann::json 3.11.3 prints it with
// dump(-1, ' ', false, error_handler_t::replace), the call Falco 0.44.1 makes for rule alerts
// (docs/spec/0.44.md#json.layout, docs/spec/0.44.md#53-string-escaping): compact, keys in bytewise
// order, raw UTF-8, ill-formed UTF-8 replaced by U+FFFD. Writes straight into the caller's string;
// no DOM.
class nlohmann_writer {
public:
    // A quoted, escaped string (serializer.hpp:391-630, dump_escaped).
    void append_string(std::string& out, std::string_view s) const;
    // Any value; objects in key order (json_value::object is a std::map, i.e. bytewise sorted).
    void append_value(std::string& out, const json_value& v) const;

    static void append_int(std::string& out, std::int64_t v) { append_decimal(out, v); }
    static void append_uint(std::string& out, std::uint64_t v) { append_decimal(out, v); }
    // Grisu2 digits and nlohmann's layout; NaN and infinities print `null`
    // (serializer.hpp:799-826, dump_float).
    static void append_double(std::string& out, double v);
};

}  // namespace falco_ref
