// SPDX-License-Identifier: Apache-2.0
#include "line_renderer.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <utility>

namespace falco_bench {
namespace {

const char* priority_number(const std::string& p) {
    static const char* names[] = {"Emergency", "Alert",  "Critical",      "Error",
                                  "Warning",   "Notice", "Informational", "Debug"};
    static const char* pri[] = {"<8>", "<9>", "<10>", "<11>", "<12>", "<13>", "<14>", "<15>"};
    for (int i = 0; i < 8; ++i) {
        if (p == names[i]) {
            return pri[i];
        }
    }
    return "<15>";
}

}  // namespace

line_renderer::line_renderer(std::string profile, bool json, std::string hostname)
    : profile_(std::move(profile)), json_(json), hostname_(std::move(hostname)) {}

std::string line_renderer::text_line(const sample_alert& a) const {
    std::int64_t secs = a.time_ns / 1000000000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%09d: ", int(secs / 3600 % 24),
                  int(secs / 60 % 60), int(secs % 60), int(a.time_ns % 1000000000));
    return buf + a.priority + " " + a.message;
}

std::string line_renderer::json_line(const sample_alert& a) const {
    std::time_t secs = a.time_ns / 1000000000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char iso[64];
    std::size_t n = std::strftime(iso, sizeof iso, "%FT%T", &tm);
    std::snprintf(iso + n, sizeof iso - n, ".%09dZ", int(a.time_ns % 1000000000));

    // output_fields with evt.time merged in, keys sorted.
    std::vector<std::pair<std::string, std::string>> fields;
    sample_alert only_field = a;
    for (const auto& f : a.fields) {
        only_field.fields = {f};
        std::string obj = fields_json(only_field);  // {"name":value}
        fields.emplace_back(f.name, obj.substr(1, obj.size() - 2));
    }
    fields.emplace_back("evt.time", "\"evt.time\":" + std::to_string(a.time_ns));
    std::sort(fields.begin(), fields.end());
    std::string output_fields = "{";
    for (std::size_t k = 0; k < fields.size(); ++k) {
        output_fields += (k ? "," : "") + fields[k].second;
    }
    output_fields += "}";

    std::set<std::string> tags(a.tags.begin(), a.tags.end());
    std::string out = "{";
    auto key = [&](const char* k) {
        if (out.size() > 1) {
            out += ',';
        }
        append_json_string(out, k);
        out += ':';
    };
    if (profile_ == "legacy") {
        key("output");
        append_json_string(out, text_line(a));
        key("priority");
        append_json_string(out, a.priority);
        key("rule");
        append_json_string(out, a.rule);
        key("time");
        append_json_string(out, iso);
        out += ", \"output_fields\": " + output_fields + "}";
        return out;
    }
    key("hostname");
    append_json_string(out, hostname_);
    key("output");
    append_json_string(out, text_line(a));
    key("output_fields");
    out += output_fields;
    key("priority");
    append_json_string(out, a.priority);
    key("rule");
    append_json_string(out, a.rule);
    key("source");
    append_json_string(out, a.source);
    key("tags");
    out += '[';
    bool first = true;
    for (const auto& t : tags) {
        if (!first) {
            out += ',';
        }
        first = false;
        append_json_string(out, t);
    }
    out += ']';
    key("time");
    append_json_string(out, iso);
    return out + "}";
}

std::string line_renderer::line(const sample_alert& a) const {
    return json_ ? json_line(a) : text_line(a);
}

std::string line_renderer::syslog_datagram(const sample_alert& a) const {
    std::time_t secs = a.time_ns / 1000000000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%h %e %T", &tm);
    // legacy text mode sends the rule output without the time/priority prefix.
    std::string body = (!json_ && profile_ == "legacy") ? a.message : line(a);
    return std::string(priority_number(a.priority)) + stamp + " falco: " + body;
}

}  // namespace falco_bench
