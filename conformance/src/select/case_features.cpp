// SPDX-License-Identifier: Apache-2.0
#include "select/case_features.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "select/alert_features.hpp"
#include "select/effective_config.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 5> k_output_channels{"stdout", "file", "syslog", "program",
                                                            "http"};

// Collects the features of one case with their origins; one method per kind of use.
class feature_collector {
public:
    explicit feature_collector(const golden_case& c) : case_(c), config_(c.config, c.args) {}

    std::map<std::string, std::vector<std::string>> collect() {
        enabled_channels();
        mocks();
        step_uses();
        expectations();
        flags();
        alerts();
        for (const auto& f : case_.requires_features) {
            need(f, "requires");
        }
        return std::move(needs_);
    }

private:
    void need(const std::string& name, const std::string& origin) {
        auto& origins = needs_[name];
        if (std::find(origins.begin(), origins.end(), origin) == origins.end()) {
            origins.push_back(origin);
        }
    }

    // A file the program channel writes: the program's command names it (`cat >> ./program.txt`).
    bool written_by_program(const std::string& path) const {
        const auto command = config_.scalar("program_output.program");
        const auto name = fs::path(path).filename().string();
        return command && !name.empty() && command->find(name) != std::string::npos;
    }

    void reads(const channel_ref& ref, const std::string& origin) {
        switch (ref.kind) {
            case channel::std_out:
                need("stream:stdout", origin);
                return;
            case channel::std_err:
                need("stream:stderr", origin);
                return;
            case channel::file:
                need(written_by_program(ref.path) ? "program" : "file", origin + " " + ref.path);
                return;
            default:
                need(std::string(channel_name(ref.kind)), origin);
        }
    }

    void enabled_channels() {
        for (const auto name : k_output_channels) {
            const auto key = std::string(name) + "_output.enabled";
            if (config_.boolean(key).value_or(false)) {
                const auto where = config_.origin(key);
                need(std::string(name), where == "the config" ? key + " in the config" : where);
            }
        }
    }

    void mocks() {
        if (case_.syslog_mock) {
            need("mock:syslog", "mocks.syslog");
        }
        if (case_.http_mock) {
            need("mock:http", "mocks.http");
            if (case_.http_mock->tls != "false") {
                need("tls", "mocks.http.tls");
                need("tls:" + case_.http_mock->tls, "mocks.http.tls");
            }
        }
        const auto capture = [&](const std::string& text, const std::string& where) {
            if (text.find("{{capture}}") != std::string::npos) {
                need("mock:capture", "{{capture}} in " + where);
            }
        };
        capture(case_.config.value_or(""), "config");
        for (const auto& a : case_.args) {
            capture(a, "args");
        }
        for (const auto& [name, value] : case_.env) {
            capture(value, "env." + name);
        }
    }

    void step_uses() {
        for (const auto& s : case_.steps) {
            if (s.what == step::kind::wait || s.what == step::kind::quiet ||
                s.what == step::kind::check) {
                reads(s.observed, s.label);
            } else if (s.what == step::kind::signal) {
                need("signal:" + std::string(signal_name(s.sent_signal)), s.label);
            }
        }
    }

    void expectations() {
        const auto& e = case_.expect;
        for (const auto& [present, key] :
             {std::pair{e.stdout_content.has_value(), "expect.stdout"},
              std::pair{e.stdout_tail.has_value(), "expect.stdout_tail"},
              std::pair{e.stdout_empty, "expect.stdout_empty"}}) {
            if (present) {
                need("stream:stdout", key);
            }
        }
        if (!e.stderr_patterns.empty() || !e.stderr_absent.empty()) {
            need("stream:stderr", "expect.stderr");
        }
        for (const auto& [path, expected] : e.files) {
            reads({channel::file, path, program_unit::reads}, "expect.files");
        }
        for (const auto& path : e.files_absent) {
            reads({channel::file, path, program_unit::reads}, "expect.files_absent");
        }
        for (const auto& [kind, file] :
             {std::pair{channel::syslog, e.syslog_file},
              std::pair{channel::program, e.program_file}, std::pair{channel::http, e.http_file}}) {
            if (file) {
                reads({kind, "", program_unit::reads}, "expect." + std::string(channel_name(kind)));
            }
        }
        if (e.http_connections) {
            need("http", "expect.http_connections");
        }
        for (const auto& [ref, count] : e.counts) {
            reads(ref, "expect.count");
        }
        if (e.delivery) {
            for (const auto& ref : e.delivery->channels) {
                reads(ref, "expect.delivery");
            }
        }
    }

    // The contract's flags (conformance/PROTOCOL.md section 1), as the harness passes them.
    void flags() {
        if (case_.input_fifo) {
            need("flag:--alerts", "input: fifo");
            need("input:fifo", "input: fifo");
        }
        if (case_.daemon) {
            for (const char* f : {"flag:-d", "flag:-P", "daemon"}) {
                need(f, "daemon: true");
            }
        }
        for (std::size_t i = 0; i < case_.args.size(); ++i) {
            const auto& word = case_.args[i];
            if (!word.starts_with("-")) {
                continue;
            }
            const bool takes_value = word == "-o" || word == "--option" || word == "-P" ||
                                     word == "--pidfile" || word == "--alerts";
            if (word == "-U" || word == "--unbuffered") {
                need("flag:-U", "args");
            } else if (word == "-o" || word == "--option") {
                need("flag:-o", "args");
            } else if (word == "-d" || word == "--daemon") {
                need("flag:-d", "args");
                need("daemon", "args");
            } else if (word == "-P" || word == "--pidfile") {
                need("flag:-P", "args");
            } else if (word == "--alerts") {
                need("flag:--alerts", "args");
                if (i + 1 < case_.args.size() && case_.args[i + 1] != "-") {
                    need("input:fifo", "args");
                }
            } else {
                need("flag:" + word, "args");
            }
            i += takes_value ? 1 : 0;
        }
    }

    void alerts() {
        const auto file = case_.dir / "alerts.jsonl";
        if (!fs::exists(file)) {
            return;
        }
        const bool json_fields = prints_json_output_fields(config_, case_.profile);
        for (const auto& f : derive_alert_features(read_file(file), json_fields)) {
            need(f, f == "json-fields" ? "JSON output_fields in the effective config"
                                       : "alerts.jsonl");
        }
    }

    const golden_case& case_;
    const effective_config config_;
    std::map<std::string, std::vector<std::string>> needs_;
};

}  // namespace

std::map<std::string, std::vector<std::string>> derive_case_features(const golden_case& c) {
    return feature_collector(c).collect();
}

}  // namespace conformance
