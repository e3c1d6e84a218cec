// SPDX-License-Identifier: Apache-2.0
#include "cases/expect_parser.hpp"

#include <algorithm>
#include <regex>

#include "cases/statistics_block.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

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
    const auto names = r.strings(m["channels"], key + ".channels");
    if (names.empty()) {
        r.fail(m["channels"], key + ".channels", "needs at least one channel");
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto item = key + ".channels[" + std::to_string(i) + "]";
        d.channels.push_back(r.channel(m["channels"][i], item, channel_place::delivery));
        if (std::count(names.begin(), names.end(), names[i]) > 1) {
            r.fail(m["channels"][i], item, names[i] + " is listed twice");
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
                    std::find(names.begin(), names.end(), name) == names.end()) {
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

// The bytes of an expected content as written (a `text:` content untemplated: placeholders
// never make or remove a line).
std::string written_content(const case_reader& r, const expected_content& content) {
    if (!content.file.empty()) {
        return read_file(r.dir() / content.file);
    }
    if (content.text) {
        return *content.text;
    }
    std::string out;
    for (const auto& g : content.generated) {
        out += generate_lines(g);
    }
    return out;
}

// `stdout_stats: interleaved` splits the expected stdout (and tail) where the statistics block
// starts: each must have exactly one line that starts it.
void check_interleaved(const case_reader& r, const YAML::Node& m, const expectations& e) {
    const std::string key = "expect.stdout_stats";
    if (!e.stdout_content && !e.stdout_tail) {
        r.fail(m["stdout_stats"], key, "interleaved needs expect.stdout or expect.stdout_tail");
    }
    for (const auto* content : {&e.stdout_content, &e.stdout_tail}) {
        if (!*content) {
            continue;
        }
        const auto starts = statistics_starts(written_content(r, **content));
        if (starts != 1) {
            r.fail(m["stdout_stats"], key,
                   "interleaved needs one line starting `" + std::string(k_statistics_start) +
                       "` (the statistics block) in " + (*content)->label() + ", which has " +
                       std::to_string(starts));
        }
    }
}

void parse_stdout(const case_reader& r, const YAML::Node& m, expectations& e) {
    if (m["stdout"]) {
        e.stdout_content = r.expected(m["stdout"], "expect.stdout");
    }
    if (m["stdout_tail"]) {
        e.stdout_tail = r.expected(m["stdout_tail"], "expect.stdout_tail");
    }
    if (m["stdout_stats"]) {
        const auto order = r.scalar(m["stdout_stats"], "expect.stdout_stats");
        if (order == "unordered") {
            e.stdout_stats = expectations::stats_order::unordered;
        } else if (order == "interleaved") {
            e.stdout_stats = expectations::stats_order::interleaved;
            check_interleaved(r, m, e);
        } else {
            r.fail(m["stdout_stats"], "expect.stdout_stats", "must be unordered or interleaved");
        }
    }
    if (m["stdout_empty"]) {
        e.stdout_empty = r.boolean(m["stdout_empty"], "expect.stdout_empty");
    }
    if (e.stdout_empty && (e.stdout_content || e.stdout_tail)) {
        r.fail(m["stdout_empty"], "expect.stdout_empty", "contradicts expect.stdout");
    }
}

void parse_files(const case_reader& r, const YAML::Node& m, expectations& e) {
    if (m["files"]) {
        if (!m["files"].IsMap()) {
            r.fail(m["files"], "expect.files", "must be a mapping work path -> expected file");
        }
        for (const auto& item : m["files"]) {
            const auto path = r.work_path(item.first, "expect.files");
            e.files.emplace_back(path, r.expected(item.second, "expect.files." + path));
        }
    }
    if (m["file_modes"]) {
        if (!m["file_modes"].IsMap()) {
            r.fail(m["file_modes"], "expect.file_modes",
                   "must be a mapping work path -> octal mode");
        }
        for (const auto& item : m["file_modes"]) {
            const auto path = r.work_path(item.first, "expect.file_modes");
            e.file_modes.emplace_back(path, r.mode(item.second, "expect.file_modes." + path));
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
}

void parse_counts(const case_reader& r, const YAML::Node& m, expectations& e) {
    if (!m["count"]) {
        return;
    }
    if (!m["count"].IsMap()) {
        r.fail(m["count"], "expect.count", "must be a mapping channel -> records");
    }
    for (const auto& item : m["count"]) {
        const auto key = "expect.count." + item.first.as<std::string>();
        e.counts.emplace_back(r.channel(item.first, key, channel_place::count),
                              r.number<std::uint64_t>(item.second, key, 0));
    }
}

}  // namespace

void parse_expect(const case_reader& r, const YAML::Node& m, expectations& e) {
    r.only_keys(m, "expect",
                {"exit_code", "stdout", "stdout_stats", "stdout_empty", "stderr", "stderr_absent",
                 "files", "files_absent", "file_modes", "syslog", "program", "http",
                 "http_connections", "count", "stdout_tail", "delivery"});
    if (m["exit_code"]) {
        e.exit_code = r.number<int>(m["exit_code"], "expect.exit_code", 0);
    }
    parse_stdout(r, m, e);
    if (m["delivery"]) {
        e.delivery = parse_delivery(r, m["delivery"]);
    }
    if (m["stderr"]) {
        e.stderr_patterns = r.regexes(m["stderr"], "expect.stderr");
    }
    if (m["stderr_absent"]) {
        e.stderr_absent = r.regexes(m["stderr_absent"], "expect.stderr_absent");
    }
    parse_files(r, m, e);
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
    parse_counts(r, m, e);
}

}  // namespace conformance
