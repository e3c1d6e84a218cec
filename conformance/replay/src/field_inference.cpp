// SPDX-License-Identifier: Apache-2.0
#include "field_inference.hpp"

#include <algorithm>
#include <array>

namespace replay {

namespace {

// What one value needs as a plugin type; "" with `why` set when no plugin type carries it.
std::string type_of(const replay_value& v, std::string& why) {
    switch (v.what) {
        case replay_value::kind::null:
            if (!v.text.empty()) {
                why = "an object value";
            }
            return "";
        case replay_value::kind::boolean:
            return "bool";
        case replay_value::kind::string:
            if (v.text.find('\0') != std::string::npos) {
                why = "a string with NUL (plugin strings are C strings)";
                return "";
            }
            return "string";
        case replay_value::kind::int64:
        case replay_value::kind::uint64:
            if (v.is_unsigned_integer()) {
                return "uint64";
            }
            why = "a negative integer (plugin integers are uint64)";
            return "";
        case replay_value::kind::floating:
            why = "a floating-point value (no plugin field type is a number with a fraction)";
            return "";
        case replay_value::kind::array:
            why = "a list value (list fields are not replayed)";
            return "";
    }
    return "";
}

}  // namespace

bool field_inference::is_falco_computed(const std::string& base) {
    // libs@0.25.4:userspace/libsinsp/sinsp_filtercheck_gen_event.cpp: these depend only on the
    // event timestamp, which the plugin sets to the alert's `time`, or on FALCO_HOSTNAME.
    static constexpr std::array<const char*, 9> k_computed = {
        "evt.time",    "evt.time.s",    "evt.time.iso8601", "evt.datetime", "evt.datetime.s",
        "evt.rawtime", "evt.rawtime.s", "evt.rawtime.ns",   "evt.hostname"};
    return std::find(k_computed.begin(), k_computed.end(), base) != k_computed.end();
}

std::vector<std::string> field_inference::add(const replay_alert& alert,
                                              const output_template& tmpl) {
    std::vector<std::string> problems;
    for (const auto& tok : tmpl.tokens()) {
        if (!tok.is_field) {
            continue;
        }
        if (tok.base.starts_with("evt.")) {
            if (!is_falco_computed(tok.base)) {
                problems.push_back("'%" + tok.text +
                                   "' is a built-in field of every source (docs/REAL-FALCO.md "
                                   "section 3): Falco, not the alert, gives its value");
            }
            continue;
        }
        const auto* value = alert.field(tok.text);
        if (!value) {
            problems.push_back("'%" + tok.text + "' has no value in output_fields");
            continue;
        }
        auto [it, fresh] = fields_.try_emplace(tok.base);
        auto& s = it->second;
        if (fresh) {
            s.field.name = tok.base;
            s.field.type = "string";
            s.order = fields_.size();
        }
        s.field.has_argument = s.field.has_argument || tok.argument.has_value();
        if (value->what == replay_value::kind::null && value->text.empty()) {
            continue;
        }
        std::string why;
        const auto type = type_of(*value, why);
        if (type.empty()) {
            problems.push_back("'" + tok.text + "' holds " + why);
            continue;
        }
        if (s.typed && s.field.type != type) {
            problems.push_back("'" + tok.base + "' is " + s.field.type + " in one alert and " +
                               type + " in another (a plugin field has one type)");
            continue;
        }
        s.field.type = type;
        s.typed = true;
    }
    return problems;
}

std::vector<plugin_field> field_inference::fields() const {
    std::vector<const seen*> order;
    for (const auto& [name, s] : fields_) {
        order.push_back(&s);
    }
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->order < b->order; });
    std::vector<plugin_field> out;
    for (const auto* s : order) {
        out.push_back(s->field);
    }
    return out;
}

}  // namespace replay
