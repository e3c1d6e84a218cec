// SPDX-License-Identifier: Apache-2.0
#include "judge/expectation_checker.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <regex>

#include <mocks/records.hpp>

#include "judge/delivery_check.hpp"
#include "judge/record_projection.hpp"
#include "judge/text_comparison.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

std::string describe_wait_status(std::optional<int> status) {
    if (!status) {
        return "did not exit";
    }
    if (WIFEXITED(*status)) {
        return "exited with code " + std::to_string(WEXITSTATUS(*status));
    }
    if (WIFSIGNALED(*status)) {
        return "killed by signal " + std::to_string(WTERMSIG(*status)) + " (" +
               strsignal(WTERMSIG(*status)) + ")";
    }
    return "stopped";
}

std::string sort_stats_blocks(std::string_view stdout_text) {
    auto lines = all_lines(stdout_text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "Rule counts by severity:" && lines[i] != "Triggered rules by rule name:") {
            continue;
        }
        auto end = i + 1;
        while (end < lines.size() && lines[end].starts_with("   ")) {
            ++end;
        }
        std::sort(lines.begin() + static_cast<long>(i) + 1, lines.begin() + static_cast<long>(end));
        i = end - 1;
    }
    std::string out;
    for (const auto& l : lines) {
        out += l + "\n";
    }
    if (!stdout_text.empty() && stdout_text.back() != '\n' && !out.empty()) {
        out.pop_back();
    }
    return out;
}

std::string expectation_checker::expected_text(const expected_content& expected) const {
    if (!expected.file.empty()) {
        return read_file(case_.dir / expected.file);
    }
    std::string text;
    for (const auto& g : expected.generated) {
        text += generate_lines(g);
    }
    return text;
}

std::optional<failure> expectation_checker::compare_channel(const std::string& channel,
                                                            const std::string& path,
                                                            const expected_content& content) const {
    const auto expected_file = content.label();
    auto expected = expected_text(content);
    aliased_ += apply_aliases(aliases_, expected);
    const std::string what = channel == "file" ? "file " + path : channel;
    const auto compare_projection = [&](const projection& p) -> std::optional<failure> {
        if (!p.error.empty()) {
            return failure{what, expected_file + ": " + p.error, ""};
        }
        return compare_text(what, expected_file, p.expected, p.actual);
    };
    const auto& paths = channels_.paths();
    if (channel == "syslog") {
        return compare_projection(
            project_syslog(expected, mocks::read_syslog_records(paths.syslog_log.string())));
    }
    if (channel == "http") {
        return compare_projection(
            project_http(expected, mocks::read_http_records(paths.http_log.string())));
    }
    if (channel == "program") {
        return compare_projection(project_program(
            expected, mocks::read_capture_events(paths.capture_log.string()), impl_pgid_));
    }
    if (channel == "file" && !fs::exists(paths.work / path)) {
        return failure{what, "does not exist (expected " + expected_file + ")", ""};
    }
    auto actual = channels_.content(channel, path);
    auto wanted = expected;
    if (channel == "stdout" && case_.expect.stdout_stats_unordered) {
        actual = sort_stats_blocks(actual);
        wanted = sort_stats_blocks(wanted);
    }
    return compare_text(what, expected_file, wanted, actual);
}

void expectation_checker::check_exit(std::vector<failure>& out) const {
    if (!status_) {
        return;  // never exited: the runner already reports that (and killed it)
    }
    const bool ok =
        status_ && WIFEXITED(*status_) && WEXITSTATUS(*status_) == case_.expect.exit_code;
    if (!ok) {
        out.push_back({"exit",
                       "expected exit code " + std::to_string(case_.expect.exit_code) + ", " +
                           describe_wait_status(status_),
                       ""});
    }
}

void expectation_checker::check_stderr(std::vector<failure>& out) const {
    const auto lines = channels_.records("stderr");
    for (const auto& pattern : case_.expect.stderr_patterns) {
        const std::regex re(pattern);
        const bool found = std::any_of(lines.begin(), lines.end(),
                                       [&](const auto& l) { return std::regex_search(l, re); });
        if (!found) {
            out.push_back({"stderr", "no line matches /" + pattern + "/", ""});
        }
    }
    for (const auto& pattern : case_.expect.stderr_absent) {
        const std::regex re(pattern);
        for (const auto& l : lines) {
            if (std::regex_search(l, re)) {
                out.push_back(
                    {"stderr", "a line matches /" + pattern + "/, which must be absent: " + l, ""});
                break;
            }
        }
    }
}

void expectation_checker::check_counts(std::vector<failure>& out) const {
    const auto& paths = channels_.paths();
    if (case_.expect.http_connections) {
        const auto n = mocks::read_http_connection_count(paths.http_log.string());
        if (n != *case_.expect.http_connections) {
            out.push_back({"http",
                           "expected " + std::to_string(*case_.expect.http_connections) +
                               " TCP connections, the mock accepted " + std::to_string(n),
                           ""});
        }
    }
    for (const auto& [key, expected] : case_.expect.counts) {
        std::size_t n = 0;
        if (key.starts_with("file:")) {
            n = channels_.records("file", key.substr(5)).size();
        } else if (key == "program_processes" || key == "program_eof") {
            n = channels_.records("program", "", key == "program_processes" ? "processes" : "eof")
                    .size();
        } else {
            n = channels_.records(key).size();
        }
        if (n != expected) {
            out.push_back(
                {key, "expected " + std::to_string(expected) + " records, got " + std::to_string(n),
                 ""});
        }
    }
}

void expectation_checker::check_stdout_tail(std::vector<failure>& out) const {
    auto wanted = expected_text(*case_.expect.stdout_tail);
    aliased_ += apply_aliases(aliases_, wanted);
    const auto actual = channels_.content("stdout");
    if (actual.ends_with(wanted)) {
        return;
    }
    // Diff against as many final lines of stdout as the expected tail has.
    const auto lines = static_cast<std::size_t>(std::count(wanted.begin(), wanted.end(), '\n'));
    std::size_t start = actual.size();
    for (std::size_t seen = 0; start > 0; --start) {
        if (actual[start - 1] == '\n' && start != actual.size() && ++seen == lines) {
            break;
        }
    }
    auto f = compare_text("stdout", case_.expect.stdout_tail->label(), wanted,
                          std::string_view(actual).substr(start));
    f->message = "does not end with " + case_.expect.stdout_tail->label() + ": " + f->message;
    out.push_back(*f);
}

void expectation_checker::check_delivery(std::vector<failure>& out) const {
    std::vector<observed_channel> observed;
    for (const auto& name : case_.expect.delivery->channels) {
        observed_channel channel{name, {}};
        if (name.starts_with("file:")) {
            channel.records = channels_.records("file", name.substr(5));
        } else if (name == "program") {
            // The capture program records reads, whose boundaries are the kernel's: the
            // records of a delivery are the lines of everything read, in order.
            std::string data;
            for (const auto& read : channels_.records("program")) {
                data += read;
            }
            channel.records = complete_lines(data);
        } else {
            channel.records = channels_.records(name);
        }
        observed.push_back(std::move(channel));
    }
    if (auto f = conformance::check_delivery(*case_.expect.delivery, observed)) {
        out.push_back(std::move(*f));
    }
}

std::vector<failure> expectation_checker::check() const {
    std::vector<failure> out;
    const auto& e = case_.expect;
    check_exit(out);
    if (e.stdout_content) {
        if (auto f = compare_channel("stdout", "", *e.stdout_content)) {
            out.push_back(*f);
        }
    }
    if (e.stdout_tail) {
        check_stdout_tail(out);
    }
    if (e.stdout_empty) {
        const auto text = channels_.content("stdout");
        if (!text.empty()) {
            out.push_back(
                {"stdout",
                 "expected nothing on stdout, got " + std::to_string(text.size()) + " bytes",
                 compare_text("stdout", "(empty)", "", text)->detail});
        }
    }
    check_stderr(out);
    for (const auto& [path, expected] : e.files) {
        if (auto f = compare_channel("file", path, expected)) {
            out.push_back(*f);
        }
    }
    for (const auto& path : e.files_absent) {
        if (fs::exists(channels_.paths().work / path)) {
            out.push_back({"file " + path, "exists, but the case expects it absent", ""});
        }
    }
    for (const auto& [channel, file] :
         {std::pair{"syslog", e.syslog_file}, std::pair{"program", e.program_file},
          std::pair{"http", e.http_file}}) {
        if (file) {
            if (auto f = compare_channel(channel, "", expected_content{*file, {}})) {
                out.push_back(*f);
            }
        }
    }
    check_counts(out);
    if (e.delivery) {
        check_delivery(out);
    }
    return out;
}

}  // namespace conformance
