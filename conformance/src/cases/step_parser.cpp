// SPDX-License-Identifier: Apache-2.0
#include "cases/step_parser.hpp"

#include <map>
#include <regex>

#include "cases/templater.hpp"

namespace conformance {

namespace {

// What a step parser reads: the step's value (null for a bare word) and its key path.
struct step_source {
    const case_reader& r;
    const YAML::Node& node;   // the whole step, for messages about it
    const YAML::Node& value;  // the value of its one key
    const std::string& key;   // "steps[3].wait"

    // The value, a mapping with only these keys.
    const YAML::Node& map(const std::set<std::string>& allowed) const {
        r.only_keys(value, key, allowed);
        return value;
    }

    // The optional `name` key of a mapping as a time limit.
    std::optional<std::chrono::milliseconds> timeout(const YAML::Node& m,
                                                     const std::string& name) const {
        if (!m[name]) {
            return std::nullopt;
        }
        return std::chrono::milliseconds(r.number<long>(m[name], key + "." + name, 1));
    }
};

using step_parser = void (*)(const step_source&, step&);

std::vector<int> send_lines(const case_reader& r, const YAML::Node& node, const std::string& key) {
    std::vector<int> lines;
    if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            lines.push_back(r.number<int>(node[i], key + "[" + std::to_string(i) + "]", 1));
        }
        return lines;
    }
    const auto text = r.scalar(node, key);
    if (text == "all") {
        return lines;
    }
    static const std::regex range(R"(^\s*(\d+)\s*(?:-\s*(\d+))?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, range)) {
        r.fail(node, key, "must be all, a list of line numbers, or \"i-j\"");
    }
    const int first = std::stoi(m[1]);
    const int last = m[2].matched ? std::stoi(m[2]) : first;
    if (first < 1 || last < first) {
        r.fail(node, key, "bad line range " + text);
    }
    for (int i = first; i <= last; ++i) {
        lines.push_back(i);
    }
    return lines;
}

// `channel`, `path` and `unit` of wait, quiet and check.
void observed_channel(const step_source& src, const YAML::Node& m, step& s) {
    const auto& r = src.r;
    s.observed = r.channel(m["channel"], src.key + ".channel", channel_place::step);
    if (m["path"]) {
        if (s.observed.kind != channel::file) {
            r.fail(m["path"], src.key + ".path", "only for channel file");
        }
        s.observed.path = r.work_path(m["path"], src.key + ".path");
    }
    if (s.observed.kind == channel::file && s.observed.path.empty()) {
        r.fail(m, src.key, "channel file needs path");
    }
    if (m["unit"]) {
        const auto unit = parse_unit(r.scalar(m["unit"], src.key + ".unit"));
        if (s.observed.kind != channel::program || !unit) {
            r.fail(m["unit"], src.key + ".unit",
                   "only for channel program: reads, processes or eof");
        }
        s.observed.unit = *unit;
    }
}

// Patterns are templated before use ({{work}}): check the shape with placeholders filled.
void check_pattern(const step_source& src, const YAML::Node& node, const std::string& pattern) {
    std::string shape = pattern;
    for (const auto& name : templater::placeholders(shape)) {
        for (std::size_t at; (at = shape.find("{{" + name + "}}")) != std::string::npos;) {
            shape.replace(at, name.size() + 4, "x");
        }
    }
    try {
        std::regex check(shape);
    } catch (const std::regex_error& e) {
        src.r.fail(node, src.key + ".pattern", std::string("bad regex: ") + e.what());
    }
}

void parse_send(const step_source& src, step& s) {
    s.lines = send_lines(src.r, src.value, src.key);
}

void parse_send_raw(const step_source& src, step& s) {
    s.text = src.r.scalar(src.value, src.key);
}

void parse_send_file(const step_source& src, step& s) {
    s.text = src.r.case_file(src.value, src.key);
}

void parse_send_generated(const step_source& src, step& s) {
    auto allowed = generator_keys();
    allowed.insert("timeout_ms");
    const auto& m = src.map(allowed);
    s.generated = src.r.generator(m, src.key);
    s.timeout = src.timeout(m, "timeout_ms");
}

void parse_wait(const step_source& src, step& s) {
    const auto& m = src.map({"channel", "count", "path", "pattern", "timeout_ms", "unit"});
    observed_channel(src, m, s);
    s.count = m["count"] ? src.r.number<std::uint64_t>(m["count"], src.key + ".count", 0) : 1;
    if (m["pattern"]) {
        s.pattern = src.r.scalar(m["pattern"], src.key + ".pattern");
        check_pattern(src, m["pattern"], *s.pattern);
    }
    s.timeout = src.timeout(m, "timeout_ms");
}

void parse_quiet(const step_source& src, step& s) {
    const auto& m = src.map({"channel", "window_ms", "count", "path", "unit"});
    observed_channel(src, m, s);
    if (!m["window_ms"]) {
        src.r.fail(m, src.key, "window_ms is required");
    }
    s.window =
        std::chrono::milliseconds(src.r.number<long>(m["window_ms"], src.key + ".window_ms", 1));
    s.count = m["count"] ? src.r.number<std::uint64_t>(m["count"], src.key + ".count", 0) : 0;
}

void parse_check(const step_source& src, step& s) {
    const auto& m = src.map({"channel", "path", "equals"});
    observed_channel(src, m, s);
    s.equals = src.r.expected(m["equals"], src.key + ".equals");
}

void parse_rename(const step_source& src, step& s) {
    const auto& m = src.map({"from", "to"});
    s.path = src.r.work_path(m["from"], src.key + ".from");
    s.to = src.r.work_path(m["to"], src.key + ".to");
}

void parse_delete(const step_source& src, step& s) {
    s.path = src.r.work_path(src.map({"path"})["path"], src.key + ".path");
}

void parse_mkdir_or_chmod(const step_source& src, step& s) {
    const auto& m = src.map({"path", "mode"});
    s.path = src.r.work_path(m["path"], src.key + ".path");
    if (m["mode"]) {
        s.mode = src.r.mode(m["mode"], src.key + ".mode");
    } else if (s.what == step::kind::chmod) {
        src.r.fail(m, src.key, "mode is required");
    }
}

void parse_truncate(const step_source& src, step& s) {
    const auto& m = src.map({"path", "size"});
    s.path = src.r.work_path(m["path"], src.key + ".path");
    s.size = m["size"] ? src.r.number<std::uint64_t>(m["size"], src.key + ".size", 0) : 0;
}

void parse_mkfifo(const step_source& src, step& s) {
    s.path = src.r.work_path(src.map({"path"})["path"], src.key + ".path");
}

// A tmpfs is a little memory: 4 KiB pages, at most 64 MiB; `8k`, `1m` or a number of bytes.
void parse_tmpfs(const step_source& src, step& s) {
    const auto& m = src.map({"path", "size"});
    s.path = src.r.work_path(m["path"], src.key + ".path");
    const auto text = src.r.scalar(m["size"], src.key + ".size");
    static const std::regex shape(R"(^([1-9][0-9]{0,8})([km]?)$)");
    std::smatch parts;
    if (!std::regex_match(text, parts, shape)) {
        src.r.fail(m["size"], src.key + ".size", "must be a number of bytes, `<n>k` or `<n>m`");
    }
    const std::uint64_t unit = parts[2] == "k" ? 1024 : parts[2] == "m" ? 1024 * 1024 : 1;
    s.size = std::stoull(parts[1]) * unit;
    if (s.size % 4096 != 0 || s.size > 64 * 1024 * 1024) {
        src.r.fail(m["size"], src.key + ".size", "must be whole 4 KiB pages, at most 64m");
    }
}

void parse_read_fifo(const step_source& src, step& s) {
    const auto& m = src.map({"path", "into"});
    s.path = src.r.work_path(m["path"], src.key + ".path");
    s.to = src.r.work_path(m["into"], src.key + ".into");
}

void parse_stop_mock(const step_source& src, step& s) {
    s.mock = src.r.scalar(src.value, src.key);
    if (s.mock != "syslog" && s.mock != "http") {
        src.r.fail(src.value, src.key, "must be syslog or http");
    }
}

void parse_signal_step(const step_source& src, step& s) {
    const auto& m = src.map({"name", "target"});
    const auto name = src.r.scalar(m["name"], src.key + ".name");
    const auto kind = parse_signal(name);
    if (!kind) {
        src.r.fail(m["name"], src.key + ".name",
                   "unknown signal " + name + " (must be " + signal_names() + ")");
    }
    s.sent_signal = *kind;
    const auto target = m["target"] ? src.r.scalar(m["target"], src.key + ".target") : "process";
    if (target != "process" && target != "group") {
        src.r.fail(m["target"], src.key + ".target", "must be process or group");
    }
    s.to_group = target == "group";
}

void parse_close_stdin(const step_source&, step&) {}

// `release: http`: the only mock that holds anything is mock-http.
void parse_release(const step_source& src, step&) {
    if (src.r.scalar(src.value, src.key) != "http") {
        src.r.fail(src.value, src.key, "must be http (mock-http's held requests)");
    }
}

void parse_wait_exit(const step_source& src, step& s) {
    if (!src.value || src.value.IsNull()) {
        return;
    }
    const auto& m = src.map({"code", "timeout_ms"});
    if (m["code"]) {
        s.exit_code = src.r.number<int>(m["code"], src.key + ".code", 0);
    }
    s.timeout = src.timeout(m, "timeout_ms");
}

void forbid_sleep(const step_source& src, step&) {
    src.r.fail(src.node, src.key,
               "forbidden: use wait (a condition) or quiet (an explicit window)");
}

struct step_kind_entry {
    step::kind kind;
    step_parser parse;
};

// Every step kind of golden/README.md, by the name a case writes.
const std::map<std::string, step_kind_entry>& step_kinds() {
    static const std::map<std::string, step_kind_entry> kinds{
        {"send", {step::kind::send, parse_send}},
        {"send_raw", {step::kind::send_raw, parse_send_raw}},
        {"send_file", {step::kind::send_file, parse_send_file}},
        {"send_generated", {step::kind::send_generated, parse_send_generated}},
        {"wait", {step::kind::wait, parse_wait}},
        {"quiet", {step::kind::quiet, parse_quiet}},
        {"check", {step::kind::check, parse_check}},
        {"rename", {step::kind::rename, parse_rename}},
        {"delete", {step::kind::remove, parse_delete}},
        {"mkdir", {step::kind::mkdir, parse_mkdir_or_chmod}},
        {"chmod", {step::kind::chmod, parse_mkdir_or_chmod}},
        {"truncate", {step::kind::truncate, parse_truncate}},
        {"mkfifo", {step::kind::mkfifo, parse_mkfifo}},
        {"tmpfs", {step::kind::tmpfs, parse_tmpfs}},
        {"read_fifo", {step::kind::read_fifo, parse_read_fifo}},
        {"stop_mock", {step::kind::stop_mock, parse_stop_mock}},
        {"signal", {step::kind::signal, parse_signal_step}},
        {"close_stdin", {step::kind::close_stdin, parse_close_stdin}},
        {"wait_exit", {step::kind::wait_exit, parse_wait_exit}},
        {"release", {step::kind::release, parse_release}},
        {"sleep_ms", {step::kind::wait, forbid_sleep}},
    };
    return kinds;
}

}  // namespace

step parse_step(const case_reader& r, const YAML::Node& node, const std::string& list,
                std::size_t index) {
    const std::string base = list + "[" + std::to_string(index) + "]";
    std::string name;
    YAML::Node value;
    if (node.IsScalar()) {
        name = node.as<std::string>();
    } else if (node.IsMap() && node.size() == 1) {
        name = node.begin()->first.as<std::string>();
        value = node.begin()->second;
    } else {
        r.fail(node, base, "a step is a mapping with exactly one key (its kind)");
    }
    const auto entry = step_kinds().find(name);
    if (entry == step_kinds().end()) {
        r.fail(node, base, "unknown step kind " + name);
    }
    const std::string key = base + "." + name;
    step s;
    s.what = entry->second.kind;
    s.label = base + " (" + name + ")";
    entry->second.parse(step_source{r, node, value, key}, s);
    return s;
}

}  // namespace conformance
