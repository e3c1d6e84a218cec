// SPDX-License-Identifier: Apache-2.0
#include "report/console_reporter.hpp"

#include "judge/line_diff.hpp"

namespace conformance {

namespace {

void indented(std::ostream& out, std::string_view text, std::string_view indent) {
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const auto end = nl == std::string_view::npos ? text.size() : nl;
        out << indent << text.substr(start, end - start) << '\n';
        start = end + 1;
    }
}

}  // namespace

const char* verdict_label(verdict v) {
    switch (v) {
        case verdict::passed:
            return "PASS ";
        case verdict::failed:
            return "FAIL ";
        case verdict::error:
            return "ERROR";
        case verdict::skipped:
            return "SKIP ";
        case verdict::not_applicable:
            return "N/A  ";
        case verdict::expected_failure:
            return "XFAIL";
    }
    return "?    ";
}

void console_reporter::on_result(const case_result& r) {
    out_ << verdict_label(r.outcome) << ' ' << r.id << "  (" << r.duration.count() << " ms)";
    if (!r.reason.empty() && r.outcome != verdict::error) {
        out_ << "  " << escape_visible(r.reason);
    }
    out_ << '\n';
    if (r.outcome == verdict::error) {
        indented(out_, visible_text(r.reason), "  ");
    }
    if (r.outcome == verdict::failed || r.outcome == verdict::error) {
        for (const auto& f : r.failures) {
            out_ << "  [" << f.what << "] " << escape_visible(f.message) << '\n';
            indented(out_, f.detail.empty() ? "" : visible_text(f.detail), "    ");
        }
        if (!r.stderr_tail.empty()) {
            out_ << "  stderr of the implementation (last lines):\n";
            indented(out_, visible_text(r.stderr_tail), "    | ");
        }
        if (r.launched) {
            out_ << "  implementation started as: " << escape_visible(r.launched->shell_line())
                 << '\n';
            if (r.launched->config) {
                out_ << "  with falco.yaml:\n";
                indented(out_, visible_text(*r.launched->config), "    | ");
            } else {
                out_ << "  with no falco.yaml (the case has no config)\n";
            }
        }
        out_ << "  reproduce: " << r.reproduce << '\n';
    }
    if (!r.workdir.empty()) {
        out_ << "  workdir kept: " << r.workdir << '\n';
    }
    out_.flush();
}

void console_reporter::summary(const run_report& report) {
    const auto& c = report.counts;
    for (const auto& w : report.warnings) {
        out_ << "warning: " << w << '\n';
    }
    if (c.failed > 0) {
        out_ << "failed cases:";
        for (const auto& r : report.results) {
            if (r.outcome == verdict::failed) {
                out_ << ' ' << r.id;
            }
        }
        out_ << '\n';
    }
    std::string declared;
    for (const auto& r : report.results) {
        if (r.outcome == verdict::not_applicable && r.declared_by_implementation) {
            declared += ' ' + r.id;
        }
    }
    if (!declared.empty()) {
        out_ << "declared not applicable by the implementation (exit 77):" << declared << '\n';
    }
    out_ << c.not_applicable << " not applicable, " << c.expected_failures << " expected failures, "
         << c.errors << " errors\n";
    out_ << c.passed << " passed, " << c.failed << " failed, " << c.skipped << " skipped\n";
    out_.flush();
}

}  // namespace conformance
