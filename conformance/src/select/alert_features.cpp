// SPDX-License-Identifier: Apache-2.0
#include "select/alert_features.hpp"

#include "cases/profile_catalog.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <set>

#include "select/effective_config.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

using rapidjson::Value;

std::string serialise(const Value* v) {
    if (!v) {
        return "";
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v->Accept(w);
    return {buffer.GetString(), buffer.GetSize()};
}

bool has_nul(const Value& v) {
    if (v.IsString()) {
        return std::string_view(v.GetString(), v.GetStringLength()).find('\0') !=
               std::string_view::npos;
    }
    if (v.IsArray()) {
        for (const auto& e : v.GetArray()) {
            if (has_nul(e)) {
                return true;
            }
        }
    }
    return false;
}

// A % that does not start a field reference (%name).
bool literal_percent(std::string_view text, bool is_template) {
    for (std::size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 1)) {
        if (!is_template) {
            return true;
        }
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        const bool field =
            (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_';
        if (!field) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<std::string> derive_alert_features(std::string_view alerts_jsonl,
                                               bool prints_json_output_fields) {
    std::set<std::string> features;
    std::set<std::string> sources;
    std::map<std::string, std::string> rule_shape;  // rule -> template|priority|tags
    for (const auto& line : all_lines(alerts_jsonl)) {
        rapidjson::Document a;
        a.Parse(line.data(), line.size());
        if (a.HasParseError() || !a.IsObject()) {
            continue;
        }
        const auto member = [&](const char* key) -> const Value* {
            const auto it = a.FindMember(key);
            return it == a.MemberEnd() ? nullptr : &it->value;
        };
        const auto* source = member("source");
        sources.insert(source && source->IsString() ? source->GetString() : "syscall");
        const auto* tmpl = member("output_template");
        const auto* message = member("message");
        const auto* fields = member("output_fields");
        bool extra_fields = false;
        if (fields && fields->IsObject()) {
            for (const auto& f : fields->GetObject()) {
                const std::string_view name(f.name.GetString(), f.name.GetStringLength());
                extra_fields |= name != "evt.time" && name != "evt.time.iso8601";
                if (f.value.IsInt64() && f.value.GetInt64() < 0) {
                    features.insert("alerts:negative-int");
                }
                if (f.value.IsDouble()) {
                    features.insert("alerts:float");
                }
                if (f.value.IsArray()) {
                    features.insert("alerts:list");
                }
                if (has_nul(f.value)) {
                    features.insert("alerts:nul");
                }
            }
        }
        if (extra_fields && !tmpl) {
            features.insert("alerts:fields-without-template");
        }
        for (const auto* text : {member("rule"), message, tmpl}) {
            if (text && has_nul(*text)) {
                features.insert("alerts:nul");
            }
        }
        const auto* pct = tmpl ? tmpl : message;
        if (pct && pct->IsString() &&
            literal_percent({pct->GetString(), pct->GetStringLength()}, tmpl != nullptr)) {
            features.insert("alerts:literal-percent");
        }
        const auto* rule = member("rule");
        if (rule && rule->IsString()) {
            const auto shape = serialise(tmpl) + "|" + serialise(member("priority")) + "|" +
                               serialise(member("tags"));
            const auto [it, inserted] = rule_shape.emplace(rule->GetString(), shape);
            if (!inserted && it->second != shape) {
                features.insert("alerts:rule-varies");
            }
        }
    }
    if (sources.size() > 1) {
        features.insert("alerts:sources>1");
    }
    if (prints_json_output_fields) {
        for (const auto& f : std::set<std::string>(features)) {
            features.insert(f + "+json-fields");
        }
        features.insert("json-fields");
    }
    return {features.begin(), features.end()};
}

bool prints_json_output_fields(const std::optional<std::string>& config,
                               const std::vector<std::string>& args, std::string_view profile) {
    return prints_json_output_fields(effective_config(config, args), profile);
}

bool prints_json_output_fields(const effective_config& effective, std::string_view profile) {
    if (!effective.readable()) {
        return true;  // a limit that excludes JSON cases must not let an unread one through
    }
    if (!effective.boolean("json_output").value_or(false)) {
        return false;
    }
    // Before 0.41 (and in legacy) there is no switch: output_fields are always printed.
    const auto* known = find_profile(profile);
    return (known && !known->json_fields_switch) ||
           effective.boolean("json_include_output_fields_property").value_or(true);
}

}  // namespace conformance
