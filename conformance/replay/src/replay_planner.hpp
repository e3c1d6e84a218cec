// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "replay_alert.hpp"
#include "replay_plan.hpp"

namespace replay {

// Turns the lines of a case's alerts file into a replay_plan. Invalid lines are left to the
// plugin, which reports them at run time as the contract requires (`line <N>` on stderr).
//
// Per rule name it picks the most faithful way Falco can print the alerts' messages
// (docs/REAL-FALCO.md "Rules"): the shared output_template; else the one literal message; else
// the message mode (`%falco_replay.message`), exact in text but not in JSON output_fields.
class replay_planner {
public:
    explicit replay_planner(std::string file_label) : label_(std::move(file_label)) {}

    void add_line(int line_no, std::string_view line);
    replay_plan finish();

private:
    struct rule_group {
        std::string name;
        std::vector<std::pair<int, replay_alert>> alerts;  // line, alert
    };

    // Template mode: the problems that rule out the alerts' shared template (empty = usable).
    std::vector<std::string> template_problems(const rule_group& g, field_inference& trial) const;
    // Literal mode: the problems that rule out the one message as a field-less rule output.
    std::vector<std::string> literal_problems(const rule_group& g) const;
    void plan_rule(const rule_group& g);
    std::string at(int line_no) const { return label_ + ":" + std::to_string(line_no) + ": "; }

    std::string label_;
    replay_plan plan_;
    field_inference inference_;
    std::set<std::string> sources_;
    std::vector<rule_group> groups_;
    std::map<std::string, std::size_t> index_;
};

}  // namespace replay
