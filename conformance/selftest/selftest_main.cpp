// SPDX-License-Identifier: Apache-2.0
// conformance-selftest: proves that the suite rejects deliberately broken implementations.
// For one defect of defects.yaml it runs falco-conformance as a black box, once per profile,
// on the defect's cases and spares: against the reference as it is (every one must pass, or a
// failure would prove nothing) and through conformance-defect with the defect (every case
// must fail, every spare must still pass: the defect is the one named, not a broken process).
//
//   conformance-selftest --harness H --ref R --launcher L --catalog F --defect NAME
//                        [--golden DIR]
//
// Exit: 0 caught; 1 not caught (or a listed case fails without the defect); 2 bad usage;
// 77 (ctest "skipped") when defects.yaml lists no case for the defect yet.
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "defect_catalog.hpp"
#include "run/impl_command.hpp"
#include "util/file_util.hpp"

namespace {

using conformance::shell_quote;

constexpr int k_skip = 77;

struct options {
    std::string harness, ref, launcher, catalog, defect, golden;
};

// Case ids by profile (their first component): the harness runs once per profile.
std::map<std::string, std::vector<std::string>> by_profile(const std::vector<std::string>& ids) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& id : ids) {
        out[id.substr(0, id.find('/'))].push_back(id);
    }
    return out;
}

// Runs the harness on `cases` and returns id -> verdict from its JSON report.
std::map<std::string, std::string> run_harness(const options& o, const std::string& impl,
                                               const std::string& profile,
                                               const std::vector<std::string>& cases,
                                               const std::string& tag) {
    const auto report = std::filesystem::temp_directory_path() /
                        ("conformance-selftest-" + std::to_string(getpid()) + "-" + tag + ".json");
    std::string cmd = shell_quote(o.harness) + " --impl " + shell_quote(impl) + " --profile " +
                      shell_quote(profile) + " --json " + shell_quote(report.string());
    if (!o.golden.empty()) {
        cmd += " --golden " + shell_quote(o.golden);
    }
    for (const auto& c : cases) {
        cmd += " --case " + shell_quote(c);
    }
    std::cout << "$ " << cmd << std::endl;
    const int status = std::system(cmd.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::cout << "(exit " << code << ")\n";
    rapidjson::Document doc;
    const auto text = conformance::read_file(report);
    doc.Parse(text.c_str());
    std::filesystem::remove(report);
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases")) {
        throw std::runtime_error("the harness wrote no JSON report (exit " + std::to_string(code) +
                                 ")");
    }
    std::map<std::string, std::string> verdicts;
    for (const auto& c : doc["cases"].GetArray()) {
        verdicts[c["id"].GetString()] = c["verdict"].GetString();
    }
    return verdicts;
}

std::string verdict_of(const std::map<std::string, std::string>& verdicts, const std::string& id) {
    const auto it = verdicts.find(id);
    return it == verdicts.end() ? "missing" : it->second;
}

// Counts what does not hold for one profile's cases and spares.
int check_profile(const options& o, const std::string& profile,
                  const std::vector<std::string>& cases, const std::vector<std::string>& spares) {
    // The implementation command strings, exactly as a user would write them.
    const std::string impl = shell_quote(o.ref) + (profile == "legacy" ? " --profile legacy" : "");
    const std::string defective = shell_quote(o.launcher) + " --catalog " + shell_quote(o.catalog) +
                                  " " + o.defect + " -- " + impl;
    std::vector<std::string> all = cases;
    all.insert(all.end(), spares.begin(), spares.end());
    int bad = 0;
    const auto control = run_harness(o, impl, profile, all, "control");
    for (const auto& id : all) {
        if (verdict_of(control, id) != "passed") {
            std::cout << "NOT A CATCH: " << id << " is " << verdict_of(control, id)
                      << " without the defect, so its verdict with it would prove nothing\n";
            ++bad;
        }
    }
    const auto broken = run_harness(o, defective, profile, all, "defect");
    for (const auto& id : cases) {
        const auto v = verdict_of(broken, id);
        std::cout << (v == "failed" ? "caught   " : "MISSED   ") << id << " (" << v << ")\n";
        bad += v == "failed" ? 0 : 1;
    }
    for (const auto& id : spares) {
        const auto v = verdict_of(broken, id);
        std::cout << (v == "passed" ? "spared   " : "NOT SPARED ") << id << " (" << v << ")\n";
        bad += v == "passed" ? 0 : 1;
    }
    return bad;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> args;
    for (int i = 1; i + 1 < argc; i += 2) {
        args[argv[i]] = argv[i + 1];
    }
    for (const char* required : {"--harness", "--ref", "--launcher", "--catalog", "--defect"}) {
        if (!args.count(required)) {
            std::cerr << "usage: conformance-selftest --harness H --ref R --launcher L --catalog F "
                         "--defect NAME [--golden DIR]\n";
            return 2;
        }
    }
    // The implementation runs in each case's own directory: no path may be relative to ours.
    const auto absolute = [](const std::string& p) {
        return std::filesystem::absolute(p).string();
    };
    const options o{
        args["--harness"],           absolute(args["--ref"]), absolute(args["--launcher"]),
        absolute(args["--catalog"]), args["--defect"],        args["--golden"]};
    try {
        const auto catalog = selftest::defect_catalog::load(o.catalog);
        const selftest::defect* d = catalog.find(o.defect);
        if (d == nullptr) {
            throw std::runtime_error(o.catalog + ": no defect named " + o.defect);
        }
        if (d->cases.empty()) {
            std::cout << "defects.yaml lists no case that must catch " << o.defect << " yet\n";
            return k_skip;
        }
        std::cout << o.defect << ": " << d->what << '\n';
        const auto cases = by_profile(d->cases);
        const auto spares = by_profile(d->spares);
        std::map<std::string, bool> profiles;
        for (const auto& [p, ids] : cases) {
            profiles[p] = true;
        }
        for (const auto& [p, ids] : spares) {
            profiles[p] = true;
        }
        int bad = 0;
        for (const auto& [profile, unused] : profiles) {
            const auto c = cases.count(profile) ? cases.at(profile) : std::vector<std::string>{};
            const auto s = spares.count(profile) ? spares.at(profile) : std::vector<std::string>{};
            bad += check_profile(o, profile, c, s);
        }
        std::cout << "defect " << o.defect << (bad ? " NOT rejected as expected\n" : " rejected\n");
        return bad ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "conformance-selftest: " << e.what() << '\n';
        return 2;
    }
}
