// SPDX-License-Identifier: Apache-2.0
#include "sample_alert.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>

namespace falco_bench {
namespace {

struct rule_template {
    const char* rule;
    const char* priority;
    const char* description;
    std::vector<std::string> tags;  // unsorted, one duplicate: serialisers sort and deduplicate
};

const std::array<rule_template, 5>& rules() {
    static const std::array<rule_template, 5> list{{
        {"Read sensitive file untrusted",
         "Warning",
         "Sensitive file opened for reading",
         {"filesystem", "mitre_credential_access", "T1555", "filesystem"}},
        {"Terminal shell in container",
         "Notice",
         "A shell was spawned in a container",
         {"container", "shell", "mitre_execution", "T1059"}},
        {"Write below binary dir",
         "Error",
         "File below a known binary directory opened",
         {"host", "filesystem", "mitre_persistence"}},
        {"Launch Privileged Container",
         "Informational",
         "Privileged container started",
         {"container", "cis", "mitre_privilege_escalation", "T1610"}},
        {"Drop and execute new binary in container",
         "Critical",
         "Executing binary not part of base image",
         {"maturity_stable", "container", "TA0003"}},
    }};
    return list;
}

std::string repeat_to(std::string_view seed, std::size_t length) {
    std::string out;
    while (out.size() < length) {
        out.append(seed);
    }
    out.resize(length);
    return out;
}

// Field templates in the order a growing rule output would add them. Each makes the value
// for alert `i`; strings vary with `i` so no two alerts are byte-identical.
using field_maker = std::function<sample_field::value_type(std::uint64_t)>;
struct field_template {
    const char* name;
    field_maker make;
};

const std::vector<field_template>& field_templates() {
    static const std::vector<field_template> list{
        {"proc.name", [](std::uint64_t) { return std::string("cat"); }},
        {"proc.pid", [](std::uint64_t i) { return std::int64_t(4000 + i % 60000); }},
        {"user.name", [](std::uint64_t) { return std::string("root"); }},
        {"fd.name", [](std::uint64_t i) { return "/etc/shadow-" + std::to_string(i % 1000); }},
        {"proc.cmdline",
         [](std::uint64_t i) { return "cat /etc/shadow-" + std::to_string(i % 1000); }},
        {"container.id", [](std::uint64_t) { return std::string("3ad7b26ded6d"); }},
        {"evt.type", [](std::uint64_t) { return std::string("openat"); }},
        {"proc.exepath", [](std::uint64_t) { return std::string("/usr/bin/cat"); }},
        {"user.uid", [](std::uint64_t) { return std::uint64_t(0); }},
        {"proc.ppid", [](std::uint64_t i) { return std::int64_t(3000 + i % 50000); }},
        {"k8s.ns.name", [](std::uint64_t) { return nullptr; }},
        {"k8s.pod.name", [](std::uint64_t) { return nullptr; }},
        {"proc.tty", [](std::uint64_t) { return std::int64_t(34816); }},
        {"proc.is_exe_writable", [](std::uint64_t i) { return i % 2 == 0; }},
        {"thread.cpu", [](std::uint64_t i) { return 0.25 + double(i % 7) / 8; }},
        {"proc.aname[2]", [](std::uint64_t) { return std::string("containerd-shim"); }},
        {"container.name", [](std::uint64_t) { return std::string("payments-api-7d9f"); }},
        {"evt.res", [](std::uint64_t) { return std::string("SUCCESS"); }},
        {"fd.num", [](std::uint64_t i) { return std::int64_t(3 + i % 100); }},
        {"container.image.repository",
         [](std::uint64_t) { return std::string("registry.example.com/payments/api"); }},
        {"k8s.pod.labels",
         [](std::uint64_t) {
             return std::vector<std::string>{"app:payments", "tier:backend", "team:core"};
         }},
    };
    return list;
}

std::string text_of(const sample_field::value_type& v) {
    struct visitor {
        std::string operator()(std::nullptr_t) const { return "<NA>"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(std::uint64_t n) const { return std::to_string(n); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1f", d);
            return buf;
        }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<std::string>& l) const {
            std::string out = "(";
            for (std::size_t k = 0; k < l.size(); ++k) {
                out += (k ? "," : "") + l[k];
            }
            return out + ")";
        }
    };
    return std::visit(visitor{}, v);
}

void append_value(std::string& out, const sample_field::value_type& v) {
    struct visitor {
        std::string& out;
        void operator()(std::nullptr_t) const { out += "null"; }
        void operator()(bool b) const { out += b ? "true" : "false"; }
        void operator()(std::int64_t n) const { out += std::to_string(n); }
        void operator()(std::uint64_t n) const { out += std::to_string(n); }
        void operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            out += buf;
            // Keep the number a floating-point one for the parser (2.0, not 2).
            if (std::string_view(buf).find_first_of(".eEn") == std::string_view::npos) {
                out += ".0";
            }
        }
        void operator()(const std::string& s) const { append_json_string(out, s); }
        void operator()(const std::vector<std::string>& l) const {
            out += '[';
            for (std::size_t k = 0; k < l.size(); ++k) {
                if (k) {
                    out += ',';
                }
                append_json_string(out, l[k]);
            }
            out += ']';
        }
    };
    std::visit(visitor{out}, v);
}

std::size_t field_bytes(const sample_field& f) {
    std::string s;
    append_json_string(s, f.name);
    s += ':';
    append_value(s, f.value);
    return s.size() + 1;  // the separating comma
}

// Field number `k` of alert `index`: the realistic set first, then long argument fields that
// fill up the size (a large alert is mostly long command lines and paths).
sample_field make_field(std::size_t k, std::uint64_t index) {
    const auto& templates = field_templates();
    sample_field f;
    if (k < templates.size()) {
        f.name = templates[k].name;
        f.value = templates[k].make(index);
    } else {
        f.name = "evt.arg.arg" + std::to_string(k - templates.size());
        f.value = repeat_to(
            "--config=/var/lib/app/conf.d/" + std::to_string(index % 97) + "/settings.yaml ", 96);
    }
    return f;
}

// How many fields make `fields_bytes` of JSON, sized with the widest values any alert gets
// (5-digit pids, 3-digit file numbers), so that every alert of a size carries the same fields,
// as every alert of one Falco rule does.
std::size_t field_count(std::size_t fields_bytes) {
    constexpr std::uint64_t widest_index = 59999;
    std::size_t size = 2;  // braces
    std::size_t count = 0;
    while (size < fields_bytes) {
        size += field_bytes(make_field(count++, widest_index));
    }
    return count;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (unsigned char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += char(c);
                }
        }
    }
    out += '"';
}

sample_alert make_sample_alert(std::size_t fields_bytes, std::uint64_t index) {
    const rule_template& r = rules()[index % rules().size()];
    sample_alert a;
    // 2025-11-27T05:52:04Z plus a varying step, so the time text differs per alert.
    a.time_ns = 1764222724000000000LL + std::int64_t(index) * 1234567;
    a.rule = r.rule;
    a.priority = r.priority;
    a.tags = r.tags;

    std::string details, references;
    for (std::size_t k = 0, count = field_count(fields_bytes); k < count; ++k) {
        sample_field f = make_field(k, index);
        details += (details.empty() ? "" : " ") + f.name + "=" + text_of(f.value);
        references += (references.empty() ? "" : " ") + f.name + "=%" + f.name;
        a.fields.push_back(std::move(f));
    }
    std::sort(a.fields.begin(), a.fields.end(),
              [](const sample_field& x, const sample_field& y) { return x.name < y.name; });
    a.message = std::string(r.description) + " (" + details + ")";
    a.output_template = std::string(r.description) + " (" + references + ")";
    return a;
}

std::string fields_json(const sample_alert& alert) {
    std::string out = "{";
    for (std::size_t k = 0; k < alert.fields.size(); ++k) {
        if (k) {
            out += ',';
        }
        append_json_string(out, alert.fields[k].name);
        out += ':';
        append_value(out, alert.fields[k].value);
    }
    return out + "}";
}

std::string to_contract_line(const sample_alert& alert, bool with_template) {
    std::string out = "{\"time\":" + std::to_string(alert.time_ns) + ",\"rule\":";
    append_json_string(out, alert.rule);
    out += ",\"priority\":";
    append_json_string(out, alert.priority);
    out += ",\"source\":";
    append_json_string(out, alert.source);
    out += ",\"tags\":[";
    for (std::size_t k = 0; k < alert.tags.size(); ++k) {
        if (k) {
            out += ',';
        }
        append_json_string(out, alert.tags[k]);
    }
    out += "],\"message\":";
    append_json_string(out, alert.message);
    out += ",\"output_fields\":" + fields_json(alert);
    if (with_template) {
        out += ",\"output_template\":";
        append_json_string(out, alert.output_template);
    }
    out += "}\n";
    return out;
}

}  // namespace falco_bench
