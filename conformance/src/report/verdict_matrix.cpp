// SPDX-License-Identifier: Apache-2.0
#include "report/verdict_matrix.hpp"

#include <algorithm>
#include <map>

namespace conformance {

verdict_matrix verdict_matrix::build(const std::vector<named_report>& reports) {
    std::map<std::string, std::vector<const case_result*>> by_id;
    for (std::size_t column = 0; column < reports.size(); ++column) {
        for (const auto& r : reports[column].report.results) {
            auto& cells = by_id[r.id];
            cells.resize(reports.size(), nullptr);
            cells[column] = &r;
        }
    }
    verdict_matrix m;
    for (auto& [id, cells] : by_id) {
        const case_result* first = nullptr;
        bool disagrees = false;
        for (const auto* cell : cells) {
            if (cell && first && cell->outcome != first->outcome) {
                disagrees = true;
            }
            first = first ? first : cell;
        }
        m.disagreements += disagrees ? 1 : 0;
        m.rows.push_back({id, std::move(cells), disagrees});
    }
    // by_id was in id order; a stable partition keeps it within each group.
    std::stable_partition(m.rows.begin(), m.rows.end(), [](const row& r) { return r.disagrees; });
    return m;
}

}  // namespace conformance
