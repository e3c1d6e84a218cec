// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace selftest {

// One deliberate defect of defects.yaml: how conformance-defect wraps an unmodified
// implementation to give it the defect, and which golden cases must notice.
struct defect {
    std::string name;
    std::string what;  // one line: the behaviour that is broken
    // wrap: what the launcher changes around the implementation.
    std::vector<std::string> args;                          // appended to its arguments
    std::vector<std::pair<std::string, std::string>> env;   // set in its environment
    std::string input_filter;                               // "" or an input_filter name
    std::vector<std::pair<std::string, std::string>> shim;  // shim_settings keys, file order
    // The kill matrix: each case must pass without the defect and fail with it; each spare
    // must pass with it too (the defect is the one named, not a broken process).
    std::vector<std::string> cases;
    std::vector<std::string> spares;

    // The shim's settings as CONFORMANCE_DEFECT_SHIM carries them ("key=value" lines).
    std::string shim_text() const;
};

class defect_catalog {
public:
    // Throws std::runtime_error naming the file, the defect and the key at fault.
    static defect_catalog load(const std::string& path);
    static defect_catalog parse(const std::string& yaml, const std::string& source);

    const defect* find(std::string_view name) const;
    const std::vector<defect>& defects() const { return defects_; }

private:
    std::vector<defect> defects_;
};

}  // namespace selftest
