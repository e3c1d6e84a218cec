// SPDX-License-Identifier: Apache-2.0
// conformance-selftest: proves that the suite rejects deliberately broken implementations.
// For one mutation of mutants.yaml it runs falco-conformance twice, as a black box, on the
// cases listed for that mutation: against the reference as is (each case must pass, or it
// proves nothing) and with FALCO_REF_SELFTEST_MUTATION=<name> (each case must fail).
//
//   conformance-selftest --harness H --ref R --mutants F --mutation NAME [--golden DIR]
//
// Exit: 0 caught; 1 not caught (or a listed case fails without the mutation); 2 bad usage;
// 77 (ctest "skipped") when mutants.yaml lists no case for the mutation yet.
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "run/impl_command.hpp"
#include "util/file_util.hpp"

namespace {

using conformance::shell_quote;

constexpr int k_skip = 77;

// The cases that must reject one mutation, grouped by profile (the first id component): the
// harness runs once per profile.
using mutant = std::map<std::string, std::vector<std::string>>;

mutant load_mutant(const std::string& file, const std::string& name) {
    const auto root = YAML::LoadFile(file);
    const auto node = root["mutants"][name];
    if (!node) {
        throw std::runtime_error(file + ": no mutant named " + name);
    }
    mutant m;
    if (node["cases"]) {
        for (const auto& id : node["cases"].as<std::vector<std::string>>()) {
            m[id.substr(0, id.find('/'))].push_back(id);
        }
    }
    return m;
}

// Runs the harness on `cases` and returns id -> verdict from its JSON report.
std::map<std::string, std::string> run_harness(const std::string& harness, const std::string& impl,
                                               const std::string& golden,
                                               const std::string& profile,
                                               const std::vector<std::string>& cases,
                                               const std::string& tag) {
    const auto report = std::filesystem::temp_directory_path() /
                        ("conformance-selftest-" + std::to_string(getpid()) + "-" + tag + ".json");
    std::string cmd = shell_quote(harness) + " --impl " + shell_quote(impl) + " --profile " +
                      shell_quote(profile) + " --json " + shell_quote(report.string());
    if (!golden.empty()) {
        cmd += " --golden " + shell_quote(golden);
    }
    for (const auto& c : cases) {
        cmd += " --case " + shell_quote(c);
    }
    std::cout << "$ " << cmd << std::endl;
    const int status = std::system(cmd.c_str());
    std::cout << "(exit " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")\n";
    rapidjson::Document doc;
    const auto text = conformance::read_file(report);
    doc.Parse(text.c_str());
    std::filesystem::remove(report);
    std::map<std::string, std::string> verdicts;
    if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases")) {
        throw std::runtime_error("the harness wrote no JSON report (exit " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                 ")");
    }
    for (const auto& c : doc["cases"].GetArray()) {
        verdicts[c["id"].GetString()] = c["verdict"].GetString();
    }
    return verdicts;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> args;
    for (int i = 1; i + 1 < argc; i += 2) {
        args[argv[i]] = argv[i + 1];
    }
    for (const char* required : {"--harness", "--ref", "--mutants", "--mutation"}) {
        if (!args.count(required)) {
            std::cerr << "usage: conformance-selftest --harness H --ref R --mutants F --mutation "
                         "NAME [--golden DIR]\n";
            return 2;
        }
    }
    try {
        const auto name = args["--mutation"];
        const auto m = load_mutant(args["--mutants"], name);
        if (m.empty()) {
            std::cout << "mutants.yaml lists no case that must catch " << name << " yet\n";
            return k_skip;
        }
        int bad = 0;
        for (const auto& [profile, cases] : m) {
            // The implementation command strings, exactly as a user would write them.
            const std::string impl =
                shell_quote(args["--ref"]) + (profile == "legacy" ? " --profile legacy" : "");
            const auto control =
                run_harness(args["--harness"], impl, args["--golden"], profile, cases, "control");
            for (const auto& c : cases) {
                if (control.count(c) == 0 || control.at(c) != "passed") {
                    std::cout << "NOT A CATCH: " << c << " is "
                              << (control.count(c) ? control.at(c) : "missing")
                              << " without the mutation, so its failure would prove nothing\n";
                    ++bad;
                }
            }
            const auto mutated =
                run_harness(args["--harness"], "FALCO_REF_SELFTEST_MUTATION=" + name + " " + impl,
                            args["--golden"], profile, cases, "mutant");
            for (const auto& c : cases) {
                const auto v = mutated.count(c) ? mutated.at(c) : "missing";
                std::cout << (v == "failed" ? "caught   " : "MISSED   ") << c << " (" << v << ")\n";
                bad += v == "failed" ? 0 : 1;
            }
        }
        std::cout << (bad ? "mutation " + name + " NOT rejected as expected\n"
                          : "mutation " + name + " rejected\n");
        return bad ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "conformance-selftest: " << e.what() << '\n';
        return 2;
    }
}
