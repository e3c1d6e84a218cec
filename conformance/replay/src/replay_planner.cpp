// SPDX-License-Identifier: Apache-2.0
#include "replay_planner.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "alert_reader.hpp"
#include "output_template.hpp"
#include "quoting.hpp"

namespace replay {

namespace {

bool is_c_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Falco merges these into output_fields itself (docs/spec/common.md#json.fields.time), so an
// alert may carry them without a template reference.
bool merged_by_falco(const std::string& key) {
    return key == "evt.time" || key == "evt.time.iso8601";
}

std::vector<std::string> tag_set(std::vector<std::string> tags) {
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
}

// What a rule `output:` string cannot be (falco@0.44.1:userspace/engine/rule_loader_reader.cpp:922
// trims it; a rules file is YAML text).
void check_output_text(const std::string& output, std::vector<std::string>& problems) {
    if (output.empty()) {
        problems.push_back("an empty rule output");
    } else if (is_c_space(output.front()) || is_c_space(output.back())) {
        problems.push_back(
            "the rule output starts or ends with white space, which Falco trims at load "
            "(falco@0.44.1:userspace/engine/rule_loader_reader.cpp:922)");
    }
    if (output.find('\0') != std::string::npos || !valid_utf8(output)) {
        problems.push_back(
            "the rule output holds NUL or invalid UTF-8, which a rules file cannot carry");
    }
}

// A leading `*` is Falco's permissive marker and is eaten once
// (falco@0.44.1:userspace/engine/formats.cpp:47-74,
// libs@0.25.4:userspace/libsinsp/eventformatter.cpp:61-66): doubling it keeps one.
std::string literal_output(const std::string& message) {
    return !message.empty() && message[0] == '*' ? "*" + message : message;
}

}  // namespace

void replay_planner::add_line(int line_no, std::string_view line) {
    auto parsed = alert_reader::read(line);
    auto* alert = std::get_if<replay_alert>(&parsed);
    if (!alert) {
        return;  // blank or invalid: the plugin reports invalid lines at run time
    }
    sources_.insert(alert->source);
    const auto [it, fresh] = index_.try_emplace(alert->rule, groups_.size());
    if (fresh) {
        groups_.push_back({alert->rule, {}});
    }
    groups_[it->second].alerts.emplace_back(line_no, std::move(*alert));
}

std::vector<std::string> replay_planner::template_problems(const rule_group& g,
                                                           field_inference& trial) const {
    std::vector<std::string> problems;
    const auto& first = g.alerts.front();
    for (const auto& [line_no, alert] : g.alerts) {
        if (!alert.output_template) {
            problems.push_back(at(line_no) + "no output_template");
            continue;
        }
        if (*alert.output_template != *first.second.output_template) {
            problems.push_back(at(line_no) + "another output_template than at line " +
                               std::to_string(first.first) + " (Falco has one per rule name)");
            continue;
        }
        try {
            const auto tmpl = output_template::parse(*alert.output_template);
            const auto rendered =
                tmpl.render([&](const std::string& key) { return alert.field(key); });
            if (rendered != alert.message) {
                problems.push_back(at(line_no) + "the template renders \"" + rendered +
                                   "\", not the message \"" + alert.message + "\"");
            }
            const auto keys = tmpl.field_keys();
            for (const auto& [key, value] : alert.output_fields) {
                if (!merged_by_falco(key) &&
                    std::find(keys.begin(), keys.end(), key) == keys.end()) {
                    problems.push_back(at(line_no) + "output_fields key '" + key +
                                       "' is not in the template (Falco's output_fields holds "
                                       "exactly the template's fields)");
                }
            }
            for (auto& p : trial.add(alert, tmpl)) {
                problems.push_back(at(line_no) + p);
            }
        } catch (const std::invalid_argument& e) {
            problems.push_back(at(line_no) + "output_template: " + e.what());
        }
    }
    if (first.second.output_template) {
        std::vector<std::string> text;
        check_output_text(*first.second.output_template, text);
        for (auto& p : text) {
            problems.push_back(at(first.first) + p);
        }
    }
    return problems;
}

std::vector<std::string> replay_planner::literal_problems(const rule_group& g) const {
    std::vector<std::string> problems;
    const auto& first = g.alerts.front();
    for (const auto& [line_no, alert] : g.alerts) {
        if (alert.message != first.second.message) {
            problems.push_back(at(line_no) + "another message than at line " +
                               std::to_string(first.first) + " and no usable template");
        }
        for (const auto& [key, value] : alert.output_fields) {
            if (!merged_by_falco(key)) {
                problems.push_back(at(line_no) + "output_fields key '" + key +
                                   "' and no usable template to place it");
            }
        }
    }
    if (first.second.message.find('%') != std::string::npos) {
        problems.push_back(at(first.first) + "a literal '%' cannot be written in a rule output");
    }
    std::vector<std::string> text;
    check_output_text(literal_output(first.second.message), text);
    for (auto& p : text) {
        problems.push_back(at(first.first) + p);
    }
    return problems;
}

void replay_planner::plan_rule(const rule_group& g) {
    const auto& [first_line, first] = g.alerts.front();
    rule_spec r{g.name, first.priority, first.tags, "", first_line};

    // Rule-level facts no output mode can change (docs/REAL-FALCO.md section 3).
    if (g.name.empty() || g.name.find('\0') != std::string::npos || !valid_utf8(g.name)) {
        plan_.problems.push_back(at(first_line) +
                                 "the rule name is empty or holds NUL or invalid UTF-8");
    }
    for (const auto& tag : first.tags) {
        if (tag.find('\0') != std::string::npos || !valid_utf8(tag)) {
            plan_.problems.push_back(at(first_line) + "a tag holds NUL or invalid UTF-8");
        }
    }
    const auto where =
        " than at line " + std::to_string(first_line) + " (Falco has one per rule name)";
    for (const auto& [line_no, alert] : g.alerts) {
        if (alert.priority != first.priority) {
            plan_.problems.push_back(at(line_no) + "rule '" + g.name + "' has another priority" +
                                     where);
        }
        if (tag_set(alert.tags) != tag_set(first.tags)) {
            plan_.problems.push_back(at(line_no) + "rule '" + g.name + "' has another tag set" +
                                     where);
        }
    }

    auto trial = inference_;
    const auto by_template = template_problems(g, trial);
    if (by_template.empty()) {
        inference_ = std::move(trial);
        r.output = *first.output_template;
        r.how = rule_spec::mode::from_template;
    } else if (literal_problems(g).empty()) {
        r.output = literal_output(first.message);
        r.how = rule_spec::mode::literal;
    } else {
        r.output = std::string("%") + replay_plan::k_message_field;
        r.how = rule_spec::mode::message;
        bool nul = false;
        for (const auto& [line_no, alert] : g.alerts) {
            if (!nul && alert.message.find('\0') != std::string::npos) {
                plan_.problems.push_back(at(line_no) +
                                         "the message holds NUL, which a plugin string (a C "
                                         "string) cannot carry");
                nul = true;
            }
        }
        plan_.json_problems.push_back("rule '" + g.name +
                                      "' is replayed from its message (text exact; JSON "
                                      "output_fields would hold " +
                                      replay_plan::k_message_field +
                                      "), because: " + by_template.front());
    }
    plan_.rules.push_back(std::move(r));
}

replay_plan replay_planner::finish() {
    for (const auto& g : groups_) {
        plan_rule(g);
    }
    if (sources_.size() > 1) {
        std::string list;
        for (const auto& s : sources_) {
            list += (list.empty() ? "" : ", ") + s;
        }
        plan_.problems.push_back(label_ + ": the alerts use " + std::to_string(sources_.size()) +
                                 " sources (" + list + "); the replay plugin has one");
    }
    if (sources_.size() == 1 && *sources_.begin() != "syscall") {
        plan_.source = *sources_.begin();
        plan_.source_aliased = false;
        if (!valid_utf8(plan_.source) || plan_.source.find('\0') != std::string::npos) {
            plan_.problems.push_back(label_ + ": the source name holds NUL or invalid UTF-8");
        }
    }
    plan_.fields = inference_.fields();
    for (const auto& f : plan_.fields) {
        if (f.name.starts_with("falco_replay.")) {
            plan_.problems.push_back(label_ + ": a template uses the plugin's own field '" +
                                     f.name + "'");
        }
    }
    return std::move(plan_);
}

}  // namespace replay
