// SPDX-License-Identifier: Apache-2.0
#include "app/trace_command.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "cases/case_loader.hpp"
#include "cases/citation_check.hpp"
#include "cases/profile_catalog.hpp"
#include "report/traceability.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_usage =
    "usage: falco-conformance trace [--golden DIR] [--spec DIR] [--write FILE]\n\n"
    "Prints, per profile, each rule of the specification with the golden cases that assert it,\n"
    "then the rules no case asserts (with their reason, or as a gap); --write also writes it to\n"
    "FILE (docs/spec/TRACEABILITY.md). Exit: 0 no gap, 1 some rule has neither a case nor a\n"
    "reason, 2 errors (arguments, specification, cases).\n";

std::map<std::string, std::string> parse(const std::vector<std::string>& args) {
    std::map<std::string, std::string> options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& name = args[i];
        if (name == "--help" || name == "-h") {
            options[name] = "";
            continue;
        }
        if (name != "--golden" && name != "--spec" && name != "--write") {
            throw std::invalid_argument("trace: unknown argument '" + name + "'");
        }
        if (i + 1 >= args.size()) {
            throw std::invalid_argument("trace: " + name + " needs a value");
        }
        options[name] = args[++i];
    }
    return options;
}

}  // namespace

int run_trace(const std::vector<std::string>& args, const fs::path& default_golden,
              std::ostream& out, std::ostream& err) {
    try {
        auto options = parse(args);
        if (options.contains("--help") || options.contains("-h")) {
            out << k_usage;
            return 0;
        }
        const fs::path golden =
            options.contains("--golden") ? fs::path(options["--golden"]) : default_golden;
        const auto where = locate_spec(golden, options["--spec"]);
        const auto spec = spec_index::load(where);
        const case_loader loader(golden);
        std::vector<profile_trace> traces;
        std::size_t errors = 0;
        for (const auto& known : known_profiles()) {
            const auto& profile = known.name;
            const auto cases = loader.load_profile(profile);
            if (!spec.has_document(profile + ".md")) {
                if (cases.empty()) {
                    continue;  // a profile this specification does not describe yet
                }
                throw std::runtime_error("profile " + profile + " has cases but no document " +
                                         (where.spec / (profile + ".md")).string());
            }
            for (const auto& c : cases) {
                const auto problems = c.load_error.empty() ? spec_errors(c, spec)
                                                           : std::vector<std::string>{c.load_error};
                for (const auto& p : problems) {
                    err << p << '\n';
                }
                errors += problems.size();
            }
            traces.push_back(trace_profile(profile, spec, cases));
        }
        if (errors) {
            err << "falco-conformance trace: " << errors
                << " errors in the golden cases (see --check)\n";
            return 2;
        }
        const auto text = render_traceability(
            traces, "falco-conformance trace --write docs/spec/TRACEABILITY.md");
        out << text;
        if (options.contains("--write")) {
            write_file(options["--write"], text);
        }
        bool gaps = false;
        for (const auto& t : traces) {
            err << t.summary() << '\n';
            gaps = gaps || !t.gaps().empty();
        }
        return gaps ? 1 : 0;
    } catch (const std::exception& e) {
        err << "falco-conformance trace: " << e.what() << '\n';
        return 2;
    }
}

}  // namespace conformance
