// SPDX-License-Identifier: Apache-2.0
#include "run/channel_reader.hpp"

#include <regex>
#include <stdexcept>

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

std::string channel_reader::content(std::string_view channel, std::string_view path) const {
    if (channel == "stdout") {
        return read_file(paths_.stdout_file);
    }
    if (channel == "stderr") {
        return read_file(paths_.stderr_file);
    }
    if (channel == "file") {
        return read_file(paths_.work / path);
    }
    throw std::invalid_argument("channel " + std::string(channel) + " has no byte content");
}

std::vector<std::string> channel_reader::records(std::string_view channel, std::string_view path,
                                                 std::string_view unit) const {
    if (channel == "stdout" || channel == "file") {
        return complete_lines(content(channel, path));
    }
    if (channel == "stderr") {
        auto lines = complete_lines(content(channel));
        for (auto& line : lines) {
            line = strip_log_prefix(line);
        }
        return lines;
    }
    std::vector<std::string> out;
    if (channel == "syslog") {
        for (auto& r : mocks::read_syslog_records(paths_.syslog_log.string())) {
            out.push_back(std::move(r.msg));
        }
    } else if (channel == "http") {
        for (auto& r : mocks::read_http_records(paths_.http_log.string())) {
            out.push_back(std::move(r.body));
        }
    } else if (channel == "program") {
        const std::string wanted = unit == "processes" ? "start" : unit == "eof" ? "eof" : "read";
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
    } else {
        throw std::invalid_argument("unknown channel " + std::string(channel));
    }
    return out;
}

}  // namespace conformance
