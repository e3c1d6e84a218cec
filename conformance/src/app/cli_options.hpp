// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "select/shard.hpp"

namespace conformance {

// The command line of falco-conformance (conformance/README.md).
struct cli_options {
    std::string impl;
    std::string profile = "0.44";
    std::string golden;              // empty: the compiled-in FALCO_GOLDEN_DIR
    std::string spec;                // empty: locate_spec's default (cases/spec_index.hpp)
    std::vector<std::string> cases;  // --case globs
    std::vector<std::string> tags, exclude_tags;
    std::string known_failures, capabilities, junit, json, html, write_known_failures;
    std::optional<shard_spec> shard;  // --shard K/N
    std::optional<long> timeout_ms;
    unsigned jobs = default_jobs();
    unsigned repeat = 1;
    bool list = false;
    bool check = false;
    bool keep_workdir = false;
    bool help = false;
    bool version = false;

    // -j's default: the number of CPUs (at least 1).
    static unsigned default_jobs();

    // Throws std::invalid_argument naming the bad argument.
    static cli_options parse(const std::vector<std::string>& args);
    static std::string usage();
};

}  // namespace conformance
