// SPDX-License-Identifier: Apache-2.0
#include "cases/statistics_block.hpp"

#include <algorithm>

#include "util/file_util.hpp"

namespace conformance {

std::size_t statistics_starts(std::string_view text) {
    const auto lines = lines_with_newlines(text);
    return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [](const auto& l) {
        return l.starts_with(k_statistics_start);
    }));
}

statistics_split split_at_statistics(std::string_view expected) {
    statistics_split out;
    for (auto& line : lines_with_newlines(expected)) {
        if (out.stats.empty() && !line.starts_with(k_statistics_start)) {
            out.alerts.push_back(std::move(line));
        } else {
            out.stats.push_back(std::move(line));
        }
    }
    return out;
}

}  // namespace conformance
