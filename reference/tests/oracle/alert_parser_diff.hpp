// SPDX-License-Identifier: Apache-2.0
#pragma once

// Differential check of alert_parser against rapidjson_alert_parser (its oracle), shared by the
// differential unit test and the differential fuzzer.

#include <cstring>
#include <string>
#include <string_view>
#include <variant>

#include "falco_ref/alert.hpp"
#include "falco_ref/alert_parser.hpp"
#include "rapidjson_alert_parser.hpp"

namespace falco_ref::diff {

// Empty when `a` and `b` hold the same value of the same kind; otherwise where they differ.
// Doubles are compared bit for bit (-0.0 is not 0.0).
inline std::string compare_values(const json_value& a, const json_value& b,
                                  const std::string& path) {
    if (a.get().index() != b.get().index()) {
        return path + ": kinds differ";
    }
    struct visitor {
        const json_value::storage& other;
        const std::string& path;
        std::string operator()(std::nullptr_t) const { return {}; }
        std::string operator()(bool v) const {
            return v == std::get<bool>(other) ? std::string() : path + ": bools differ";
        }
        std::string operator()(std::int64_t v) const {
            return v == std::get<std::int64_t>(other) ? std::string() : path + ": ints differ";
        }
        std::string operator()(std::uint64_t v) const {
            return v == std::get<std::uint64_t>(other) ? std::string() : path + ": uints differ";
        }
        std::string operator()(double v) const {
            const double w = std::get<double>(other);
            return std::memcmp(&v, &w, sizeof v) == 0 ? std::string() : path + ": doubles differ";
        }
        std::string operator()(const std::string& v) const {
            return v == std::get<std::string>(other) ? std::string() : path + ": strings differ";
        }
        std::string operator()(const json_value::array& v) const {
            const auto& w = std::get<json_value::array>(other);
            if (v.size() != w.size()) {
                return path + ": array sizes differ";
            }
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (auto d = compare_values(v[i], w[i], path + "[" + std::to_string(i) + "]");
                    !d.empty()) {
                    return d;
                }
            }
            return {};
        }
        std::string operator()(const json_value::object& v) const {
            const auto& w = std::get<json_value::object>(other);
            if (v.size() != w.size()) {
                return path + ": object sizes differ";
            }
            for (auto i = v.begin(), j = w.begin(); i != v.end(); ++i, ++j) {
                if (i->first != j->first) {
                    return path + ": keys differ";
                }
                if (auto d = compare_values(i->second, j->second, path + "." + i->first);
                    !d.empty()) {
                    return d;
                }
            }
            return {};
        }
    };
    return std::visit(visitor{b.get(), path}, a.get());
}

// Empty when both alerts are equal in every field.
inline std::string compare_alerts(const alert& a, const alert& b) {
    if (a.time_ns != b.time_ns) {
        return "time_ns differs";
    }
    if (a.rule != b.rule) {
        return "rule differs";
    }
    if (a.prio != b.prio) {
        return "prio differs";
    }
    if (a.priority_text != b.priority_text) {
        return "priority_text differs";
    }
    if (a.source != b.source) {
        return "source differs";
    }
    if (a.tags != b.tags) {
        return "tags differ";
    }
    if (a.message != b.message) {
        return "message differs";
    }
    return compare_values(json_value(a.output_fields), json_value(b.output_fields),
                          "output_fields");
}

// The error up to the reason: "invalid JSON at offset N" for a JSON syntax error (the wording
// after it is RapidJSON's or the new parser's own), the whole reason otherwise.
inline std::string_view error_key(std::string_view error) {
    constexpr std::string_view json_prefix = "invalid JSON at offset ";
    if (error.substr(0, json_prefix.size()) == json_prefix) {
        return error.substr(0, error.find(':'));
    }
    return error;
}

// Parses `line` with both parsers, each into its own (possibly reused) alert; empty when both
// accept with equal alerts or both reject with the same reason (same offset for JSON errors).
inline std::string compare_parsers(const profile& prof, std::string_view line, alert& mine,
                                   alert& oracle) {
    std::string mine_error, oracle_error;
    const bool mine_ok = alert_parser(prof).parse(line, mine, mine_error);
    const bool oracle_ok = rapidjson_alert_parser(prof).parse(line, oracle, oracle_error);
    if (mine_ok != oracle_ok) {
        return std::string("accepted by ") + (mine_ok ? "alert_parser" : "the oracle") +
               " only; rejected with: " + (mine_ok ? oracle_error : mine_error);
    }
    if (!mine_ok) {
        std::string skipped_error;
        alert skipped;
        if (alert_parser(prof, alert_parser::fields::skip).parse(line, skipped, skipped_error)) {
            return "accepted only when output_fields are skipped";
        }
        if (skipped_error != mine_error) {
            return "different reasons when output_fields are skipped: \"" + skipped_error +
                   "\" instead of \"" + mine_error + "\"";
        }
        if (error_key(mine_error) != error_key(oracle_error)) {
            return "different reasons: alert_parser \"" + mine_error + "\", oracle \"" +
                   oracle_error + "\"";
        }
        return {};
    }
    if (std::string d = compare_alerts(mine, oracle); !d.empty()) {
        return d;
    }
    // The text formats' parser (output_fields read and checked, not stored): the same
    // decision, the same error, the same alert without output_fields.
    alert skipped;
    std::string skipped_error;
    if (!alert_parser(prof, alert_parser::fields::skip).parse(line, skipped, skipped_error)) {
        return "rejected only when output_fields are skipped: " + skipped_error;
    }
    if (!skipped.output_fields.empty()) {
        return "output_fields stored although skipped";
    }
    alert oracle_without_fields = oracle;
    oracle_without_fields.output_fields.clear();
    return compare_alerts(skipped, oracle_without_fields);
}

}  // namespace falco_ref::diff
