// SPDX-License-Identifier: Apache-2.0
#include "select/alert_features.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <regex>
#include <set>

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
    std::optional<bool> json_output, include_fields;
    const auto as_bool = [](const YAML::Node& node) -> std::optional<bool> {
        bool value = false;
        if (node.IsScalar() && YAML::convert<bool>::decode(node, value)) {
            return value;
        }
        return std::nullopt;
    };
    if (config) {
        YAML::Node root;
        try {
            // Placeholders ({{capture}}, {{http_port}}) may stand where YAML reads a flow map.
            root = YAML::Load(std::regex_replace(*config, std::regex(R"(\{\{[^}]*\}\})"), "x"));
        } catch (const YAML::Exception&) {
            return true;
        }
        if (!root.IsMap() && !root.IsNull()) {
            return true;
        }
        if (root.IsMap()) {
            json_output = as_bool(root["json_output"]);
            include_fields = as_bool(root["json_include_output_fields_property"]);
        }
    }
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] != "-o" && args[i] != "--option") {
            continue;
        }
        const std::string_view option = args[i + 1];
        const auto eq = option.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        // Falco sets the node to the value as a string scalar and reads the key after every
        // option: a value that is not a bool reads as the default (profile-0.44.md 1m "Scalar
        // typing").
        const auto key = option.substr(0, eq);
        const auto value = as_bool(YAML::Node(std::string(option.substr(eq + 1))));
        if (key == "json_output") {
            json_output = value;
        } else if (key == "json_include_output_fields_property") {
            include_fields = value;
        }
    }
    if (!json_output.value_or(false)) {
        return false;
    }
    return profile == "legacy" || include_fields.value_or(true);
}

}  // namespace conformance
