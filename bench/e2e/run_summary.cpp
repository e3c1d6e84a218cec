// SPDX-License-Identifier: Apache-2.0
#include "run_summary.hpp"

#include <algorithm>

namespace falco_bench {
namespace {

double median(std::vector<double> v) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

run_summary run_summary::of(const std::vector<run_measure>& runs) {
    run_summary s;
    s.runs = unsigned(runs.size());
    if (runs.empty()) {
        return s;
    }
    std::vector<double> rate, mb, cpu, rss, per_alert, bytes;
    s.complete = true;
    for (const auto& r : runs) {
        s.complete = s.complete && r.complete();
        rate.push_back(r.alerts_per_s());
        mb.push_back(r.mb_per_s());
        cpu.push_back(r.user_s + r.sys_s);
        if (r.delivered) {
            per_alert.push_back((r.user_s + r.sys_s) * 1e6 / double(r.delivered));
            bytes.push_back(double(r.bytes) / double(r.delivered));
        }
        if (r.max_rss_kb) {
            rss.push_back(double(*r.max_rss_kb) / 1024);
        }
    }
    s.alerts_per_s = median(rate);
    s.alerts_per_s_min = *std::min_element(rate.begin(), rate.end());
    s.alerts_per_s_max = *std::max_element(rate.begin(), rate.end());
    s.mb_per_s = median(mb);
    s.cpu_s = median(cpu);
    s.cpu_us_per_alert = median(per_alert);
    s.bytes_per_alert = median(bytes);
    if (!rss.empty()) {
        s.max_rss_mb = median(rss);
    }
    return s;
}

}  // namespace falco_bench
