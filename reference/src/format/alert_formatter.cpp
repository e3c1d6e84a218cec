// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/format/alert_formatter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include "falco_ref/format/json_value_walk.hpp"
#include "falco_ref/format/time_format.hpp"

namespace falco_ref {
namespace {

// The output_fields object with the prefix's time field merged in as integer nanoseconds,
// replacing a field of the same name (0.44: falco@0.44.1:userspace/engine/formats.cpp:126-159, "the
// prefix formatter's fields are merged in"; legacy: the prefix token is part of the format libsinsp
// renders, sysdig@falco/0.15.3:userspace/libsinsp/filterchecks.cpp:3322-3331). Written without
// copying the map: the time member is emitted at its place in the key order.
template <typename Writer>
void append_fields(const Writer& w, std::string& out, const json_value::object& fields,
                   std::string_view time_key, std::int64_t time_ns) {
    bool time_written = false;
    bool any = false;
    auto write_time = [&] {
        if (any) {
            out.push_back(',');
        }
        w.append_string(out, time_key);
        out.push_back(':');
        Writer::append_int(out, time_ns);
        time_written = true;
        any = true;
    };
    out.push_back('{');
    for_each_member(fields, [&](bool, const std::string& key, const json_value& value) {
        if (key == time_key) {
            return;
        }
        // The time key goes before the first key that sorts after it.
        if (!time_written && time_key < key) {
            write_time();
        }
        if (any) {
            out.push_back(',');
        }
        w.append_string(out, key);
        out.push_back(':');
        w.append_value(out, value);
        any = true;
    });
    if (!time_written) {
        write_time();
    }
    out.push_back('}');
}

// A std::set in Falco: sorted, unique (falco@0.44.1:userspace/engine/formats.cpp:118-120;
// falco@0.44.1:userspace/engine/formats.h:39; falco@0.38.2:userspace/engine/formats.cpp:95-109).
// Rules usually list few tags, often already in order, so that case is written without a copy.
template <typename Writer>
void append_tags(const Writer& w, std::string& out, const std::vector<std::string>& tags) {
    auto write = [&](const auto& sorted_unique) {
        out.push_back('[');
        bool first = true;
        for (const auto& tag : sorted_unique) {
            if (!first) {
                out.push_back(',');
            }
            w.append_string(out, tag);
            first = false;
        }
        out.push_back(']');
    };
    const bool in_order =
        std::adjacent_find(tags.begin(), tags.end(),
                           [](const auto& x, const auto& y) { return !(x < y); }) == tags.end();
    if (in_order) {
        write(tags);
        return;
    }
    std::vector<std::string_view> copy(tags.begin(), tags.end());
    std::sort(copy.begin(), copy.end());
    copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
    write(copy);
}

}  // namespace

alert_formatter::alert_formatter(const config& cfg)
    : cfg_(cfg),
      nlohmann_(cfg.prof->json_invalid_utf8 == profile::invalid_utf8_policy::fatal
                    ? nlohmann_writer::utf8_errors::strict
                    : nlohmann_writer::utf8_errors::replace) {}

void alert_formatter::format(const alert& a, output_message& msg) const {
    msg.prio = a.prio;
    msg.syslog_line.reset();
    std::string& line = msg.line;
    line.clear();
    line.reserve(2 * a.message.size() + 256);
    if (!cfg_.json_output) {
        append_text_line(line, a);
        if (cfg_.prof->syslog_text_without_prefix) {
            msg.syslog_line = a.message;  // docs/spec/legacy.md#syslog.message
        }
        if (cfg_.prof->text_line_ends_at_nul) {
            // The channels get the line as a C string, up to its first NUL: legacy's
            // lua_pushstring(ls, line.c_str()) (falco@0.15.3:userspace/engine/formats.cpp:264,
            // docs/spec/legacy.md#text.nul), 0.36's `return line.c_str()`
            // (falco@0.36.2:userspace/engine/formats.cpp:129-132, docs/spec/0.36.md#text.nul).
            line.resize(std::strlen(line.c_str()));
            if (msg.syslog_line) {
                msg.syslog_line->resize(std::strlen(msg.syslog_line->c_str()));
            }
        }
        return;
    }
    if (cfg_.prof->json == profile::json_layout::nlohmann_sorted) {
        append_nlohmann_json(line, a);
    } else if (cfg_.prof->jsoncpp == profile::jsoncpp_release::v1_9_5) {
        append_jsoncpp_json(jsoncpp_1_9_, line, a);
    } else {
        append_jsoncpp_json(jsoncpp_, line, a);
    }
}

void alert_formatter::append_text_line(std::string& out, const alert& a) const {
    if (cfg_.time_format_iso_8601) {
        append_iso8601_time(out, a.time_ns);
    } else {
        append_clock_time(out, a.time_ns, offset_.seconds());
    }
    out.append(": ");
    out.append(priority_name(a.prio));
    out.push_back(' ');
    out.append(a.message);
}

void alert_formatter::append_nlohmann_json(std::string& out, const alert& a) const {
    // Keys in bytewise order (std::map; docs/spec/0.44.md#json.layout), each behind its option.
    enum class key { hostname, message, output, output_fields, priority, rule, source, tags, time };
    std::array<key, 9> keys{};
    std::size_t n = 0;
    if (cfg_.prof->json_has_hostname) {
        keys[n++] = key::hostname;
    }
    if (cfg_.json_include_message_property) {
        keys[n++] = key::message;
    }
    if (cfg_.json_include_output_property) {
        keys[n++] = key::output;
    }
    if (cfg_.json_include_output_fields_property) {
        keys[n++] = key::output_fields;
    }
    keys[n++] = key::priority;
    keys[n++] = key::rule;
    keys[n++] = key::source;
    if (cfg_.json_include_tags_property) {
        keys[n++] = key::tags;
    }
    keys[n++] = key::time;

    const nlohmann_writer& w = nlohmann_;
    out.push_back('{');
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        switch (keys[i]) {
            case key::hostname:
                out.append("\"hostname\":");
                w.append_string(out, cfg_.hostname);
                break;
            case key::message:
                out.append("\"message\":");
                w.append_string(out, a.message);
                break;
            case key::output:
                out.append("\"output\":");
                text_.clear();
                append_text_line(text_, a);
                w.append_string(out, text_);
                break;
            case key::output_fields:
                out.append("\"output_fields\":");
                append_fields(nlohmann_fields_, out, a.output_fields,
                              cfg_.time_format_iso_8601 ? "evt.time.iso8601" : "evt.time",
                              a.time_ns);
                break;
            case key::priority:
                out.append("\"priority\":");
                w.append_string(out, priority_name(a.prio));
                break;
            case key::rule:
                out.append("\"rule\":");
                w.append_string(out, a.rule);
                break;
            case key::source:
                out.append("\"source\":");
                w.append_string(out, a.source);
                break;
            case key::tags:
                out.append("\"tags\":");
                append_tags(w, out, a.tags);
                break;
            case key::time:
                out.append("\"time\":\"");
                append_json_time(out, a.time_ns);
                out.push_back('"');
                break;
        }
    }
    out.push_back('}');
}

template <typename Writer>
void alert_formatter::append_jsoncpp_json(const Writer& w, std::string& out, const alert& a) const {
    // FastWriter over the sorted object, minus its "}\n", then the graft
    // `, "output_fields": ` + fields + `}`, so output_fields always comes last (legacy:
    // falco@0.15.3:userspace/engine/formats.cpp:220-262, docs/spec/legacy.md#json.layout, keys
    // output, priority, rule, time; 0.38: falco@0.38.2:userspace/engine/formats.cpp:49-129,
    // docs/spec/0.38.md#json.layout, with hostname, source and tags too). The keys are written in
    // their bytewise order (docs/spec/common.md#json.keys.sort).
    const profile& prof = *cfg_.prof;
    bool first = true;
    auto key = [&](std::string_view name) {
        out.append(first ? "{\"" : ",\"");
        out.append(name);
        out.append("\":");
        first = false;
    };
    if (prof.json_has_hostname) {
        key("hostname");
        w.append_string(out, cfg_.hostname);
    }
    if (cfg_.json_include_output_property) {
        key("output");
        text_.clear();
        append_text_line(text_, a);
        w.append_string(out, text_);
    }
    key("priority");
    w.append_string(out, priority_name(a.prio));
    key("rule");
    w.append_string(out, a.rule);
    if (prof.json_has_source_and_tags) {
        key("source");
        w.append_string(out, a.source);
        if (cfg_.json_include_tags_property) {
            key("tags");
            append_tags(w, out, a.tags);
        }
    }
    key("time");
    out.push_back('"');
    append_json_time(out, a.time_ns);
    out.push_back('"');
    out.append(", \"output_fields\": ");
    append_fields(w, out, a.output_fields,
                  cfg_.time_format_iso_8601 ? "evt.time.iso8601" : "evt.time", a.time_ns);
    out.push_back('}');
}

}  // namespace falco_ref
