// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace falco_ref {

// A typed JSON value as it arrives in an alert's `output_fields`. Numbers keep the kind the
// input had (signed, unsigned, floating point) because Falco's writers print each kind
// differently; strings are raw bytes (they may hold invalid UTF-8 or NUL: escaping and U+FFFD
// replacement are the serialiser's job, per profile). Objects are std::map, i.e. sorted
// bytewise, which is the key order of both of Falco's JSON writers.
class json_value {
public:
    using array = std::vector<json_value>;
    using object = std::map<std::string, json_value>;
    using storage = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double,
                                 std::string, array, object>;

    json_value() : value_(nullptr) {}
    template <typename T>
    json_value(T v) : value_(std::move(v)) {}

    const storage& get() const { return value_; }
    storage& get() { return value_; }

private:
    storage value_;
};

}  // namespace falco_ref
