// SPDX-License-Identifier: Apache-2.0
#include "cases/case_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "cases/case_reader.hpp"
#include "cases/expect_parser.hpp"
#include "cases/profile_catalog.hpp"
#include "cases/profile_view.hpp"
#include "cases/spec_index.hpp"
#include "cases/step_parser.hpp"
#include "cases/templater.hpp"
#include "select/case_features.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

namespace fs = std::filesystem;

// The syslog and http channels of a delivery are what the mocks recorded.
void check_delivery_mocks(const case_reader& r, const YAML::Node& expect, const golden_case& c) {
    if (!c.expect.delivery) {
        return;
    }
    for (const auto& ref : c.expect.delivery->channels) {
        if ((ref.kind == channel::syslog && !c.syslog_mock) ||
            (ref.kind == channel::http && !c.http_mock)) {
            const auto name = ref.key();
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
            s.what != step::kind::rename && s.what != step::kind::remove &&
            s.what != step::kind::truncate && s.what != step::kind::mkfifo &&
            s.what != step::kind::tmpfs) {
            r.fail(list[i], "setup[" + std::to_string(i) + "]",
                   "only mkdir, chmod, rename, delete, truncate, mkfifo and tmpfs run before the "
                   "implementation starts");
        }
        c.setup.push_back(std::move(s));
    }
}

// A tmpfs is mounted before the implementation starts, so it exists for its whole run;
// stop_mock needs the mock it names, and release needs mock-http.
void check_step_places(const case_reader& r, const YAML::Node& steps, const golden_case& c) {
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
        const auto& s = c.steps[i];
        const auto key = "steps[" + std::to_string(i) + "]";
        if (s.what == step::kind::tmpfs) {
            r.fail(steps[i], key, "tmpfs is a setup action (it must exist before the start)");
        }
        if (s.what == step::kind::stop_mock &&
            (s.mock == "http" ? !c.http_mock.has_value() : !c.syslog_mock)) {
            r.fail(steps[i], key + ".stop_mock", "needs mocks." + s.mock);
        }
        if (s.what == step::kind::release && !c.http_mock) {
            r.fail(steps[i], key + ".release", "the case starts no mock-http (mocks.http)");
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
    // Expected `text:` contents are templated when the case is judged: they may also name
    // `{{impl_pid}}`, the PID of the process the harness started (not the daemon's, which the
    // case would read from the very pidfile it checks).
    std::string expected;
    const auto add_expected = [&](const std::optional<expected_content>& e) {
        if (e && e->text) {
            expected += *e->text;
        }
    };
    add_expected(c.expect.stdout_content);
    add_expected(c.expect.stdout_tail);
    for (const auto& [path, e] : c.expect.files) {
        add_expected(e);
    }
    if (templater::placeholders(expected).count("impl_pid") && c.daemon) {
        r.fail(root, "expect", "{{impl_pid}} is the process the harness started, not the daemon");
    }
    all += expected;
    const std::map<std::string, std::string> needs{{"http_url", "http"},
                                                   {"https_url", "http"},
                                                   {"https_localhost_url", "http"},
                                                   {"tls_dir", "http"},
                                                   {"syslog_socket", "syslog"}};
    for (const auto& name : templater::placeholders(all)) {
        if (!templater::known_names().count(name) &&
            !(name == "impl_pid" && templater::placeholders(expected).count(name))) {
            r.fail(root, "config/args/env/send_raw",
                   "unknown placeholder {{" + name + "}}" +
                       (name == "impl_pid" ? " (only in expected text: contents)" : ""));
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

// `mocks:`: which mock servers run before the implementation starts.
void parse_mocks(const case_reader& r, const YAML::Node& m, golden_case& c) {
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
                 "mocks", "config", "setup", "steps", "expect", "timeout_ms", "requires", "umask",
                 "profiles", "by_profile"});
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
        parse_mocks(r, root["mocks"], c);
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
        check_step_places(r, root["steps"], c);
    }
    if (root["setup"]) {
        parse_setup(r, root["setup"], c);
    }
    if (root["expect"]) {
        parse_expect(r, root["expect"], c.expect);
        check_delivery_mocks(r, root["expect"], c);
    }
    if (root["umask"]) {
        c.umask = r.mode(root["umask"], "umask");
    }
    if (root["timeout_ms"]) {
        c.timeout = std::chrono::milliseconds(r.number<long>(root["timeout_ms"], "timeout_ms", 1));
    }
    check_placeholders(r, root, c);
}

// A profile's override as YAML, without the keys that only document the case (its provenance,
// description and rules): "" when the override changes nothing of the run.
std::string run_view(const YAML::Node& override_node) {
    YAML::Node run;
    for (const auto& item : override_node) {
        const auto key = item.first.Scalar();
        if (key != "provenance" && key != "description" && key != "rules") {
            run[key] = item.second;
        }
    }
    return run.size() == 0 ? std::string() : YAML::Dump(run);
}

}  // namespace

golden_case case_loader::load_case(const fs::path& case_dir) const {
    auto c = load_case(case_dir, "");
    return c ? std::move(*c) : golden_case{};
}

std::optional<golden_case> case_loader::load_case(const fs::path& case_dir,
                                                  const std::string& profile) const {
    golden_case c;
    c.dir = case_dir;
    c.id = case_dir.lexically_relative(root_).generic_string();
    const auto first_slash = c.id.find('/');
    c.home = c.id.substr(0, first_slash);
    c.profile = profile.empty() ? c.home : profile;
    if (first_slash != std::string::npos) {
        const auto second = c.id.find('/', first_slash + 1);
        c.channel =
            c.id.substr(first_slash + 1,
                        second == std::string::npos ? std::string::npos : second - first_slash - 1);
    }
    const auto file = case_dir / "case.yaml";
    const case_reader reader(file, case_dir);
    try {
        const auto root = YAML::LoadFile(file.string());
        c.profiles = case_profiles(reader, root, c.home);
        if (std::find(c.profiles.begin(), c.profiles.end(), c.profile) == c.profiles.end()) {
            return std::nullopt;
        }
        parse_case(reader, profile_view(reader, root, c.profiles, c.profile), c);
        if (root["by_profile"] && root["by_profile"][c.profile]) {
            c.view = run_view(root["by_profile"][c.profile]);
        }
    } catch (const schema_error& e) {
        c.load_error = e.what();
    } catch (const YAML::Exception& e) {
        c.load_error = file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    }
    // A case broken before its profiles are known is reported once, under its home profile.
    if (!c.load_error.empty() && c.profiles.empty() && c.profile != c.home) {
        return std::nullopt;
    }
    c.needs = derive_case_features(c);
    if (!c.channel.empty() && std::find(c.tags.begin(), c.tags.end(), c.channel) == c.tags.end()) {
        c.tags.push_back(c.channel);
    }
    return c;
}

std::vector<std::string> case_loader::homes() const {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
        throw std::runtime_error("golden directory " + root_.string() + " is not readable");
    }
    std::vector<std::string> out;
    for (auto it = fs::directory_iterator(root_, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (!it->is_directory()) {
            continue;
        }
        const auto name = it->path().filename().string();
        if (!find_profile(name)) {
            throw std::runtime_error("golden directory " + it->path().string() +
                                     ": not a profile; the profiles are:\n" + profile_table());
        }
        out.push_back(name);
    }
    if (ec) {
        throw std::runtime_error("cannot read golden directory " + root_.string() + ": " +
                                 ec.message());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<fs::path> case_loader::case_dirs() const {
    std::vector<fs::path> dirs;
    for (const auto& home : homes()) {
        const auto dir = root_ / home;
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(dir, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file() && it->path().filename() == "case.yaml") {
                dirs.push_back(it->path().parent_path());
            }
        }
        if (ec) {
            throw std::runtime_error("cannot read golden directory " + dir.string() + ": " +
                                     ec.message());
        }
    }
    return dirs;
}

std::vector<std::string> case_loader::all_ids() const {
    std::vector<std::string> ids;
    for (const auto& dir : case_dirs()) {
        ids.push_back(dir.lexically_relative(root_).generic_string());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<golden_case> case_loader::load_profile(const std::string& profile) const {
    std::vector<golden_case> cases;
    for (const auto& dir : case_dirs()) {
        if (auto c = load_case(dir, profile)) {
            cases.push_back(std::move(*c));
        }
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return cases;
}

}  // namespace conformance
