// SPDX-License-Identifier: Apache-2.0
#include "nlohmann_peer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace falco_bench {
namespace {

nlohmann::json to_json(const falco_ref::json_value& v) {
    struct visitor {
        nlohmann::json operator()(std::nullptr_t) const { return nullptr; }
        nlohmann::json operator()(bool b) const { return b; }
        nlohmann::json operator()(std::int64_t n) const { return n; }
        nlohmann::json operator()(std::uint64_t n) const { return n; }
        nlohmann::json operator()(double d) const { return d; }
        nlohmann::json operator()(const std::string& s) const { return s; }
        nlohmann::json operator()(const falco_ref::json_value::array& a) const {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& e : a) {
                out.push_back(to_json(e));
            }
            return out;
        }
        nlohmann::json operator()(const falco_ref::json_value::object& o) const {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& [k, e] : o) {
                out[k] = to_json(e);
            }
            return out;
        }
    };
    return std::visit(visitor{}, v.get());
}

}  // namespace

long nlohmann_peer::offset_seconds() const {
    std::time_t now = std::time(nullptr);
    if (now != offset_at_) {
        std::tm local{}, utc{};
        localtime_r(&now, &local);
        gmtime_r(&now, &utc);
        utc.tm_isdst = local.tm_isdst;
        offset_ = long(std::difftime(std::mktime(&local), std::mktime(&utc))) / 60 * 60;
        offset_at_ = now;
    }
    return offset_;
}

std::string nlohmann_peer::text_line(const falco_ref::alert& a) const {
    std::int64_t secs = a.time_ns / 1000000000 + offset_seconds();
    char prefix[48];
    int n = std::snprintf(prefix, sizeof prefix, "%02d:%02d:%02d.%09d: ", int((secs / 3600) % 24),
                          int((secs / 60) % 60), int(secs % 60), int(a.time_ns % 1000000000));
    std::string line(prefix, std::size_t(n));
    line += falco_ref::priority_name(a.prio);
    line += ' ';
    line += a.message;
    return line;
}

std::string nlohmann_peer::format(const falco_ref::alert& a) const {
    nlohmann::json event;
    event["hostname"] = hostname_;
    event["output"] = text_line(a);
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [k, v] : a.output_fields) {
        fields[k] = to_json(v);
    }
    fields["evt.time"] = a.time_ns;
    event["output_fields"] = std::move(fields);
    event["priority"] = std::string(falco_ref::priority_name(a.prio));
    event["rule"] = a.rule;
    event["source"] = a.source;
    event["tags"] = std::set<std::string>(a.tags.begin(), a.tags.end());

    std::time_t secs = a.time_ns / 1000000000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char iso[64];
    std::size_t len = std::strftime(iso, sizeof iso, "%FT%T", &tm);
    std::snprintf(iso + len, sizeof iso - len, ".%09luZ",
                  static_cast<unsigned long>(a.time_ns % 1000000000));
    event["time"] = iso;
    return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace falco_bench
