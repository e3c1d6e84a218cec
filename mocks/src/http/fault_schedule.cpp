// SPDX-License-Identifier: Apache-2.0
#include "fault_schedule.hpp"

#include <fstream>

#include "mocks/arg_parser.hpp"

namespace mocks {

void fault_schedule::add(const std::string& spec, const std::string& origin) {
    const auto bad = [&](const std::string& why) {
        return usage_error("invalid value for " + origin + ": '" + spec + "' (" + why + ")");
    };
    const auto colon = spec.find(':');
    if (colon == std::string::npos) {
        throw bad("expected INDEX:KIND[=N]");
    }
    const std::string index = spec.substr(0, colon);
    const std::string kind = spec.substr(colon + 1);
    const auto eq = kind.find('=');
    const std::string name = kind.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : kind.substr(eq + 1);
    fault f;
    try {
        if (name == "status" && eq != std::string::npos) {
            f.status = static_cast<int>(parse_integer("status", value, 100, 599));
        } else if (name == "delay_ms" && eq != std::string::npos) {
            f.delay_ms = static_cast<int>(parse_integer("delay_ms", value, 0, 3600000));
        } else if ((name == "close" || name == "hang" || name == "hold") &&
                   eq == std::string::npos) {
            f.action = name;
        } else {
            throw bad("KIND is status=N, delay_ms=N, close, hang or hold");
        }
        if (index == "*") {
            if (!every_) {
                every_.emplace();
            }
            merge(*every_, f);
        } else {
            merge(by_index_[static_cast<std::uint64_t>(
                      parse_integer("the request index", index, 1, INT64_MAX))],
                  f);
        }
    } catch (const usage_error& e) {
        if (std::string(e.what()).rfind("invalid value for " + origin, 0) == 0) {
            throw;
        }
        throw bad(e.what());
    }
}

void fault_schedule::add_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw usage_error("--faults " + path + ": cannot be read");
    }
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        add(line, path + ":" + std::to_string(line_no));
    }
}

fault fault_schedule::for_request(std::uint64_t index) const {
    fault f = every_.value_or(fault{});
    if (const auto it = by_index_.find(index); it != by_index_.end()) {
        merge(f, it->second);
    }
    return f;
}

void fault_schedule::merge(fault& into, const fault& from) {
    if (from.status) {
        into.status = from.status;
    }
    if (from.delay_ms) {
        into.delay_ms = from.delay_ms;
    }
    if (!from.action.empty()) {
        into.action = from.action;
    }
}

}  // namespace mocks
