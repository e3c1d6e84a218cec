// SPDX-License-Identifier: Apache-2.0
#include "ratio_reporter.hpp"

#include <cstdio>
#include <ostream>

namespace falco_bench {

void ratio_reporter::ReportRuns(const std::vector<Run>& runs) {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
        if (run.error_occurred) {
            continue;
        }
        const std::string& fn = run.run_name.function_name;
        bool ref = fn == "format_json/reference", peer = fn == "format_json/nlohmann";
        if (!ref && !peer) {
            continue;
        }
        bool median = run.run_type == Run::RT_Aggregate;
        if (median && run.aggregate_name != "median") {
            continue;
        }
        auto it = run.counters.find("items_per_second");
        if (it == run.counters.end()) {
            continue;
        }
        pair& p = json_[std::stol(run.run_name.args)];
        double& slot = ref ? p.reference : p.peer;
        bool& slot_median = ref ? p.reference_median : p.peer_median;
        // A median beats a single repetition; otherwise the last run wins.
        if (median || !slot_median) {
            slot = it->second.value;
            slot_median = median;
        }
    }
}

void ratio_reporter::Finalize() {
    ConsoleReporter::Finalize();
    if (json_.empty()) {
        return;
    }
    std::ostream& out = GetOutputStream();
    out << "\nJSON formatting, reference vs nlohmann peer (items/s; target ratio >= 3):\n";
    char line[160];
    for (const auto& [size, p] : json_) {
        if (p.reference <= 0 || p.peer <= 0) {
            continue;
        }
        std::snprintf(line, sizeof line,
                      "  fields~%-4ldB  reference %10.0f/s  nlohmann %10.0f/s  "
                      "ratio %.2f%s\n",
                      size, p.reference, p.peer, p.reference / p.peer,
                      p.reference_median ? " (medians)" : "");
        out << line;
    }
}

}  // namespace falco_bench
