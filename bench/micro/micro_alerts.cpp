// SPDX-License-Identifier: Apache-2.0
#include "micro_alerts.hpp"

#include "falco_ref/format/alert_formatter.hpp"

namespace falco_bench {
namespace {

falco_ref::json_value to_value(const sample_field::value_type& v) {
    struct visitor {
        falco_ref::json_value operator()(std::nullptr_t) const { return {}; }
        falco_ref::json_value operator()(bool b) const { return b; }
        falco_ref::json_value operator()(std::int64_t n) const { return n; }
        falco_ref::json_value operator()(std::uint64_t n) const { return n; }
        falco_ref::json_value operator()(double d) const { return d; }
        falco_ref::json_value operator()(const std::string& s) const { return s; }
        falco_ref::json_value operator()(const std::vector<std::string>& l) const {
            falco_ref::json_value::array out;
            for (const auto& s : l) {
                out.emplace_back(s);
            }
            return out;
        }
    };
    return std::visit(visitor{}, v);
}

falco_ref::priority priority_of(const std::string& name) {
    return falco_ref::parse_priority(name).value_or(falco_ref::priority::debug);
}

}  // namespace

falco_ref::alert to_reference_alert(const sample_alert& s) {
    falco_ref::alert a;
    a.time_ns = s.time_ns;
    a.rule = s.rule;
    a.prio = priority_of(s.priority);
    a.priority_text = s.priority;
    a.source = s.source;
    a.tags = s.tags;
    a.message = s.message;
    for (const auto& f : s.fields) {
        a.output_fields.emplace(f.name, to_value(f.value));
    }
    return a;
}

micro_alerts::micro_alerts(std::size_t fields_bytes) {
    for (std::size_t i = 0; i < k_count; ++i) {
        sample_alert s = make_sample_alert(fields_bytes, i);
        alerts_.push_back(to_reference_alert(s));
        std::string line = to_contract_line(s);
        line.pop_back();
        lines_.push_back(std::move(line));
    }
}

falco_ref::config micro_config(bool json) {
    falco_ref::config cfg;
    cfg.json_output = json;
    cfg.hostname = "bench-host";
    return cfg;
}

std::vector<falco_ref::output_message> formatted_messages(std::size_t fields_bytes, bool json) {
    micro_alerts alerts(fields_bytes);
    falco_ref::config cfg = micro_config(json);
    falco_ref::alert_formatter formatter(cfg);
    std::vector<falco_ref::output_message> out;
    for (std::size_t i = 0; i < micro_alerts::k_count; ++i) {
        formatter.format(alerts.at(i), out.emplace_back());
    }
    return out;
}

}  // namespace falco_bench
