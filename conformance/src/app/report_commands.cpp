// SPDX-License-Identifier: Apache-2.0
#include "app/report_commands.hpp"

#include <map>
#include <stdexcept>

#include "report/console_reporter.hpp"
#include "report/html_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/junit_reporter.hpp"
#include "report/matrix_reporter.hpp"
#include "report/report_merger.hpp"
#include "report/report_reader.hpp"
#include "report/verdict_matrix.hpp"

namespace conformance {

namespace {

constexpr int k_exit_harness = 2;

const char* k_usage =
    R"(usage: falco-conformance merge REPORT.json... [--json F] [--junit F] [--html F]
       falco-conformance matrix REPORT.json... --html F

merge   merges the JSON reports of the N shards of one run (--shard K/N) into the reports
        of the whole selection; exits as the unsharded run would (0, 1 or 2)
matrix  the implementations x cases grid of several reports (one per implementation,
        shards merged first), the cases where they disagree first
Exit 2: a report is unreadable, corrupt, or not a shard of the same run (named).
)";

struct report_command {
    std::string name;  // merge, matrix
    std::vector<std::string> reports;
    std::map<std::string, std::string> outputs;  // --json, --junit, --html -> file
    bool help = false;

    static report_command parse(const std::vector<std::string>& args) {
        report_command c;
        c.name = args.front();
        for (std::size_t i = 1; i < args.size(); ++i) {
            std::string name = args[i];
            std::string value;
            const auto eq = name.find('=');
            if (name == "--help" || name == "-h") {
                c.help = true;
                continue;
            }
            if (!name.starts_with("-")) {
                c.reports.push_back(name);
                continue;
            }
            if (eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                throw std::invalid_argument(name + " needs a value");
            }
            const bool known =
                name == "--html" || (c.name == "merge" && (name == "--json" || name == "--junit"));
            if (!known) {
                throw std::invalid_argument("unknown argument '" + args[i] + "' of " + c.name +
                                            " (see " + c.name + " --help)");
            }
            c.outputs[name] = value;
        }
        if (!c.help && c.reports.empty()) {
            throw std::invalid_argument(c.name + " needs at least one REPORT.json");
        }
        if (!c.help && c.name == "matrix" && !c.outputs.contains("--html")) {
            throw std::invalid_argument("matrix needs --html FILE");
        }
        return c;
    }
};

std::vector<named_report> read_reports(const std::vector<std::string>& files) {
    std::vector<named_report> reports;
    for (const auto& f : files) {
        reports.push_back({f, read_json_report(f)});
    }
    return reports;
}

int merge(const report_command& c, std::ostream& out) {
    const auto merged = merge_reports(read_reports(c.reports));
    out << "merged " << c.reports.size() << " shard reports: " << merged.results.size()
        << " cases of profile " << merged.profile << "\n";
    const std::map<std::string, void (*)(const std::filesystem::path&, const run_report&)> writers{
        {"--json", write_json_report},
        {"--junit", write_junit_report},
        {"--html", write_html_report}};
    for (const auto& [option, file] : c.outputs) {
        writers.at(option)(file, merged);
    }
    console_reporter(out).summary(merged);
    return merged.exit_code;
}

int matrix(const report_command& c, std::ostream& out) {
    const auto reports = read_reports(c.reports);
    write_matrix_report(c.outputs.at("--html"), reports);
    const auto m = verdict_matrix::build(reports);
    out << reports.size() << " implementations, " << m.rows.size() << " cases, " << m.disagreements
        << " where they disagree\n";
    return 0;
}

}  // namespace

bool is_report_command(const std::vector<std::string>& args) {
    return !args.empty() && (args.front() == "merge" || args.front() == "matrix");
}

int run_report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        const auto c = report_command::parse(args);
        if (c.help) {
            out << k_usage;
            return 0;
        }
        return c.name == "merge" ? merge(c, out) : matrix(c, out);
    } catch (const std::exception& e) {
        err << "falco-conformance " << args.front() << ": " << e.what() << '\n';
        return k_exit_harness;
    }
}

}  // namespace conformance
