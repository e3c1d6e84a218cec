// SPDX-License-Identifier: Apache-2.0
#include "judge/expectation_checker.hpp"

#include <cstdio>

#include <cerrno>

#include <sys/stat.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <regex>

#include <mocks/records.hpp>

#include "judge/delivery_check.hpp"
#include "judge/record_projection.hpp"
#include "judge/stats_interleaving.hpp"
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

std::string expectation_checker::expected_text(const expected_content& expected,
                                               judgement& out) const {
    std::string text;
    if (!expected.file.empty()) {
        text = read_file(case_.dir / expected.file);
    } else if (expected.text) {
        text = values_.apply(*expected.text, "the expected text");
    } else {
        for (const auto& g : expected.generated) {
            text += generate_lines(g);
        }
    }
    out.aliased_records += apply_aliases(aliases_, text);
    return text;
}

judgement expectation_checker::compare_channel(const channel_ref& ref,
                                               const expected_content& expected) const {
    judgement out;
    compare(ref, expected, out);
    return out;
}

void expectation_checker::compare(const channel_ref& ref, const expected_content& content,
                                  judgement& out) const {
    const auto expected_file = content.label();
    const auto expected = expected_text(content, out);
    const std::string what = ref.describe();
    const auto add = [&](std::optional<failure> f) {
        if (f) {
            out.failures.push_back(std::move(*f));
        }
    };
    const auto compare_projection = [&](const projection& p) {
        if (!p.error.empty()) {
            add(failure{what, expected_file + ": " + p.error, ""});
        } else {
            add(compare_text(what, expected_file, p.expected, p.actual));
        }
    };
    const auto& paths = channels_.paths();
    switch (ref.kind) {
        case channel::syslog:
            return compare_projection(
                project_syslog(expected, mocks::read_syslog_records(paths.syslog_log.string())));
        case channel::http:
            return compare_projection(
                project_http(expected, mocks::read_http_records(paths.http_log.string())));
        case channel::program:
            return compare_projection(project_program(
                expected, mocks::read_capture_events(paths.capture_log.string()), impl_pgid_));
        case channel::file:
            if (!fs::exists(paths.work / ref.path)) {
                return add(failure{what, "does not exist (expected " + expected_file + ")", ""});
            }
            break;
        default:
            break;
    }
    auto actual = channels_.content(ref);
    auto wanted = expected;
    const auto order =
        ref.kind == channel::std_out ? case_.expect.stdout_stats : expectations::stats_order::exact;
    if (order == expectations::stats_order::interleaved) {
        return add(
            compare_interleaved(what, expected_file, wanted, actual, interleaving_scope::whole));
    }
    if (order == expectations::stats_order::unordered) {
        actual = sort_stats_blocks(actual);
        wanted = sort_stats_blocks(wanted);
    }
    add(compare_text(what, expected_file, wanted, actual));
}

void expectation_checker::check_exit(judgement& out) const {
    if (!status_) {
        return;  // never exited: the runner already reports that (and killed it)
    }
    if (!WIFEXITED(*status_) || WEXITSTATUS(*status_) != case_.expect.exit_code) {
        out.failures.push_back({"exit",
                                "expected exit code " + std::to_string(case_.expect.exit_code) +
                                    ", " + describe_wait_status(status_),
                                ""});
    }
}

void expectation_checker::check_stderr(judgement& out) const {
    const auto lines = channels_.records({channel::std_err});
    for (const auto& pattern : case_.expect.stderr_patterns) {
        const std::regex re(pattern);
        const bool found = std::any_of(lines.begin(), lines.end(),
                                       [&](const auto& l) { return std::regex_search(l, re); });
        if (!found) {
            out.failures.push_back({"stderr", "no line matches /" + pattern + "/", ""});
        }
    }
    for (const auto& pattern : case_.expect.stderr_absent) {
        const std::regex re(pattern);
        for (const auto& l : lines) {
            if (std::regex_search(l, re)) {
                out.failures.push_back(
                    {"stderr", "a line matches /" + pattern + "/, which must be absent: " + l, ""});
                break;
            }
        }
    }
}

void expectation_checker::check_files(judgement& out) const {
    for (const auto& [path, expected] : case_.expect.files) {
        compare({channel::file, path}, expected, out);
    }
    for (const auto& path : case_.expect.files_absent) {
        if (fs::exists(channels_.paths().work / path)) {
            out.failures.push_back({"file " + path, "exists, but the case expects it absent", ""});
        }
    }
}

void expectation_checker::check_file_modes(judgement& out) const {
    const auto octal = [](unsigned mode) {
        char text[8];
        std::snprintf(text, sizeof text, "%04o", mode);
        return std::string(text);
    };
    for (const auto& [path, expected] : case_.expect.file_modes) {
        struct stat st {};
        const auto full = channels_.paths().work / path;
        if (::stat(full.c_str(), &st) != 0) {
            out.failures.push_back(
                {"file " + path, "mode expected " + octal(expected) + ": " + std::strerror(errno),
                 ""});
        } else if ((st.st_mode & 07777) != expected) {
            out.failures.push_back(
                {"file " + path,
                 "mode " + octal(st.st_mode & 07777) + ", expected " + octal(expected), ""});
        }
    }
}

void expectation_checker::check_counts(judgement& out) const {
    if (case_.expect.http_connections) {
        const auto n = mocks::read_http_connection_count(channels_.paths().http_log.string());
        if (n != *case_.expect.http_connections) {
            out.failures.push_back({"http",
                                    "expected " + std::to_string(*case_.expect.http_connections) +
                                        " TCP connections, the mock accepted " + std::to_string(n),
                                    ""});
        }
    }
    for (const auto& [ref, expected] : case_.expect.counts) {
        const auto n = channels_.records(ref).size();
        if (n != expected) {
            out.failures.push_back(
                {ref.key(),
                 "expected " + std::to_string(expected) + " records, got " + std::to_string(n),
                 ""});
        }
    }
}

void expectation_checker::check_stdout_tail(judgement& out) const {
    const auto& tail = *case_.expect.stdout_tail;
    const auto wanted = expected_text(tail, out);
    const auto actual = channels_.content({channel::std_out});
    if (case_.expect.stdout_stats == expectations::stats_order::interleaved) {
        if (auto f = compare_interleaved("stdout", tail.label(), wanted, actual,
                                         interleaving_scope::tail)) {
            out.failures.push_back(std::move(*f));
        }
        return;
    }
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
    auto f = compare_text("stdout", tail.label(), wanted, std::string_view(actual).substr(start));
    f->message = "does not end with " + tail.label() + ": " + f->message;
    out.failures.push_back(*f);
}

void expectation_checker::check_stdout_empty(judgement& out) const {
    const auto text = channels_.content({channel::std_out});
    if (!text.empty()) {
        out.failures.push_back(
            {"stdout", "expected nothing on stdout, got " + std::to_string(text.size()) + " bytes",
             compare_text("stdout", "(empty)", "", text)->detail});
    }
}

void expectation_checker::check_delivery(judgement& out) const {
    std::vector<observed_channel> observed;
    for (const auto& ref : case_.expect.delivery->channels) {
        observed_channel seen{ref.key(), {}};
        if (ref.kind == channel::program) {
            // The capture program records reads, whose boundaries are the kernel's: the
            // records of a delivery are the lines of everything read, in order.
            std::string data;
            for (const auto& read : channels_.records(ref)) {
                data += read;
            }
            seen.records = complete_lines(data);
        } else {
            seen.records = channels_.records(ref);
        }
        observed.push_back(std::move(seen));
    }
    if (auto f = conformance::check_delivery(*case_.expect.delivery, observed)) {
        out.failures.push_back(std::move(*f));
    }
}

judgement expectation_checker::check() const {
    judgement out;
    const auto& e = case_.expect;
    check_exit(out);
    if (e.stdout_content) {
        compare({channel::std_out}, *e.stdout_content, out);
    }
    if (e.stdout_tail) {
        check_stdout_tail(out);
    }
    if (e.stdout_empty) {
        check_stdout_empty(out);
    }
    check_stderr(out);
    check_files(out);
    check_file_modes(out);
    for (const auto& [kind, file] :
         {std::pair{channel::syslog, e.syslog_file}, std::pair{channel::program, e.program_file},
          std::pair{channel::http, e.http_file}}) {
        if (file) {
            compare({kind}, expected_content{*file, {}, std::nullopt}, out);
        }
    }
    check_counts(out);
    if (e.delivery) {
        check_delivery(out);
    }
    return out;
}

}  // namespace conformance
