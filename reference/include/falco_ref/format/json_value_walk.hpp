// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "falco_ref/json_value.hpp"

namespace falco_ref {

// Calls f(first, key, value) for each member of `obj`, in bytewise key order: both of Falco's
// JSON writers keep members in a std::map.
template <typename F>
void for_each_member(const json_value::object& obj, F&& f) {
    bool first = true;
    for (const auto& [key, value] : obj) {
        f(first, key, value);
        first = false;
    }
}

// The compact structure both writers share (`[a,b]`, `{"k":v}`, null/true/false); strings and
// numbers, where Falco's two libraries differ, come from the writer:
// w.append_string(out, s), W::append_int/append_uint/append_double(out, x).
template <typename Writer>
void append_json_value(const Writer& w, std::string& out, const json_value& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out.append("null");
            } else if constexpr (std::is_same_v<T, bool>) {
                out.append(x ? "true" : "false");
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                Writer::append_int(out, x);
            } else if constexpr (std::is_same_v<T, std::uint64_t>) {
                Writer::append_uint(out, x);
            } else if constexpr (std::is_same_v<T, double>) {
                Writer::append_double(out, x);
            } else if constexpr (std::is_same_v<T, std::string>) {
                w.append_string(out, x);
            } else if constexpr (std::is_same_v<T, json_value::array>) {
                out.push_back('[');
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i > 0) {
                        out.push_back(',');
                    }
                    append_json_value(w, out, x[i]);
                }
                out.push_back(']');
            } else {
                out.push_back('{');
                for_each_member(x,
                                [&](bool first, const std::string& key, const json_value& value) {
                                    if (!first) {
                                        out.push_back(',');
                                    }
                                    w.append_string(out, key);
                                    out.push_back(':');
                                    append_json_value(w, out, value);
                                });
                out.push_back('}');
            }
        },
        v.get());
}

}  // namespace falco_ref
