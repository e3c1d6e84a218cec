// SPDX-License-Identifier: Apache-2.0
#include "app/cli_options.hpp"

#include "cases/profile_catalog.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <thread>

namespace conformance {

namespace {

long parse_number(const std::string& option, const std::string& text, long min) {
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value < min) {
        throw std::invalid_argument(option + " needs a number >= " + std::to_string(min) +
                                    ", got '" + text + "'");
    }
    return value;
}

}  // namespace

unsigned cli_options::default_jobs() {
    return std::max(1u, std::thread::hardware_concurrency());
}

std::string cli_options::usage() {
    return std::string(R"(usage: falco-conformance --impl "CMD [ARGS]" [options]

Runs the golden cases against an implementation of Falco's output channels and gates it.

  --impl CMD            the implementation command prefix (split like a shell word list, not
                        run through a shell; leading NAME=VALUE words set its environment)
  --profile P           the behaviour profile (default 0.44): a profile name, a Falco minor
                        (0.42) or version (0.41.3); the profiles are listed below
  --golden DIR          golden cases directory (default: compiled in)
  --spec DIR            the specification --check validates against (default: GOLDEN/../docs/spec)
  --case GLOB           select cases by id; repeatable; * within a path component, ** across
  --tag T               select cases with tag T (the channel dir is a tag); repeatable
  --exclude-tag T       drop cases with tag T; repeatable
  --known-failures F    lines "CASE-GLOB  reason": failing = expected failure; passing fails the run
  --capabilities F      lines "FEATURE  reason": cases needing it are not applicable
                        (features: --list; also tag:T, alias:KEY:FROM=TO and
                        exit-77-not-applicable: README.md)
  --junit FILE          write a JUnit XML report
  --json FILE           write a JSON report
  --html FILE           write a self-contained HTML report
  --shard K/N           run shard K of N of the selected cases (by a hash of the case id)
  --write-known-failures F  write the cases that fail in this run as a known-failures
                        baseline (whatever list was loaded)
  --timeout-ms N        per-case timeout (default: the case's timeout_ms, else 20000)
  -j N, --jobs N        run N cases at once (default: the number of CPUs)
  --repeat N            run each case N times; differing outcomes fail it as nondeterministic
  --keep-workdir        keep each case's work directory (printed)
  --list                print the selected case ids and features, run nothing; with
                        --capabilities or --known-failures also what a run would make of each
  --check               validate the golden cases (schema, rules, citations), run nothing
  --help, --version

  falco-conformance merge REPORT.json... [--json F] [--junit F] [--html F]
                        merge the JSON reports of the shards of one run
  falco-conformance matrix REPORT.json... --html F
                        implementations x cases grid, disagreements first
  falco-conformance identify --impl CMD [--capabilities F] [--known-failures F] [-j N]
                        which profiles the implementation behaves like, and for every
                        other profile the first case that rules it out
  falco-conformance trace [--golden DIR] [--spec DIR] [--write FILE]
                        print which cases assert each rule of the specification (trace --help)

Exit: 0 every applicable case passed; 1 the implementation failed a case (or a known failure
passed); 2 the harness could not run (bad arguments, unreadable golden dir, a case it could
not set up, no case selected).

Profiles (docs/spec/README.md):
)") + profile_table();
}

cli_options cli_options::parse(const std::vector<std::string>& args) {
    cli_options o;
    const std::map<std::string, std::string*> strings{
        {"--impl", &o.impl},
        {"--profile", &o.profile},
        {"--golden", &o.golden},
        {"--spec", &o.spec},
        {"--known-failures", &o.known_failures},
        {"--capabilities", &o.capabilities},
        {"--junit", &o.junit},
        {"--json", &o.json},
        {"--html", &o.html},
        {"--write-known-failures", &o.write_known_failures},
    };
    const std::map<std::string, std::vector<std::string>*> lists{
        {"--case", &o.cases}, {"--tag", &o.tags}, {"--exclude-tag", &o.exclude_tags}};
    const std::map<std::string, bool*> flags{
        {"--list", &o.list}, {"--check", &o.check}, {"--keep-workdir", &o.keep_workdir},
        {"--help", &o.help}, {"-h", &o.help},       {"--version", &o.version}};
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> value;
        if (const auto eq = name.find('='); name.starts_with("--") && eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (name.starts_with("-j") && name.size() > 2) {
            value = name.substr(2);
            name = "-j";
        }
        const auto take = [&]() -> std::string {
            if (value) {
                return *value;
            }
            if (i + 1 >= args.size()) {
                throw std::invalid_argument(name + " needs a value");
            }
            return args[++i];
        };
        if (const auto f = flags.find(name); f != flags.end()) {
            if (value) {
                throw std::invalid_argument(name + " takes no value");
            }
            *f->second = true;
        } else if (const auto s = strings.find(name); s != strings.end()) {
            *s->second = take();
        } else if (const auto l = lists.find(name); l != lists.end()) {
            l->second->push_back(take());
        } else if (name == "-j" || name == "--jobs") {
            o.jobs = static_cast<unsigned>(parse_number(name, take(), 1));
        } else if (name == "--repeat") {
            o.repeat = static_cast<unsigned>(parse_number(name, take(), 1));
        } else if (name == "--shard") {
            o.shard = shard_spec::parse(take());
        } else if (name == "--timeout-ms") {
            o.timeout_ms = parse_number(name, take(), 1);
        } else {
            throw std::invalid_argument("unknown argument '" + args[i] + "' (see --help)");
        }
    }
    if (const auto profile = resolve_profile(o.profile)) {
        o.profile = *profile;
    } else {
        throw std::invalid_argument("--profile: no profile covers '" + o.profile +
                                    "'; the profiles are:\n" + profile_table());
    }
    if (o.impl.empty() && !o.list && !o.check && !o.help && !o.version) {
        throw std::invalid_argument("--impl is required (see --help)");
    }
    return o;
}

}  // namespace conformance
