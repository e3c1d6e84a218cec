// SPDX-License-Identifier: Apache-2.0
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "mocks/xml_escape.hpp"

namespace falco_bench {
namespace {

std::string label(double v) {
    char buf[32];
    if (v >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.2fM/s", v / 1e6);
    } else if (v >= 1e3) {
        std::snprintf(buf, sizeof buf, "%.1fk/s", v / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f/s", v);
    }
    return buf;
}

}  // namespace

std::string svg_chart(const bench_report& report) {
    const auto rows = report.summaries();
    const int left = 190, right = 150, top = 70, row_h = 50, bar_h = 18, width = 960;
    const int plot_w = width - left - right;
    const int height = top + int(rows.size()) * row_h + 50;

    // Axis: whole decades around the data.
    double lo = 1e9, hi = 1;
    for (const auto& s : rows) {
        for (double v : {s.impl.alerts_per_s, s.baseline.alerts_per_s}) {
            if (v > 0) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    }
    if (lo > hi) {
        lo = 1;
    }
    int d0 = int(std::floor(std::log10(lo))), d1 = int(std::ceil(std::log10(hi)));
    if (d1 <= d0) {
        d1 = d0 + 1;
    }
    auto x = [&](double v) {
        double t = (std::log10(std::max(v, 1.0)) - d0) / double(d1 - d0);
        return left + std::clamp(t, 0.0, 1.0) * plot_w;
    };

    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" viewBox=\"0 0 " << width << " " << height
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"" << left << "\" y=\"22\" font-size=\"15\" font-weight=\"bold\">"
        << "Alert throughput per channel (alerts/s, log scale)</text>\n"
        << "<text x=\"" << left << "\" y=\"40\" fill=\"#555\">"
        << mocks::xml_escape(report.opts->impl_text) << " - profile " << report.opts->profile
        << ", " << (report.opts->json_format ? "JSON" : "text") << ", median of "
        << report.opts->repeat << " run(s)</text>\n"
        << "<rect x=\"" << left << "\" y=\"48\" width=\"12\" height=\"10\" fill=\"#2b6cb0\"/>"
        << "<text x=\"" << left + 16 << "\" y=\"57\">implementation</text>\n"
        << "<rect x=\"" << left + 130
        << "\" y=\"48\" width=\"12\" height=\"10\" "
           "fill=\"#a0aec0\"/><text x=\""
        << left + 146 << "\" y=\"57\">baseline (minimal loop, same sink)</text>\n";

    for (int d = d0; d <= d1; ++d) {
        double gx = x(std::pow(10.0, d));
        svg << "<line x1=\"" << gx << "\" y1=\"" << top - 4 << "\" x2=\"" << gx << "\" y2=\""
            << height - 40 << "\" stroke=\"#e2e8f0\"/>\n"
            << "<text x=\"" << gx << "\" y=\"" << height - 24
            << "\" text-anchor=\"middle\" fill=\"#555\">" << label(std::pow(10.0, d))
            << "</text>\n";
    }

    int y = top;
    for (const auto& s : rows) {
        const channel_result& r = *s.result;
        svg << "<text x=\"" << left - 8 << "\" y=\"" << y + 14
            << "\" text-anchor=\"end\" font-weight=\"bold\">" << mocks::xml_escape(r.spec.name)
            << "</text>\n";
        auto bar = [&](double v, int by, const char* color, bool complete) {
            if (v <= 0) {
                return;
            }
            double w = x(v) - left;
            svg << "<rect x=\"" << left << "\" y=\"" << by << "\" width=\"" << w << "\" height=\""
                << bar_h << "\" fill=\"" << color << "\"/>\n"
                << "<text x=\"" << left + w + 4 << "\" y=\"" << by + 13 << "\">" << label(v)
                << (complete ? "" : " (LOST ALERTS)") << "</text>\n";
        };
        if (!r.skipped.empty()) {
            svg << "<text x=\"" << left + 4 << "\" y=\"" << y + bar_h + 4
                << "\" fill=\"#c53030\">skipped</text>\n";
        } else {
            bar(s.impl.alerts_per_s, y, "#2b6cb0", s.impl.complete);
            bar(s.baseline.alerts_per_s, y + bar_h + 2, "#a0aec0",
                s.baseline.complete || !s.baseline.runs);
            if (s.ratio) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "ratio %.2f", *s.ratio);
                std::string text = buf;
                if (r.spec.target) {
                    std::snprintf(buf, sizeof buf, " (target %.2f)", *r.spec.target);
                    text += buf;
                }
                svg << "<text x=\"" << left - 8 << "\" y=\"" << y + bar_h + 15
                    << "\" text-anchor=\"end\" font-size=\"11\" fill=\""
                    << (s.target_met && !*s.target_met ? "#c53030" : "#2f855a") << "\">" << text
                    << "</text>\n";
            }
        }
        y += row_h;
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace falco_bench
