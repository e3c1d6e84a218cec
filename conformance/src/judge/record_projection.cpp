// SPDX-License-Identifier: Apache-2.0
#include "judge/record_projection.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <functional>
#include <map>

#include <mocks/base64.hpp>

#include "util/file_util.hpp"

namespace conformance {

namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;
// Writes the actual value of `key` for record `index`; false when the key is not defined.
using field_writer = std::function<bool(std::size_t index, const std::string& key,
                                        const rapidjson::Value& expected, json_writer& w)>;

void write_string(json_writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// A byte string under `key` (text) or `key_base64`; false for other keys.
bool write_bytes(json_writer& w, const std::string& key, std::string_view name,
                 std::string_view bytes) {
    if (key == name) {
        write_string(w, bytes);
        return true;
    }
    if (key == std::string(name) + "_base64") {
        write_string(w, mocks::base64_encode(bytes));
        return true;
    }
    return false;
}

template <typename T>
void write_optional_int(json_writer& w, const std::optional<T>& v) {
    if (v) {
        w.Int64(static_cast<std::int64_t>(*v));
    } else {
        w.Null();
    }
}

projection project(std::string_view expected_jsonl, std::size_t actual_count,
                   const field_writer& field) {
    projection p;
    std::vector<rapidjson::Document> expected;
    const auto lines = all_lines(expected_jsonl);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        auto& doc = expected.emplace_back();
        doc.Parse(lines[i].data(), lines[i].size());
        if (doc.HasParseError() || !doc.IsObject()) {
            p.error =
                "line " + std::to_string(i + 1) + " of the expected file is not a JSON object";
            return p;
        }
        rapidjson::StringBuffer buffer;
        json_writer w(buffer);
        doc.Accept(w);
        p.expected.append(buffer.GetString(), buffer.GetSize()).append("\n");
    }
    for (std::size_t i = 0; i < actual_count; ++i) {
        // Records beyond the expected ones are shown with the last expected line's keys.
        static const rapidjson::Document empty_object = [] {
            rapidjson::Document d;
            d.SetObject();
            return d;
        }();
        const rapidjson::Value& shape =
            expected.empty() ? empty_object : expected[std::min(i, expected.size() - 1)];
        rapidjson::StringBuffer buffer;
        json_writer w(buffer);
        w.StartObject();
        for (const auto& m : shape.GetObject()) {
            const std::string key(m.name.GetString(), m.name.GetStringLength());
            write_string(w, key);
            if (!field(i, key, m.value, w)) {
                p.error = "the expected file uses unknown key \"" + key + "\"";
                return p;
            }
        }
        w.EndObject();
        p.actual.append(buffer.GetString(), buffer.GetSize()).append("\n");
    }
    return p;
}

}  // namespace

projection project_syslog(std::string_view expected_jsonl,
                          const std::vector<mocks::syslog_record>& records) {
    return project(
        expected_jsonl, records.size(),
        [&](std::size_t i, const std::string& key, const rapidjson::Value&, json_writer& w) {
            const auto& r = records[i];
            if (key == "facility") {
                write_optional_int(w, r.facility);
            } else if (key == "severity") {
                write_optional_int(w, r.severity);
            } else if (key == "pri") {
                write_optional_int(w, r.pri);
            } else if (key == "pid") {
                write_optional_int(w, r.pid);
            } else if (key == "ident" || key == "host") {
                const auto& v = key == "ident" ? r.ident : r.host;
                v ? write_string(w, *v) : (void)w.Null();
            } else if (key == "format" || key == "transport") {
                write_string(w, key == "format" ? r.format : r.transport);
            } else {
                return write_bytes(w, key, "msg", r.msg);
            }
            return true;
        });
}

projection project_http(std::string_view expected_jsonl,
                        const std::vector<mocks::http_record>& records) {
    return project(expected_jsonl, records.size(),
                   [&](std::size_t i, const std::string& key, const rapidjson::Value& expected,
                       json_writer& w) {
                       const auto& r = records[i];
                       if (key == "method" || key == "target" || key == "version") {
                           write_string(w, key == "method"   ? r.method
                                           : key == "target" ? r.target
                                                             : r.version);
                       } else if (key == "tls") {
                           w.Bool(r.tls);
                       } else if (key == "status") {
                           w.Int(r.status);
                       } else if (key == "headers" && expected.IsObject()) {
                           // Only the listed headers, by name case-insensitively; absent ones as
                           // null.
                           w.StartObject();
                           for (const auto& h : expected.GetObject()) {
                               const std::string name(h.name.GetString(), h.name.GetStringLength());
                               write_string(w, name);
                               const auto value = r.header(name);
                               value ? write_string(w, *value) : (void)w.Null();
                           }
                           w.EndObject();
                       } else if (key == "headers_absent" && expected.IsArray()) {
                           w.StartArray();
                           for (const auto& h : expected.GetArray()) {
                               const std::string name = h.IsString() ? h.GetString() : "";
                               const auto value = r.header(name);
                               write_string(w, value ? name + " (present: " + *value + ")" : name);
                           }
                           w.EndArray();
                       } else {
                           return write_bytes(w, key, "body", r.body);
                       }
                       return true;
                   });
}

projection project_program(std::string_view expected_jsonl,
                           const std::vector<mocks::capture_event>& events, long impl_pgid) {
    struct process {
        const mocks::capture_event* start = nullptr;
        std::string stdin_data;
        bool eof = false;
        std::vector<std::string> signals;
        std::optional<int> exit_code;
    };
    std::vector<process> processes;  // in spawn order
    std::map<long, std::size_t> by_pid;
    for (const auto& e : events) {
        if (e.event == "start") {
            by_pid[e.pid] = processes.size();
            processes.push_back({&e, "", false, {}, std::nullopt});
            continue;
        }
        const auto it = by_pid.find(e.pid);
        if (it == by_pid.end()) {
            continue;
        }
        auto& p = processes[it->second];
        if (e.event == "read") {
            p.stdin_data += e.data;
        } else if (e.event == "eof") {
            p.eof = true;
        } else if (e.event == "signal") {
            p.signals.push_back(e.signal);
        } else if (e.event == "exit") {
            p.exit_code = e.code;
        }
    }
    return project(
        expected_jsonl, processes.size(),
        [&](std::size_t i, const std::string& key, const rapidjson::Value&, json_writer& w) {
            const auto& p = processes[i];
            if (key == "eof") {
                w.Bool(p.eof);
            } else if (key == "signals" || key == "argv") {
                w.StartArray();
                for (const auto& s : key == "signals" ? p.signals : p.start->argv) {
                    write_string(w, s);
                }
                w.EndArray();
            } else if (key == "same_pgid_as_impl") {
                w.Bool(p.start->pgid == impl_pgid);
            } else if (key == "exit_code") {
                write_optional_int(w, p.exit_code);
            } else {
                return write_bytes(w, key, "stdin", p.stdin_data);
            }
            return true;
        });
}

}  // namespace conformance
