// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "judge/case_result.hpp"
#include "judge/value_alias.hpp"
#include "run/impl_command.hpp"

namespace conformance {

struct run_options {
    impl_command impl;      // parsed --impl
    std::string impl_text;  // as given, for the reproduce line
    std::string program;    // impl.argv[0] resolved against PATH
    std::string profile;
    std::string harness;     // how to call the harness in the reproduce line
    std::string golden_arg;  // "--golden DIR" when not the compiled-in default, else ""
    std::optional<std::chrono::milliseconds> timeout;  // --timeout-ms
    bool keep_workdir = false;
    bool private_dev_log = true;       // mount namespaces available
    std::vector<value_alias> aliases;  // from --capabilities `alias:` lines
    // --capabilities `exit-77-not-applicable`: exit 77 before delivering anything makes the
    // case not applicable (declared_not_applicable.hpp).
    bool exit_77_not_applicable = false;
};

// Runs one case end to end (golden/README.md), in the phases of run/case_attempt.hpp: a fresh
// work directory, the mocks, the templated config, the implementation in its own process group
// (and private /dev), the steps, the exit, the comparisons; then nothing is left running and the
// work directory is removed (unless kept). Never throws: anything the harness itself cannot do
// makes the case an "error".
class case_runner {
public:
    explicit case_runner(const run_options& options) : options_(options) {}

    case_result run(const golden_case& c) const;

    std::string reproduce_command(const golden_case& c) const;

private:
    const run_options& options_;
};

}  // namespace conformance
