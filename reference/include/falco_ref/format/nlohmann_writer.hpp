// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <stdexcept>
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
    // What dump() does with ill-formed UTF-8: `replace` is the handler Falco 0.44 passes; `strict`
    // is dump()'s default, which Falco 0.39 to 0.43 use: it throws
    // (docs/spec/0.41-0.43.md#json.utf8,
    // nlohmann@v3.11.3:include/nlohmann/detail/output/serializer.hpp:507-513,600-606).
    enum class utf8_errors { replace, strict };

    // nlohmann's type_error 316, thrown by append_string in `strict` mode; what() is nlohmann's
    // own text, e.g. `[json.exception.type_error.316] invalid UTF-8 byte at index 35: 0xFF`.
    class invalid_utf8 : public std::runtime_error {
    public:
        using std::runtime_error::runtime_error;
    };

    explicit nlohmann_writer(utf8_errors errors = utf8_errors::replace) : errors_(errors) {}

    // A quoted, escaped string (serializer.hpp:391-630, dump_escaped). Throws invalid_utf8 in
    // `strict` mode at the first ill-formed sequence, as dump_escaped does.
    void append_string(std::string& out, std::string_view s) const;
    // Any value; objects in key order (json_value::object is a std::map, i.e. bytewise sorted).
    void append_value(std::string& out, const json_value& v) const;

    static void append_int(std::string& out, std::int64_t v) { append_decimal(out, v); }
    static void append_uint(std::string& out, std::uint64_t v) { append_decimal(out, v); }
    // Grisu2 digits and nlohmann's layout; NaN and infinities print `null`
    // (serializer.hpp:799-826, dump_float).
    static void append_double(std::string& out, double v);

private:
    utf8_errors errors_;
};

}  // namespace falco_ref
