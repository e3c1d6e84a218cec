// SPDX-License-Identifier: Apache-2.0
#include "judge/json_explainer.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>
#include <vector>

#include "judge/line_diff.hpp"

namespace conformance {

namespace {

using rapidjson::Value;

// Member lookup by exact bytes (keys may contain NUL).
const Value& member(const Value& object, const std::string& key) {
    return object.FindMember(Value(rapidjson::StringRef(key.data(), key.size())))->value;
}

std::string kind_name(const Value& v) {
    if (v.IsNull()) {
        return "null";
    }
    if (v.IsBool()) {
        return "boolean";
    }
    if (v.IsObject()) {
        return "object";
    }
    if (v.IsArray()) {
        return "array";
    }
    if (v.IsString()) {
        return "string";
    }
    if (v.IsDouble()) {
        return "floating point";
    }
    if (v.IsUint64() && !v.IsInt64()) {
        return "unsigned integer";
    }
    return "integer";
}

std::string render(const Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    std::string text(buffer.GetString(), buffer.GetSize());
    if (text.size() > 120) {
        text = text.substr(0, 117) + "...";
    }
    return escape_visible(text);
}

// "integer 2", "string \"x\"", but plain "null".
std::string typed(const Value& v) {
    return v.IsNull() ? "null" : kind_name(v) + " " + render(v);
}

std::string child_path(const std::string& path, std::string_view key) {
    const bool simple =
        !key.empty() &&
        key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") ==
            std::string_view::npos;
    return simple ? path + "." + std::string(key) : path + "[\"" + escape_visible(key) + "\"]";
}

std::string key_list(const Value& object) {
    std::string out;
    for (const auto& m : object.GetObject()) {
        out += (out.empty() ? "" : ",") +
               escape_visible(std::string_view(m.name.GetString(), m.name.GetStringLength()));
    }
    return out;
}

// The first difference below `path`, or "" when equal. With `check_order` false, member order
// is ignored: the caller first looks for a real value difference (the more useful message),
// and only when there is none for the outermost object whose keys are out of order.
std::string compare(const Value& e, const Value& a, const std::string& path, bool check_order) {
    if (kind_name(e) != kind_name(a)) {
        return "type differs at " + path + ": expected " + typed(e) + ", got " + typed(a);
    }
    if (e.IsObject()) {
        std::vector<std::string> ek, ak;
        for (const auto& m : e.GetObject()) {
            ek.emplace_back(m.name.GetString(), m.name.GetStringLength());
        }
        for (const auto& m : a.GetObject()) {
            ak.emplace_back(m.name.GetString(), m.name.GetStringLength());
        }
        const std::set<std::string> es(ek.begin(), ek.end()), as(ak.begin(), ak.end());
        for (const auto& k : ek) {
            if (!as.count(k)) {
                return "missing key " + child_path(path, k) + " (expected " + render(member(e, k)) +
                       ")";
            }
        }
        for (const auto& k : ak) {
            if (!es.count(k)) {
                return "unexpected key " + child_path(path, k) + " = " + render(member(a, k));
            }
        }
        if (ek.size() != ak.size()) {
            return "duplicate keys at " + path + ": expected " + key_list(e) + " got " +
                   key_list(a);
        }
        if (check_order && ek != ak) {
            return "keys out of order at " + path + ": expected " + key_list(e) + " got " +
                   key_list(a);
        }
        for (const auto& m : e.GetObject()) {
            const std::string k(m.name.GetString(), m.name.GetStringLength());
            if (auto d = compare(m.value, member(a, k), child_path(path, k), check_order);
                !d.empty()) {
                return d;
            }
        }
        return "";
    }
    if (e.IsArray()) {
        for (rapidjson::SizeType i = 0; i < e.Size() && i < a.Size(); ++i) {
            if (auto d = compare(e[i], a[i], path + "[" + std::to_string(i) + "]", check_order);
                !d.empty()) {
                return d;
            }
        }
        if (e.Size() != a.Size()) {
            return "array length differs at " + path + ": expected " + std::to_string(e.Size()) +
                   " elements, got " + std::to_string(a.Size());
        }
        return "";
    }
    if (e != a) {
        return "value differs at " + path + ": expected " + render(e) + ", got " + render(a);
    }
    return "";
}

bool parse(std::string_view text, rapidjson::Document& doc) {
    // Default flags reject trailing text after the value: a line must be exactly one JSON text.
    // Default precision too: RapidJSON 1.1.0's full-precision path is undefined behaviour for
    // long mantissas (clz(0) in internal/diyfp.h). Explanations only; the verdict compares bytes.
    doc.Parse(text.data(), text.size());
    return !doc.HasParseError();
}

}  // namespace

std::optional<std::string> explain_json_difference(std::string_view expected,
                                                   std::string_view actual) {
    if (expected == actual) {
        return std::nullopt;
    }
    rapidjson::Document e, a;
    const auto start = [](std::string_view s) { return s.find_first_not_of(" \t\r"); };
    if (start(expected) == std::string_view::npos || start(actual) == std::string_view::npos) {
        return std::nullopt;
    }
    const char first_e = expected[start(expected)], first_a = actual[start(actual)];
    if ((first_e != '{' && first_e != '[') || (first_a != '{' && first_a != '[')) {
        return std::nullopt;  // only objects and arrays: a bare word is not worth explaining
    }
    if (!parse(expected, e)) {
        return std::nullopt;
    }
    if (!parse(actual, a)) {
        return "expected JSON, got text that is not JSON (" +
               std::string(rapidjson::GetParseError_En(a.GetParseError())) + " at column " +
               std::to_string(a.GetErrorOffset() + 1) + ")";
    }
    if (auto d = compare(e, a, "$", false); !d.empty()) {
        return d;
    }
    if (auto d = compare(e, a, "$", true); !d.empty()) {
        return d;
    }
    std::size_t column = 0;
    while (column < expected.size() && column < actual.size() &&
           expected[column] == actual[column]) {
        ++column;
    }
    const auto around = [&](std::string_view s) {
        const std::size_t from = column > 10 ? column - 10 : 0;
        return escape_visible(s.substr(from, 30));
    };
    return "same JSON value, different serialisation (escaping, number spelling or spacing) at "
           "column " +
           std::to_string(column + 1) + ": expected ..." + around(expected) + "... got ..." +
           around(actual) + "...";
}

}  // namespace conformance
