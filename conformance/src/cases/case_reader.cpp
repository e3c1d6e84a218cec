// SPDX-License-Identifier: Apache-2.0
#include "cases/case_reader.hpp"

#include "cases/templater.hpp"

#include <regex>

namespace conformance {

namespace fs = std::filesystem;

namespace {

// Bounds that keep a typo (an extra zero) from eating the machine's memory.
constexpr std::uint64_t k_max_generated_lines = 10'000'000;
constexpr std::uint64_t k_max_fill_bytes = 64ull << 20;

bool inside_work_dir(const std::string& name) {
    return !name.empty() && !fs::path(name).is_absolute() &&
           !fs::path(name).lexically_normal().string().starts_with("..");
}

// Which names each place accepts, as listed in its error message.
struct place_rule {
    const char* names;
    bool (*accepts)(const channel_ref& ref, bool qualified);
};

place_rule rule_of(channel_place place) {
    switch (place) {
        case channel_place::step:
            return {"stdout, stderr, file, syslog, http, program",
                    [](const channel_ref&, bool qualified) { return !qualified; }};
        case channel_place::count:
            return {
                "stdout, stderr, syslog, http, program, program_processes, program_eof, "
                "file:<path>",
                [](const channel_ref& ref, bool qualified) {
                    return qualified || ref.kind != channel::file;
                }};
        case channel_place::delivery:
            break;
    }
    return {"stdout, file:<path>, syslog, http, program",
            [](const channel_ref& ref, bool qualified) {
                return ref.kind != channel::std_err && ref.unit == program_unit::reads &&
                       (qualified || ref.kind != channel::file);
            }};
}

}  // namespace

const std::set<std::string>& generator_keys() {
    static const std::set<std::string> keys{"template", "count", "first", "repeat", "bytes"};
    return keys;
}

void case_reader::fail(const YAML::Node& node, const std::string& key,
                       const std::string& message) const {
    std::string where = file_.string();
    if (node.IsDefined() && node.Mark().line >= 0) {
        where += ":" + std::to_string(node.Mark().line + 1);
    }
    throw schema_error(where + ": " + key + ": " + message);
}

void case_reader::only_keys(const YAML::Node& map, const std::string& key,
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

void case_reader::present(const YAML::Node& node, const std::string& key) const {
    if (!node) {
        fail(node, key, "is required");
    }
}

std::string case_reader::scalar(const YAML::Node& node, const std::string& key) const {
    present(node, key);
    if (!node.IsScalar()) {
        fail(node, key, "must be a scalar");
    }
    return node.as<std::string>();
}

bool case_reader::boolean(const YAML::Node& node, const std::string& key) const {
    present(node, key);
    try {
        return node.as<bool>();
    } catch (const YAML::Exception&) {
        fail(node, key, "must be true or false");
    }
}

std::vector<std::string> case_reader::strings(const YAML::Node& node,
                                              const std::string& key) const {
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

std::vector<located_text> case_reader::located_strings(const YAML::Node& node,
                                                       const std::string& key) const {
    auto texts = strings(node, key);
    std::vector<located_text> out;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        out.push_back({std::move(texts[i]), node[i].Mark().line + 1});
    }
    return out;
}

std::vector<std::string> case_reader::regexes(const YAML::Node& node,
                                              const std::string& key) const {
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

unsigned case_reader::mode(const YAML::Node& node, const std::string& key) const {
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

std::string case_reader::case_file(const YAML::Node& node, const std::string& key) const {
    const auto name = scalar(node, key);
    if (fs::path(name).is_absolute() || name.find("..") != std::string::npos) {
        fail(node, key, "must be a path inside the case directory");
    }
    if (!fs::exists(dir_ / name)) {
        fail(node, key, "file " + (dir_ / name).string() + " does not exist");
    }
    return name;
}

std::string case_reader::work_path(const YAML::Node& node, const std::string& key) const {
    // A file literally named `null` is a YAML null key: as<std::string>() gives "null".
    const auto name = node && node.IsNull() ? node.as<std::string>() : scalar(node, key);
    if (!inside_work_dir(name)) {
        fail(node, key, "must be a relative path inside the work directory");
    }
    return name;
}

channel_ref case_reader::channel(const YAML::Node& node, const std::string& key,
                                 channel_place place) const {
    const auto text = scalar(node, key);
    const auto ref = parse_channel_key(text);
    const bool qualified = text.find_first_of(":_") != std::string::npos;
    const auto rule = rule_of(place);
    if (!ref || !rule.accepts(*ref, qualified)) {
        fail(node, key, "unknown channel " + text + " (one of " + rule.names + ")");
    }
    if (ref->kind == channel::file && qualified && !inside_work_dir(ref->path)) {
        fail(node, key, "file:<path> needs a relative path inside the work directory");
    }
    return *ref;
}

generator_spec case_reader::generator(const YAML::Node& m, const std::string& key) const {
    const auto bounded = [&](const char* name, std::uint64_t min, std::uint64_t max,
                             const char* unit) {
        const auto value = number<std::uint64_t>(m[name], key + "." + name, min);
        if (value > max) {
            fail(m[name], key + "." + name, "at most " + std::to_string(max) + " " + unit);
        }
        return value;
    };
    generator_spec g;
    g.line = scalar(m["template"], key + ".template");
    if (m["count"]) {
        g.count = bounded("count", 1, k_max_generated_lines, "lines");
    }
    if (m["first"]) {
        g.first = number<std::uint64_t>(m["first"], key + ".first", 0);
    }
    if (m["repeat"]) {
        g.repeat = scalar(m["repeat"], key + ".repeat");
    }
    if (m["bytes"]) {
        g.bytes = bounded("bytes", 1, k_max_fill_bytes, "bytes");
    }
    if (const auto problem = check_generator_spec(g); !problem.empty()) {
        fail(m["template"], key, problem);
    }
    return g;
}

expected_content case_reader::expected(const YAML::Node& node, const std::string& key) const {
    expected_content e;
    if (!node.IsMap()) {
        e.file = case_file(node, key);
        return e;
    }
    only_keys(node, key, {"generate", "text"});
    if (node["text"]) {
        if (node["generate"]) {
            fail(node, key, "give either generate or text, not both");
        }
        e.text = scalar(node["text"], key + ".text");
        for (const auto& name : templater::placeholders(*e.text)) {
            if (name != "impl_pid" && templater::known_names().count(name) == 0) {
                fail(node["text"], key + ".text", "unknown placeholder {{" + name + "}}");
            }
        }
        return e;
    }
    const auto& list = node["generate"];
    if (!list.IsSequence() || list.size() == 0) {
        fail(list, key + ".generate", "must be a non-empty list of generators");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto item = key + ".generate[" + std::to_string(i) + "]";
        only_keys(list[i], item, generator_keys());
        e.generated.push_back(generator(list[i], item));
    }
    return e;
}

}  // namespace conformance
