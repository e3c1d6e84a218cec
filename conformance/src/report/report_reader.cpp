// SPDX-License-Identifier: Apache-2.0
#include "report/report_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <stdexcept>

#include "util/file_util.hpp"

namespace conformance {

namespace {

using json = rapidjson::Value;

// Field access that names the file and the JSON path of whatever is missing or mistyped.
class report_fields {
public:
    explicit report_fields(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error(file_ + ": " + what);
    }
    const json& member(const json& object, const char* key, const std::string& path) const {
        const auto it = object.FindMember(key);
        if (it == object.MemberEnd()) {
            fail("missing " + path + "." + key + " (not a falco-conformance " +
                 "JSON report, or one written by an older version)");
        }
        return it->value;
    }
    std::string text(const json& object, const char* key, const std::string& path) const {
        const auto& v = member(object, key, path);
        if (!v.IsString()) {
            fail(path + "." + key + " is not a string");
        }
        return {v.GetString(), v.GetStringLength()};
    }
    std::string optional_text(const json& object, const char* key, const std::string& path) const {
        return object.HasMember(key) ? text(object, key, path) : "";
    }
    std::uint64_t number(const json& object, const char* key, const std::string& path) const {
        const auto& v = member(object, key, path);
        if (!v.IsUint64()) {
            fail(path + "." + key + " is not a non-negative integer");
        }
        return v.GetUint64();
    }
    json::ConstArray array(const json& object, const char* key, const std::string& path) const {
        const auto& v = member(object, key, path);
        if (!v.IsArray()) {
            fail(path + "." + key + " is not an array");
        }
        return v.GetArray();
    }
    std::vector<std::string> texts(const json& object, const char* key,
                                   const std::string& path) const {
        std::vector<std::string> out;
        for (const auto& v : array(object, key, path)) {
            if (!v.IsString()) {
                fail(path + "." + key + " holds a value that is not a string");
            }
            out.emplace_back(v.GetString(), v.GetStringLength());
        }
        return out;
    }

private:
    std::string file_;
};

verdict verdict_named(const report_fields& f, const std::string& name, const std::string& path) {
    for (const auto v : k_all_verdicts) {
        if (name == verdict_name(v)) {
            return v;
        }
    }
    f.fail(path + ".verdict '" + name + "' is not a verdict");
}

// `invocation`: how the implementation of a failed case was started (json_reporter.cpp).
invocation read_invocation(const report_fields& f, const json& v, const std::string& path) {
    if (!v.IsObject()) {
        f.fail(path + " is not an object");
    }
    invocation how;
    how.argv = f.texts(v, "argv", path);
    const auto& env = f.member(v, "env", path);
    if (!env.IsObject()) {
        f.fail(path + ".env is not an object");
    }
    for (const auto& m : env.GetObject()) {
        const std::string name(m.name.GetString(), m.name.GetStringLength());
        how.env.emplace_back(name, f.text(env, name.c_str(), path + ".env"));
    }
    how.cwd = f.text(v, "cwd", path);
    if (!f.member(v, "config", path).IsNull()) {
        how.config = f.text(v, "config", path);
    }
    how.notes = f.texts(v, "notes", path);
    return how;
}

case_result read_case(const report_fields& f, const json& c, const std::string& path) {
    if (!c.IsObject()) {
        f.fail(path + " is not an object");
    }
    case_result r;
    r.id = f.text(c, "id", path);
    r.outcome = verdict_named(f, f.text(c, "verdict", path), path);
    r.duration = std::chrono::milliseconds(f.number(c, "duration_ms", path));
    r.tags = f.texts(c, "tags", path);
    r.reason = f.optional_text(c, "reason", path);
    r.declared_by_implementation = c.HasMember("declared_by_implementation");
    if (c.HasMember("failures")) {
        for (const auto& failure_value : f.array(c, "failures", path)) {
            const auto fpath = path + ".failures[]";
            if (!failure_value.IsObject()) {
                f.fail(fpath + " is not an object");
            }
            r.failures.push_back({f.text(failure_value, "what", fpath),
                                  f.text(failure_value, "message", fpath),
                                  f.optional_text(failure_value, "detail", fpath)});
        }
    }
    r.stderr_tail = f.optional_text(c, "stderr_tail", path);
    if (c.HasMember("invocation")) {
        r.launched = read_invocation(f, f.member(c, "invocation", path), path + ".invocation");
    }
    r.workdir = f.optional_text(c, "workdir", path);
    r.reproduce = f.optional_text(c, "reproduce", path);
    return r;
}

}  // namespace

run_report read_json_report(const std::filesystem::path& file) {
    const report_fields f(file.string());
    if (!std::filesystem::is_regular_file(file)) {
        f.fail("no such report file");
    }
    const auto content = read_file(file);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(content.data(), content.size());
    if (doc.HasParseError()) {
        f.fail("not valid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
               rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject() || !doc.HasMember("tool") || !doc["tool"].IsString() ||
        std::string_view(doc["tool"].GetString()) != "falco-conformance") {
        f.fail("not a falco-conformance JSON report (no \"tool\": \"falco-conformance\")");
    }
    run_report report;
    report.suite_version = f.text(doc, "suite_version", "$");
    report.profile = f.text(doc, "profile", "$");
    report.impl = f.text(doc, "impl", "$");
    report.golden_dir = f.text(doc, "golden", "$");
    report.golden_digest = f.text(doc, "golden_digest", "$");
    const auto& selection = f.member(doc, "selection", "$");
    if (!selection.IsObject()) {
        f.fail("$.selection is not an object");
    }
    report.selection = f.texts(selection, "filters", "$.selection");
    report.selected_total = f.number(selection, "total", "$.selection");
    if (const auto& shard = f.member(selection, "shard", "$.selection"); shard.IsString()) {
        try {
            report.shard = shard_spec::parse(shard.GetString());
        } catch (const std::invalid_argument& e) {
            f.fail(std::string("$.selection.shard: ") + e.what());
        }
    } else if (!shard.IsNull()) {
        f.fail("$.selection.shard is neither \"K/N\" nor null");
    }
    if (doc.HasMember("merged_from")) {
        report.merged_from = f.texts(doc, "merged_from", "$");
    }
    report.duration = std::chrono::milliseconds(f.number(doc, "duration_ms", "$"));
    report.exit_code = static_cast<int>(f.number(doc, "exit_code", "$"));
    report.warnings = f.texts(doc, "warnings", "$");
    std::size_t index = 0;
    for (const auto& c : f.array(doc, "cases", "$")) {
        report.results.push_back(read_case(f, c, "$.cases[" + std::to_string(index++) + "]"));
        report.counts.add(report.results.back().outcome);
    }
    // The counts must say what the cases say: a report edited by hand, or cut short, does not.
    const auto& counts = f.member(doc, "counts", "$");
    if (!counts.IsObject()) {
        f.fail("$.counts is not an object");
    }
    const auto& c = report.counts;
    const std::pair<const char*, std::size_t> expected[] = {
        {"passed", c.passed},
        {"failed", c.failed},
        {"skipped", c.skipped},
        {"not_applicable", c.not_applicable},
        {"expected_failures", c.expected_failures},
        {"errors", c.errors}};
    for (const auto& [key, value] : expected) {
        if (f.number(counts, key, "$.counts") != value) {
            f.fail(std::string("$.counts.") + key + " is " +
                   std::to_string(f.number(counts, key, "$.counts")) + " but " +
                   std::to_string(value) + " cases have that verdict");
        }
    }
    return report;
}

}  // namespace conformance
