// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
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

    // Every case that applies to `profile` (from any home directory <root>/<home>/, by its
    // `profiles:`), as that profile sees it (`by_profile:`), sorted by id. Throws
    // std::runtime_error when the root cannot be read or holds a directory that is no profile
    // (the harness exits 2).
    std::vector<golden_case> load_profile(const std::string& profile) const;

    // Every case id below the root, whatever its profiles (a known-failures entry may name a
    // case of another profile).
    std::vector<std::string> all_ids() const;

    // One case directory (containing case.yaml) below the root, as its home profile sees it.
    golden_case load_case(const std::filesystem::path& case_dir) const;
    // The same as `profile` sees it; nullopt when the case does not apply to `profile`. A case
    // that breaks the schema is returned for its home profile with `load_error` set.
    std::optional<golden_case> load_case(const std::filesystem::path& case_dir,
                                         const std::string& profile) const;

private:
    std::vector<std::string> homes() const;
    std::vector<std::filesystem::path> case_dirs() const;

    std::filesystem::path root_;
};

}  // namespace conformance
