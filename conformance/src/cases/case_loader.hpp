// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"

namespace conformance {

// Reads golden cases (golden/README.md) into `golden_case`. A case that breaks the schema is
// still returned, with `load_error` naming the file, line and key, so one bad case written by
// a colleague cannot hide the others; the harness reports it as an error.
class case_loader {
public:
    explicit case_loader(std::filesystem::path golden_root) : root_(std::move(golden_root)) {}

    // Every case below <root>/<profile>, sorted by id. Throws std::runtime_error when the
    // profile directory cannot be read (the harness exits 2).
    std::vector<golden_case> load_profile(const std::string& profile) const;

    // One case directory (containing case.yaml) below the root.
    golden_case load_case(const std::filesystem::path& case_dir) const;

private:
    std::filesystem::path root_;
};

}  // namespace conformance
