// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "report/report_merger.hpp"

namespace conformance {

// Implementations x cases: for each case id of any report, the result each report has for it
// (none when that report did not select the case). A case disagrees when the reports that
// have it do not all give it the same verdict; those rows come first, then the others, each
// group in id order. The reports must outlive the matrix (cells point into them).
struct verdict_matrix {
    struct row {
        std::string id;
        std::vector<const case_result*> cells;  // one per report, nullptr: not selected there
        bool disagrees = false;
    };
    std::vector<row> rows;
    std::size_t disagreements = 0;

    static verdict_matrix build(const std::vector<named_report>& reports);
};

}  // namespace conformance
