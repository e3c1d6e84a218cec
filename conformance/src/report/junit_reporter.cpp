// SPDX-License-Identifier: Apache-2.0
#include "report/junit_reporter.hpp"

#include <cstdio>
#include <map>
#include <sstream>

#include "report/markup.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

std::string seconds(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms.count()) / 1000.0);
    return buf;
}

std::string failure_text(const case_result& r) {
    std::string text;
    for (const auto& f : r.failures) {
        text += "[" + f.what + "] " + f.message + "\n" + f.detail;
    }
    if (!r.stderr_tail.empty()) {
        text += "stderr of the implementation (last lines):\n" + r.stderr_tail;
    }
    if (r.launched) {
        text += "implementation started as: " + r.launched->shell_line() + "\n";
        text += r.launched->config ? "with falco.yaml:\n" + *r.launched->config + "\n"
                                   : "with no falco.yaml (the case has no config)\n";
    }
    return text + "reproduce: " + r.reproduce + "\n";
}

}  // namespace

void write_junit_report(const std::filesystem::path& file, const run_report& report) {
    // Group by "<profile>/<channel>", the first two id components.
    std::map<std::string, std::vector<const case_result*>> suites;
    for (const auto& r : report.results) {
        const auto second = r.id.find('/', r.id.find('/') + 1);
        suites[r.id.substr(0, second)].push_back(&r);
    }
    const auto& c = report.counts;
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"falco-conformance " << markup_text(report.profile)
        << (report.shard ? " shard " + report.shard->text() : "") << "\" tests=\""
        << report.results.size() << "\" failures=\"" << c.failed << "\" errors=\"" << c.errors
        << "\" skipped=\"" << c.skipped + c.not_applicable + c.expected_failures << "\" time=\""
        << seconds(report.duration) << "\">\n";
    for (const auto& [suite, results] : suites) {
        suite_counts sc;
        std::chrono::milliseconds total{0};
        for (const auto* r : results) {
            sc.add(r->outcome);
            total += r->duration;
        }
        out << "  <testsuite name=\"" << markup_text(suite) << "\" tests=\"" << results.size()
            << "\" failures=\"" << sc.failed << "\" errors=\"" << sc.errors << "\" skipped=\""
            << sc.skipped + sc.not_applicable + sc.expected_failures << "\" time=\""
            << seconds(total) << "\">\n";
        for (const auto* r : results) {
            const auto slash = r->id.rfind('/');
            std::string classname = r->id.substr(0, slash);
            for (auto& ch : classname) {
                if (ch == '/') {
                    ch = '.';
                }
            }
            out << "    <testcase classname=\"" << markup_text(classname) << "\" name=\""
                << markup_text(r->id.substr(slash + 1)) << "\" time=\"" << seconds(r->duration)
                << "\"";
            switch (r->outcome) {
                case verdict::passed:
                    out << "/>\n";
                    continue;
                case verdict::failed:
                    out << ">\n      <failure message=\""
                        << markup_text(r->failures.empty() ? "failed" : r->failures.front().message)
                        << "\">" << markup_text(failure_text(*r)) << "</failure>\n";
                    break;
                case verdict::error:
                    out << ">\n      <error message=\"" << markup_text(r->reason) << "\"/>\n";
                    break;
                default:
                    out << ">\n      <skipped message=\"" << verdict_name(r->outcome) << ": "
                        << markup_text(r->reason) << "\"/>\n";
            }
            out << "    </testcase>\n";
        }
        out << "  </testsuite>\n";
    }
    out << "</testsuites>\n";
    write_file(file, out.str());
}

}  // namespace conformance
