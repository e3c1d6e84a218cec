// SPDX-License-Identifier: Apache-2.0
#include "report/json_reporter.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "judge/line_diff.hpp"
#include "util/file_util.hpp"

namespace conformance {

void write_json_report(const std::filesystem::path& file, const run_report& report) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    // Strings go through visible_text: the report stays valid UTF-8 whatever the bytes were.
    const auto text = [&](std::string_view value) {
        const auto v = visible_text(value);
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    };
    const auto str = [&](std::string_view key, std::string_view value) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        text(value);
    };
    const auto num = [&](const char* key, std::uint64_t value) {
        w.Key(key);
        w.Uint64(value);
    };
    const auto list = [&](const char* key, const std::vector<std::string>& values) {
        w.Key(key);
        w.StartArray();
        for (const auto& v : values) {
            text(v);
        }
        w.EndArray();
    };
    // How the implementation was started: {argv[], env{}, cwd, config|null, notes[]}.
    const auto invocation_object = [&](const invocation& how) {
        w.Key("invocation");
        w.StartObject();
        list("argv", how.argv);
        w.Key("env");
        w.StartObject();
        for (const auto& [name, value] : how.env) {
            str(name, value);
        }
        w.EndObject();
        str("cwd", how.cwd.string());
        if (how.config) {
            str("config", *how.config);
        } else {
            w.Key("config");
            w.Null();
        }
        list("notes", how.notes);
        w.EndObject();
    };
    w.StartObject();
    str("tool", "falco-conformance");
    str("suite_version", report.suite_version);
    str("profile", report.profile);
    str("impl", report.impl);
    str("golden", report.golden_dir);
    str("golden_digest", report.golden_digest);
    w.Key("selection");
    w.StartObject();
    list("filters", report.selection);
    num("total", report.selected_total);
    w.Key("shard");
    if (report.shard) {
        text(report.shard->text());
    } else {
        w.Null();
    }
    w.EndObject();
    if (!report.merged_from.empty()) {
        list("merged_from", report.merged_from);
    }
    num("duration_ms", static_cast<std::uint64_t>(report.duration.count()));
    num("exit_code", static_cast<std::uint64_t>(report.exit_code));
    w.Key("counts");
    w.StartObject();
    const auto& c = report.counts;
    num("passed", c.passed);
    num("failed", c.failed);
    num("skipped", c.skipped);
    num("not_applicable", c.not_applicable);
    num("expected_failures", c.expected_failures);
    num("errors", c.errors);
    w.EndObject();
    list("warnings", report.warnings);
    w.Key("cases");
    w.StartArray();
    for (const auto& r : report.results) {
        w.StartObject();
        str("id", r.id);
        str("verdict", verdict_name(r.outcome));
        num("duration_ms", static_cast<std::uint64_t>(r.duration.count()));
        list("tags", r.tags);
        if (!r.reason.empty()) {
            str("reason", r.reason);
        }
        if (r.declared_by_implementation) {
            w.Key("declared_by_implementation");
            w.Bool(true);
        }
        if (!r.failures.empty()) {
            w.Key("failures");
            w.StartArray();
            for (const auto& f : r.failures) {
                w.StartObject();
                str("what", f.what);
                str("message", f.message);
                if (!f.detail.empty()) {
                    str("detail", f.detail);
                }
                w.EndObject();
            }
            w.EndArray();
        }
        if (!r.stderr_tail.empty()) {
            str("stderr_tail", r.stderr_tail);
        }
        if (r.launched && (r.outcome == verdict::failed || r.outcome == verdict::error)) {
            invocation_object(*r.launched);
        }
        if (!r.workdir.empty()) {
            str("workdir", r.workdir);
        }
        if (r.outcome == verdict::failed || r.outcome == verdict::error) {
            str("reproduce", r.reproduce);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    write_file(file, std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

}  // namespace conformance
