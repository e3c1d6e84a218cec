// SPDX-License-Identifier: Apache-2.0
#include "cases/case_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include "cases/spec_index.hpp"
#include "cases/templater.hpp"
#include "select/alert_features.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

namespace fs = std::filesystem;

// A schema violation; `what()` is "<file>:<line>: <key path>: <message>".
struct schema_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads one case.yaml; every accessor names the key path it is reading, so errors say where.
class case_reader {
public:
    case_reader(fs::path file, fs::path case_dir)
        : file_(std::move(file)), dir_(std::move(case_dir)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& key,
                           const std::string& message) const {
        std::string where = file_.string();
        if (node.IsDefined() && node.Mark().line >= 0) {
            where += ":" + std::to_string(node.Mark().line + 1);
        }
        throw schema_error(where + ": " + key + ": " + message);
    }

    void only_keys(const YAML::Node& map, const std::string& key,
                   const std::set<std::string>& allowed) const {
        if (!map.IsMap()) {
            fail(map, key, "must be a mapping");
        }
        for (const auto& item : map) {
            const auto name = item.first.as<std::string>();
            if (!allowed.count(name)) {
                std::string list;
                for (const auto& a : allowed) {
                    list += (list.empty() ? "" : ", ") + a;
                }
                fail(item.first, key + "." + name, "unknown key (allowed: " + list + ")");
            }
        }
    }

    // A missing key of a const map is a "zombie" node: every accessor below checks for it
    // first, since touching its type throws yaml-cpp's InvalidNode, which names no key.
    void present(const YAML::Node& node, const std::string& key) const {
        if (!node) {
            fail(node, key, "is required");
        }
    }

    std::string scalar(const YAML::Node& node, const std::string& key) const {
        present(node, key);
        if (!node.IsScalar()) {
            fail(node, key, "must be a scalar");
        }
        return node.as<std::string>();
    }

    template <typename T>
    T number(const YAML::Node& node, const std::string& key, T min_value) const {
        present(node, key);
        T value{};
        try {
            value = node.as<T>();
        } catch (const YAML::Exception&) {
            fail(node, key, "must be an integer");
        }
        if (value < min_value) {
            fail(node, key, "must be at least " + std::to_string(min_value));
        }
        return value;
    }

    bool boolean(const YAML::Node& node, const std::string& key) const {
        present(node, key);
        try {
            return node.as<bool>();
        } catch (const YAML::Exception&) {
            fail(node, key, "must be true or false");
        }
    }

    std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const {
        present(node, key);
        if (!node.IsSequence()) {
            fail(node, key, "must be a list");
        }
        std::vector<std::string> out;
        for (std::size_t i = 0; i < node.size(); ++i) {
            out.push_back(scalar(node[i], key + "[" + std::to_string(i) + "]"));
        }
        return out;
    }

    std::vector<located_text> located_strings(const YAML::Node& node,
                                              const std::string& key) const {
        auto texts = strings(node, key);
        std::vector<located_text> out;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            out.push_back({std::move(texts[i]), node[i].Mark().line + 1});
        }
        return out;
    }

    std::vector<std::string> regexes(const YAML::Node& node, const std::string& key) const {
        auto out = strings(node, key);
        for (std::size_t i = 0; i < out.size(); ++i) {
            try {
                std::regex check(out[i]);
            } catch (const std::regex_error& e) {
                fail(node[i], key + "[" + std::to_string(i) + "]",
                     std::string("bad regex: ") + e.what());
            }
        }
        return out;
    }

    // A path relative to the case directory that must exist (expected files).
    std::string case_file(const YAML::Node& node, const std::string& key) const {
        const auto name = scalar(node, key);
        if (fs::path(name).is_absolute() || name.find("..") != std::string::npos) {
            fail(node, key, "must be a path inside the case directory");
        }
        if (!fs::exists(dir_ / name)) {
            fail(node, key, "file " + (dir_ / name).string() + " does not exist");
        }
        return name;
    }

    // A path relative to the work directory (never absolute, never escaping it).
    std::string work_path(const YAML::Node& node, const std::string& key) const {
        // A file literally named `null` is a YAML null key: as<std::string>() gives "null".
        const auto name = node && node.IsNull() ? node.as<std::string>() : scalar(node, key);
        if (name.empty() || fs::path(name).is_absolute() ||
            fs::path(name).lexically_normal().string().starts_with("..")) {
            fail(node, key, "must be a relative path inside the work directory");
        }
        return name;
    }

    unsigned mode(const YAML::Node& node, const std::string& key) const {
        const auto text = scalar(node, key);
        std::size_t used = 0;
        unsigned long value = 0;
        try {
            value = std::stoul(text, &used, 8);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || value > 07777) {
            fail(node, key, "must be an octal mode such as 0755");
        }
        return static_cast<unsigned>(value);
    }

    const fs::path& dir() const { return dir_; }

private:
    fs::path file_;
    fs::path dir_;
};

const std::set<std::string> k_channels{"stdout", "stderr", "file", "syslog", "http", "program"};

// The generator keys shared by `send_generated` and `generate:` expected contents.
const std::set<std::string> k_generator_keys{"template", "count", "first", "repeat", "bytes"};
// Bounds that keep a typo (an extra zero) from eating the machine's memory.
constexpr std::uint64_t k_max_generated_lines = 10'000'000;
constexpr std::uint64_t k_max_fill_bytes = 64ull << 20;

generator_spec parse_generator(const case_reader& r, const YAML::Node& m, const std::string& key) {
    const auto bounded = [&](const char* name, std::uint64_t min, std::uint64_t max,
                             const char* unit) {
        const auto value = r.number<std::uint64_t>(m[name], key + "." + name, min);
        if (value > max) {
            r.fail(m[name], key + "." + name, "at most " + std::to_string(max) + " " + unit);
        }
        return value;
    };
    generator_spec g;
    g.line = r.scalar(m["template"], key + ".template");
    if (m["count"]) {
        g.count = bounded("count", 1, k_max_generated_lines, "lines");
    }
    if (m["first"]) {
        g.first = r.number<std::uint64_t>(m["first"], key + ".first", 0);
    }
    if (m["repeat"]) {
        g.repeat = r.scalar(m["repeat"], key + ".repeat");
    }
    if (m["bytes"]) {
        g.bytes = bounded("bytes", 1, k_max_fill_bytes, "bytes");
    }
    if (const auto problem = check_generator_spec(g); !problem.empty()) {
        r.fail(m["template"], key, problem);
    }
    return g;
}

// An expected content: a file of the case, or `{generate: [generator, ...]}`.
expected_content parse_expected(const case_reader& r, const YAML::Node& node,
                                const std::string& key) {
    expected_content e;
    if (!node.IsMap()) {
        e.file = r.case_file(node, key);
        return e;
    }
    r.only_keys(node, key, {"generate"});
    const auto& list = node["generate"];
    if (!list.IsSequence() || list.size() == 0) {
        r.fail(list, key + ".generate", "must be a non-empty list of generators");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto item = key + ".generate[" + std::to_string(i) + "]";
        r.only_keys(list[i], item, k_generator_keys);
        e.generated.push_back(parse_generator(r, list[i], item));
    }
    return e;
}

std::vector<int> parse_send_lines(const case_reader& r, const YAML::Node& node,
                                  const std::string& key) {
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

void parse_channel_fields(const case_reader& r, const YAML::Node& m, const std::string& key,
                          step& s) {
    s.channel = r.scalar(m["channel"], key + ".channel");
    if (!k_channels.count(s.channel)) {
        r.fail(m["channel"], key + ".channel", "unknown channel " + s.channel);
    }
    if (m["path"]) {
        s.path = r.work_path(m["path"], key + ".path");
    }
    if (s.channel == "file" && s.path.empty()) {
        r.fail(m, key, "channel file needs path");
    }
    if (m["unit"]) {
        s.unit = r.scalar(m["unit"], key + ".unit");
        if (s.channel != "program" ||
            (s.unit != "reads" && s.unit != "processes" && s.unit != "eof")) {
            r.fail(m["unit"], key + ".unit", "only for channel program: reads, processes or eof");
        }
    }
}

step parse_step(const case_reader& r, const YAML::Node& node, const std::string& list,
                std::size_t index) {
    const std::string base = list + "[" + std::to_string(index) + "]";
    step s;
    std::string kind;
    YAML::Node value;
    if (node.IsScalar()) {
        kind = node.as<std::string>();
    } else if (node.IsMap() && node.size() == 1) {
        kind = node.begin()->first.as<std::string>();
        value = node.begin()->second;
    } else {
        r.fail(node, base, "a step is a mapping with exactly one key (its kind)");
    }
    const std::string key = base + "." + kind;
    s.label = base + " (" + kind + ")";
    const auto map_value = [&](const std::set<std::string>& allowed) {
        r.only_keys(value, key, allowed);
        return value;
    };
    const auto timeout = [&](const YAML::Node& m, const std::string& name) {
        if (m[name]) {
            s.timeout = std::chrono::milliseconds(r.number<long>(m[name], key + "." + name, 1));
        }
    };
    if (kind == "send") {
        s.what = step::kind::send;
        s.lines = parse_send_lines(r, value, key);
    } else if (kind == "send_raw") {
        s.what = step::kind::send_raw;
        s.text = r.scalar(value, key);
    } else if (kind == "send_file") {
        s.what = step::kind::send_file;
        s.text = r.case_file(value, key);
    } else if (kind == "send_generated") {
        s.what = step::kind::send_generated;
        auto allowed = k_generator_keys;
        allowed.insert("timeout_ms");
        const auto m = map_value(allowed);
        s.generated = parse_generator(r, m, key);
        timeout(m, "timeout_ms");
    } else if (kind == "wait") {
        s.what = step::kind::wait;
        const auto m = map_value({"channel", "count", "path", "pattern", "timeout_ms", "unit"});
        parse_channel_fields(r, m, key, s);
        s.count = m["count"] ? r.number<std::uint64_t>(m["count"], key + ".count", 0) : 1;
        if (m["pattern"]) {
            s.pattern = r.scalar(m["pattern"], key + ".pattern");
            try {
                // Patterns are templated before use; check the shape with placeholders filled.
                std::string shape = *s.pattern;
                for (const auto& name : templater::placeholders(shape)) {
                    for (std::size_t at;
                         (at = shape.find("{{" + name + "}}")) != std::string::npos;) {
                        shape.replace(at, name.size() + 4, "x");
                    }
                }
                std::regex check(shape);
            } catch (const std::regex_error& e) {
                r.fail(m["pattern"], key + ".pattern", std::string("bad regex: ") + e.what());
            }
        }
        timeout(m, "timeout_ms");
    } else if (kind == "quiet") {
        s.what = step::kind::quiet;
        const auto m = map_value({"channel", "window_ms", "count", "path", "unit"});
        parse_channel_fields(r, m, key, s);
        if (!m["window_ms"]) {
            r.fail(m, key, "window_ms is required");
        }
        s.window = std::chrono::milliseconds(r.number<long>(m["window_ms"], key + ".window_ms", 1));
        s.count = m["count"] ? r.number<std::uint64_t>(m["count"], key + ".count", 0) : 0;
    } else if (kind == "check") {
        s.what = step::kind::check;
        const auto m = map_value({"channel", "path", "equals"});
        parse_channel_fields(r, m, key, s);
        s.equals = r.case_file(m["equals"], key + ".equals");
    } else if (kind == "rename") {
        s.what = step::kind::rename;
        const auto m = map_value({"from", "to"});
        s.path = r.work_path(m["from"], key + ".from");
        s.to = r.work_path(m["to"], key + ".to");
    } else if (kind == "delete") {
        s.what = step::kind::remove;
        s.path = r.work_path(map_value({"path"})["path"], key + ".path");
    } else if (kind == "mkdir" || kind == "chmod") {
        s.what = kind == "mkdir" ? step::kind::mkdir : step::kind::chmod;
        const auto m = map_value({"path", "mode"});
        s.path = r.work_path(m["path"], key + ".path");
        if (m["mode"]) {
            s.mode = r.mode(m["mode"], key + ".mode");
        } else if (kind == "chmod") {
            r.fail(m, key, "mode is required");
        }
    } else if (kind == "signal") {
        s.what = step::kind::signal;
        const auto m = map_value({"name", "target"});
        s.signal_name = r.scalar(m["name"], key + ".name");
        if (s.signal_name.starts_with("SIG")) {
            s.signal_name = s.signal_name.substr(3);
        }
        if (s.signal_name != "USR1" && s.signal_name != "TERM" && s.signal_name != "INT" &&
            s.signal_name != "HUP") {
            r.fail(m["name"], key + ".name", "must be USR1, TERM, INT or HUP");
        }
        const auto target = m["target"] ? r.scalar(m["target"], key + ".target") : "process";
        if (target != "process" && target != "group") {
            r.fail(m["target"], key + ".target", "must be process or group");
        }
        s.to_group = target == "group";
    } else if (kind == "close_stdin") {
        s.what = step::kind::close_stdin;
    } else if (kind == "wait_exit") {
        s.what = step::kind::wait_exit;
        if (value && !value.IsNull()) {
            const auto m = map_value({"code", "timeout_ms"});
            if (m["code"]) {
                s.exit_code = r.number<int>(m["code"], key + ".code", 0);
            }
            timeout(m, "timeout_ms");
        }
    } else if (kind == "sleep_ms") {
        r.fail(node, key, "forbidden: use wait (a condition) or quiet (an explicit window)");
    } else {
        r.fail(node, base, "unknown step kind " + kind);
    }
    return s;
}

delivery_spec parse_delivery(const case_reader& r, const YAML::Node& m) {
    const std::string key = "expect.delivery";
    r.only_keys(m, key, {"sent", "pattern", "channels", "loss", "record"});
    delivery_spec d;
    d.sent = r.number<std::uint64_t>(m["sent"], key + ".sent", 1);
    d.pattern = r.scalar(m["pattern"], key + ".pattern");
    try {
        if (std::regex(d.pattern).mark_count() < 1) {
            r.fail(m["pattern"], key + ".pattern",
                   "needs a capture group for the sequence number, e.g. \"seq=(\\d+)\"");
        }
    } catch (const std::regex_error& e) {
        r.fail(m["pattern"], key + ".pattern", std::string("bad regex: ") + e.what());
    }
    d.channels = r.strings(m["channels"], key + ".channels");
    if (d.channels.empty()) {
        r.fail(m["channels"], key + ".channels", "needs at least one channel");
    }
    for (std::size_t i = 0; i < d.channels.size(); ++i) {
        const auto& name = d.channels[i];
        const auto item = key + ".channels[" + std::to_string(i) + "]";
        const auto path = fs::path(name.substr(name.starts_with("file:") ? 5 : 0));
        if (name.starts_with("file:")) {
            if (path.empty() || path.is_absolute() ||
                path.lexically_normal().string().starts_with("..")) {
                r.fail(m["channels"][i], item,
                       "file:<path> needs a relative path inside the work directory");
            }
        } else if (name != "stdout" && name != "syslog" && name != "http" && name != "program") {
            r.fail(m["channels"][i], item,
                   "unknown channel " + name + " (stdout, file:<path>, syslog, http, program)");
        }
        if (std::count(d.channels.begin(), d.channels.end(), name) > 1) {
            r.fail(m["channels"][i], item, name + " is listed twice");
        }
    }
    if (m["loss"]) {
        const auto loss = r.scalar(m["loss"], key + ".loss");
        if (loss == "none") {
            d.loss = delivery_spec::loss_rule::none;
        } else if (loss == "allowed") {
            d.loss = delivery_spec::loss_rule::allowed;
        } else if (loss == "required") {
            d.loss = delivery_spec::loss_rule::required;
        } else {
            r.fail(m["loss"], key + ".loss", "must be none, allowed or required");
        }
    }
    if (m["record"]) {
        const auto add = [&](const YAML::Node& node, const std::string& name,
                             const std::string& item) {
            generator_spec g;
            g.line = r.scalar(node, item);
            g.first = d.sent;  // the widest n a record can carry
            if (const auto problem = check_generator_spec(g); !problem.empty()) {
                r.fail(node, item, problem);
            }
            d.records[name] = g.line;
        };
        if (m["record"].IsMap()) {
            for (const auto& entry : m["record"]) {
                const auto name = entry.first.as<std::string>();
                const auto item = key + ".record." + name;
                if (name != "default" &&
                    std::find(d.channels.begin(), d.channels.end(), name) == d.channels.end()) {
                    r.fail(entry.first, item, "not one of delivery.channels (or default)");
                }
                add(entry.second, name == "default" ? "*" : name, item);
            }
        } else {
            add(m["record"], "*", key + ".record");
        }
    }
    return d;
}

// The syslog and http channels of a delivery are what the mocks recorded.
void check_delivery_mocks(const case_reader& r, const YAML::Node& expect, const golden_case& c) {
    if (!c.expect.delivery) {
        return;
    }
    for (const auto& name : c.expect.delivery->channels) {
        if ((name == "syslog" && !c.syslog_mock) || (name == "http" && !c.http_mock)) {
            r.fail(expect["delivery"]["channels"], "expect.delivery.channels",
                   "channel " + name + " needs mocks." + name);
        }
    }
}

// `setup:` acts on the work directory before the implementation starts: file actions only.
void parse_setup(const case_reader& r, const YAML::Node& list, golden_case& c) {
    if (!list.IsSequence()) {
        r.fail(list, "setup", "must be a list");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto s = parse_step(r, list[i], "setup", i);
        if (s.what != step::kind::mkdir && s.what != step::kind::chmod &&
            s.what != step::kind::rename && s.what != step::kind::remove) {
            r.fail(list[i], "setup[" + std::to_string(i) + "]",
                   "only mkdir, chmod, rename and delete run before the implementation starts");
        }
        c.setup.push_back(std::move(s));
    }
}

void parse_expect(const case_reader& r, const YAML::Node& m, expectations& e) {
    r.only_keys(m, "expect",
                {"exit_code", "stdout", "stdout_stats", "stdout_empty", "stderr", "stderr_absent",
                 "files", "files_absent", "syslog", "program", "http", "http_connections", "count",
                 "stdout_tail", "delivery"});
    if (m["exit_code"]) {
        e.exit_code = r.number<int>(m["exit_code"], "expect.exit_code", 0);
    }
    if (m["stdout"]) {
        e.stdout_content = parse_expected(r, m["stdout"], "expect.stdout");
    }
    if (m["stdout_tail"]) {
        e.stdout_tail = parse_expected(r, m["stdout_tail"], "expect.stdout_tail");
    }
    if (m["delivery"]) {
        e.delivery = parse_delivery(r, m["delivery"]);
    }
    if (m["stdout_stats"]) {
        if (r.scalar(m["stdout_stats"], "expect.stdout_stats") != "unordered") {
            r.fail(m["stdout_stats"], "expect.stdout_stats", "only `unordered` is defined");
        }
        e.stdout_stats_unordered = true;
    }
    if (m["stdout_empty"]) {
        e.stdout_empty = r.boolean(m["stdout_empty"], "expect.stdout_empty");
    }
    if (e.stdout_empty && (e.stdout_content || e.stdout_tail)) {
        r.fail(m["stdout_empty"], "expect.stdout_empty", "contradicts expect.stdout");
    }
    if (m["stderr"]) {
        e.stderr_patterns = r.regexes(m["stderr"], "expect.stderr");
    }
    if (m["stderr_absent"]) {
        e.stderr_absent = r.regexes(m["stderr_absent"], "expect.stderr_absent");
    }
    if (m["files"]) {
        if (!m["files"].IsMap()) {
            r.fail(m["files"], "expect.files", "must be a mapping work path -> expected file");
        }
        for (const auto& item : m["files"]) {
            const auto path = r.work_path(item.first, "expect.files");
            e.files.emplace_back(path, parse_expected(r, item.second, "expect.files." + path));
        }
    }
    if (m["files_absent"]) {
        if (!m["files_absent"].IsSequence()) {
            r.fail(m["files_absent"], "expect.files_absent", "must be a list");
        }
        for (std::size_t i = 0; i < m["files_absent"].size(); ++i) {
            e.files_absent.push_back(r.work_path(m["files_absent"][i],
                                                 "expect.files_absent[" + std::to_string(i) + "]"));
        }
    }
    for (const auto& [name, target] :
         {std::pair{"syslog", &e.syslog_file}, std::pair{"program", &e.program_file},
          std::pair{"http", &e.http_file}}) {
        if (m[name]) {
            *target = r.case_file(m[name], std::string("expect.") + name);
        }
    }
    if (m["http_connections"]) {
        e.http_connections =
            r.number<std::uint64_t>(m["http_connections"], "expect.http_connections", 0);
    }
    if (m["count"]) {
        if (!m["count"].IsMap()) {
            r.fail(m["count"], "expect.count", "must be a mapping channel -> records");
        }
        for (const auto& item : m["count"]) {
            const auto channel = item.first.as<std::string>();
            const bool known = k_channels.count(channel) || channel.starts_with("file:") ||
                               channel == "program_processes" || channel == "program_eof";
            if (!known || channel == "file") {
                r.fail(item.first, "expect.count." + channel,
                       "unknown channel (stdout, stderr, syslog, http, program, program_processes, "
                       "program_eof, file:<path>)");
            }
            e.counts.emplace_back(
                channel, r.number<std::uint64_t>(item.second, "expect.count." + channel, 0));
        }
    }
}

// Steps that name alert lines must stay within alerts.jsonl.
void check_send_lines(const case_reader& r, const YAML::Node& steps,
                      const std::vector<step>& parsed) {
    std::size_t alert_lines = 0;
    bool have_alerts = false;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        if (parsed[i].what != step::kind::send) {
            continue;
        }
        if (!have_alerts) {
            if (!fs::exists(r.dir() / "alerts.jsonl")) {
                r.fail(steps[i], "steps[" + std::to_string(i) + "].send",
                       "alerts.jsonl does not exist");
            }
            alert_lines = all_lines(read_file(r.dir() / "alerts.jsonl")).size();
            have_alerts = true;
        }
        for (const int line : parsed[i].lines) {
            if (static_cast<std::size_t>(line) > alert_lines) {
                r.fail(steps[i], "steps[" + std::to_string(i) + "].send",
                       "line " + std::to_string(line) + " is beyond alerts.jsonl (" +
                           std::to_string(alert_lines) + " lines)");
            }
        }
    }
}

// Placeholders must be known, and the mock each needs must be declared.
void check_placeholders(const case_reader& r, const YAML::Node& root, const golden_case& c) {
    std::string all = c.config.value_or("");
    for (const auto& a : c.args) {
        all += a;
    }
    for (const auto& [k, v] : c.env) {
        all += v;
    }
    for (const auto& s : c.steps) {
        if (s.what == step::kind::send_raw) {
            all += s.text;
        }
        all += s.pattern.value_or("");
    }
    const std::map<std::string, std::string> needs{{"http_url", "http"},
                                                   {"https_url", "http"},
                                                   {"https_localhost_url", "http"},
                                                   {"tls_dir", "http"},
                                                   {"syslog_socket", "syslog"}};
    for (const auto& name : templater::placeholders(all)) {
        if (!templater::known_names().count(name)) {
            r.fail(root, "config/args/env/send_raw", "unknown placeholder {{" + name + "}}");
        }
        const auto need = needs.find(name);
        if (need == needs.end()) {
            continue;
        }
        const bool declared = need->second == "http" ? c.http_mock.has_value() : c.syslog_mock;
        if (!declared) {
            r.fail(root, "mocks", "{{" + name + "}} needs mocks." + need->second);
        }
        if (name != "http_url" && need->second == "http" && c.http_mock->tls == "false") {
            r.fail(root["mocks"], "mocks.http.tls", "{{" + name + "}} needs tls other than false");
        }
    }
}

// `rules:` names docs/spec rule ids; whether each exists for the profile is --check's business.
void parse_rules(const case_reader& r, const YAML::Node& list, golden_case& c) {
    c.rules = r.located_strings(list, "rules");
    if (c.rules.empty()) {
        r.fail(list, "rules", "needs at least one rule id");
    }
    for (std::size_t i = 0; i < c.rules.size(); ++i) {
        const auto& id = c.rules[i].text;
        const auto key = "rules[" + std::to_string(i) + "]";
        if (!valid_rule_id(id)) {
            r.fail(list[i], key, "'" + id + "' is not a rule id (docs/spec/README.md, Rule ids)");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (c.rules[j].text == id) {
                r.fail(list[i], key, id + " is listed twice");
            }
        }
    }
}

void parse_case(const case_reader& r, const YAML::Node& root, golden_case& c) {
    r.only_keys(root, "case",
                {"description", "provenance", "rules", "tags", "env", "args", "input", "daemon",
                 "mocks", "config", "setup", "steps", "expect", "timeout_ms", "requires"});
    c.description = r.scalar(root["description"], "description");
    if (!root["provenance"]) {
        r.fail(root, "provenance", "is required (at least one cited fact)");
    }
    c.provenance = r.located_strings(root["provenance"], "provenance");
    if (c.provenance.empty()) {
        r.fail(root["provenance"], "provenance", "needs at least one entry");
    }
    if (root["rules"]) {
        parse_rules(r, root["rules"], c);
    }
    if (root["tags"]) {
        c.tags = r.strings(root["tags"], "tags");
    }
    if (root["requires"]) {
        c.requires_features = r.strings(root["requires"], "requires");
    }
    if (root["env"]) {
        if (!root["env"].IsMap()) {
            r.fail(root["env"], "env", "must be a mapping");
        }
        for (const auto& item : root["env"]) {
            const auto name = item.first.as<std::string>();
            c.env.emplace_back(name, r.scalar(item.second, "env." + name));
        }
    }
    if (root["args"]) {
        c.args = r.strings(root["args"], "args");
    }
    if (root["input"]) {
        const auto input = r.scalar(root["input"], "input");
        if (input != "stdin" && input != "fifo") {
            r.fail(root["input"], "input", "must be stdin or fifo");
        }
        c.input_fifo = input == "fifo";
    }
    if (root["daemon"]) {
        c.daemon = r.boolean(root["daemon"], "daemon");
    }
    if (root["mocks"]) {
        const auto& m = root["mocks"];
        r.only_keys(m, "mocks", {"syslog", "http"});
        if (m["syslog"]) {
            if (!m["syslog"].IsNull() && !(m["syslog"].IsMap() && m["syslog"].size() == 0)) {
                r.fail(m["syslog"], "mocks.syslog", "takes no options ({})");
            }
            c.syslog_mock = true;
        }
        if (m["http"]) {
            http_mock_spec spec;
            if (!m["http"].IsNull()) {
                r.only_keys(m["http"], "mocks.http", {"tls", "faults", "response_body"});
                if (m["http"]["response_body"]) {
                    spec.response_body =
                        r.scalar(m["http"]["response_body"], "mocks.http.response_body");
                }
                if (m["http"]["tls"]) {
                    spec.tls = r.scalar(m["http"]["tls"], "mocks.http.tls");
                    if (spec.tls != "false" && spec.tls != "true" && spec.tls != "untrusted" &&
                        spec.tls != "mtls") {
                        r.fail(m["http"]["tls"], "mocks.http.tls",
                               "must be false, true, untrusted or mtls");
                    }
                }
                if (m["http"]["faults"]) {
                    spec.faults = r.strings(m["http"]["faults"], "mocks.http.faults");
                }
            }
            c.http_mock = spec;
        }
    }
    if (root["config"]) {
        c.config = r.scalar(root["config"], "config");
    }
    if (root["steps"]) {
        if (!root["steps"].IsSequence()) {
            r.fail(root["steps"], "steps", "must be a list");
        }
        for (std::size_t i = 0; i < root["steps"].size(); ++i) {
            c.steps.push_back(parse_step(r, root["steps"][i], "steps", i));
        }
        check_send_lines(r, root["steps"], c.steps);
    }
    if (root["setup"]) {
        parse_setup(r, root["setup"], c);
    }
    if (root["expect"]) {
        parse_expect(r, root["expect"], c.expect);
        check_delivery_mocks(r, root["expect"], c);
    }
    if (root["timeout_ms"]) {
        c.timeout = std::chrono::milliseconds(r.number<long>(root["timeout_ms"], "timeout_ms", 1));
    }
    check_placeholders(r, root, c);
}

}  // namespace

golden_case case_loader::load_case(const fs::path& case_dir) const {
    golden_case c;
    c.dir = case_dir;
    c.id = case_dir.lexically_relative(root_).generic_string();
    const auto first_slash = c.id.find('/');
    c.profile = c.id.substr(0, first_slash);
    if (first_slash != std::string::npos) {
        const auto second = c.id.find('/', first_slash + 1);
        c.channel =
            c.id.substr(first_slash + 1,
                        second == std::string::npos ? std::string::npos : second - first_slash - 1);
    }
    const auto file = case_dir / "case.yaml";
    const case_reader reader(file, case_dir);
    try {
        parse_case(reader, YAML::LoadFile(file.string()), c);
    } catch (const schema_error& e) {
        c.load_error = e.what();
    } catch (const YAML::Exception& e) {
        c.load_error = file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    }
    if (fs::exists(case_dir / "alerts.jsonl")) {
        c.alert_features =
            derive_alert_features(read_file(case_dir / "alerts.jsonl"),
                                  prints_json_output_fields(c.config, c.args, c.profile));
    }
    if (!c.channel.empty() && std::find(c.tags.begin(), c.tags.end(), c.channel) == c.tags.end()) {
        c.tags.push_back(c.channel);
    }
    return c;
}

std::vector<golden_case> case_loader::load_profile(const std::string& profile) const {
    const auto dir = root_ / profile;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw std::runtime_error("golden directory " + dir.string() + " is not readable");
    }
    std::vector<golden_case> cases;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().filename() == "case.yaml") {
            cases.push_back(load_case(it->path().parent_path()));
        }
    }
    if (ec) {
        throw std::runtime_error("cannot read golden directory " + dir.string() + ": " +
                                 ec.message());
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return cases;
}

}  // namespace conformance
