// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "falco_ref/format/decimal.hpp"
#include "falco_ref/json_value.hpp"

namespace falco_ref {

// Appends JSON text exactly as jsoncpp 0.10.6's FastWriter prints it, the writer Falco 0.15.3
// used for both halves of its JSON alert (docs/spec/legacy.md#53-string-escaping,
// docs/spec/legacy.md#json.number.float; jsoncpp@0.10.6:src/lib_json/json_writer.cpp). No U+FFFD
// replacement: bytes >= 0x80 are copied as they are. Writes straight into the caller's string; no
// DOM.
class jsoncpp_writer {
public:
    // valueToQuotedStringN (json_writer.cpp:228-289): \" \\ \b \f \n \r \t, other 0x00-0x1F
    // as \u00XX in upper case, everything else raw.
    void append_string(std::string& out, std::string_view s) const;
    // FastWriter::writeValue (json_writer.cpp:310-361): compact, members in key order
    // (Value::CZString::operator< is a memcmp-then-length compare, json_value.cpp:256-267,
    // i.e. the bytewise order of json_value::object).
    void append_value(std::string& out, const json_value& v) const;

    // valueToString(LargestInt/LargestUInt) (json_writer.cpp:81-103): plain decimal.
    static void append_int(std::string& out, std::int64_t v) { append_decimal(out, v); }
    static void append_uint(std::string& out, std::uint64_t v) { append_decimal(out, v); }
    // valueToString(double) (json_writer.cpp:117-147): printf "%.17g" (so 0.1 prints
    // 0.10000000000000001 and 2.0 prints 2), NaN as null, infinities as 1e+9999 / -1e+9999,
    // then fixNumericLocale turns ',' into '.'.
    static void append_double(std::string& out, double v);
};

}  // namespace falco_ref
