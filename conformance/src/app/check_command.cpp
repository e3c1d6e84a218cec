// SPDX-License-Identifier: Apache-2.0
#include "app/check_command.hpp"

#include <optional>

#include "cases/citation_check.hpp"

namespace conformance {

int check_golden(const std::vector<golden_case>& cases, const spec_location& where,
                 std::ostream& out) {
    std::optional<spec_index> spec;
    if (where.given || std::filesystem::exists(where.spec)) {
        spec = spec_index::load(where);
    }
    std::size_t bad = 0;
    for (const auto& c : cases) {
        auto errors = c.load_error.empty() ? std::vector<std::string>{}
                                           : std::vector<std::string>{c.load_error};
        if (spec && c.load_error.empty()) {
            errors = spec_errors(c, *spec);
        }
        for (const auto& e : errors) {
            out << e << '\n';
        }
        bad += errors.empty() ? 0 : 1;
    }
    out << cases.size() - bad << " cases valid, " << bad << " with errors; ";
    if (spec) {
        out << "rules and citations checked against " << where.spec.string() << '\n';
    } else {
        out << "no specification at " << where.spec.string()
            << ", so rules and citations were not checked (--spec DIR)\n";
    }
    return bad ? 2 : 0;
}

}  // namespace conformance
