// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "falco_ref/format/decimal.hpp"
#include "falco_ref/json_value.hpp"

namespace falco_ref {

// Appends JSON text exactly as jsoncpp 1.9.5's FastWriter prints it, the writer of Falco's JSON
// alerts from 0.36 to 0.38 (jsoncpp@1.9.5:src/lib_json/json_writer.cpp). Unlike 0.10.6
// (`jsoncpp_writer`), 1.9.5 decodes strings as UTF-8 and escapes every code point from U+0080 up,
// in lower-case hexadecimal, with a lenient decoder of its own for ill-formed input; and it
// marks an integral double with `.0`. Writes straight into the caller's string; no DOM.
class jsoncpp_1_9_writer {
public:
    // valueToQuotedStringN with emitUTF8 false (json_writer.cpp:276-348): \" \\ \b \f \n \r \t;
    // every other code point below U+0020 and from U+0080 up as \uxxxx in lower case, U+10000
    // and up as a surrogate pair; ASCII from 0x20 raw. The code points come from
    // utf8ToCodepoint (json_writer.cpp:188-247), which trusts a first byte's length without
    // checking continuation bytes and yields U+FFFD for a sequence that is truncated by the end
    // of the string (one byte consumed), overlong, a surrogate, or led by 0xF8-0xFF.
    void append_string(std::string& out, std::string_view s) const;
    // FastWriter::writeValue (json_writer.cpp:381-431): compact, members in the bytewise key
    // order of Value::CZString::operator< (jsoncpp@1.9.5:src/lib_json/json_value.cpp:295-310).
    void append_value(std::string& out, const json_value& v) const;

    // valueToString(LargestInt/LargestUInt) (json_writer.cpp:94-116): plain decimal.
    static void append_int(std::string& out, std::int64_t v) { append_decimal(out, v); }
    static void append_uint(std::string& out, std::uint64_t v) { append_decimal(out, v); }
    // valueToString(double) (json_writer.cpp:126-171) with precision 17 and significant digits:
    // printf "%.17g", ',' turned into '.', then ".0" appended when the text has neither '.' nor
    // 'e' (2.0 prints 2.0, -0.0 prints -0.0); NaN as null, infinities as 1e+9999 / -1e+9999.
    static void append_double(std::string& out, double v);
};

}  // namespace falco_ref
