// SPDX-License-Identifier: Apache-2.0
#include "run/channel_reader.hpp"

#include <regex>

#include <mocks/records.hpp>

#include "util/file_util.hpp"

namespace conformance {

std::string strip_log_prefix(std::string_view line) {
    static const std::regex prefix(
        R"(^(?:[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\d \d{2}:\d{2}:\d{2} \d{4}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}): )");
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(line.begin(), line.end(), m, prefix)) {
        return std::string(line.substr(static_cast<std::size_t>(m.length(0))));
    }
    return std::string(line);
}

std::string channel_reader::content(const channel_ref& ref) const {
    switch (ref.kind) {
        case channel::std_out:
            return read_file(paths_.stdout_file);
        case channel::std_err:
            return read_file(paths_.stderr_file);
        case channel::file:
            return read_file(paths_.work / ref.path);
        default:
            return "";
    }
}

std::vector<std::string> channel_reader::records(const channel_ref& ref) const {
    std::vector<std::string> out;
    switch (ref.kind) {
        case channel::std_out:
        case channel::file:
            return complete_lines(content(ref));
        case channel::std_err:
            out = complete_lines(content(ref));
            for (auto& line : out) {
                line = strip_log_prefix(line);
            }
            return out;
        case channel::syslog:
            for (auto& r : mocks::read_syslog_records(paths_.syslog_log.string())) {
                out.push_back(std::move(r.msg));
            }
            return out;
        case channel::http:
            for (auto& r : mocks::read_http_records(paths_.http_log.string())) {
                out.push_back(std::move(r.body));
            }
            return out;
        case channel::program:
            break;
    }
    const std::string wanted = ref.unit == program_unit::processes ? "start"
                               : ref.unit == program_unit::eof     ? "eof"
                                                                   : "read";
    for (auto& e : mocks::read_capture_events(paths_.capture_log.string())) {
        if (e.event != wanted) {
            continue;
        }
        std::string argv;
        for (const auto& a : e.argv) {
            argv += (argv.empty() ? "" : " ") + a;
        }
        out.push_back(wanted == "read" ? std::move(e.data) : argv);
    }
    return out;
}

}  // namespace conformance
