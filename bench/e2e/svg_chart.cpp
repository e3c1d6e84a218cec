// SPDX-License-Identifier: Apache-2.0
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
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

// One bar of every channel's group: the implementation, the second one (--vs), the baseline.
struct series {
    std::string legend;
    const char* color;
    std::function<const run_summary&(const channel_summary&)> of;
};

std::vector<series> series_of(const bench_report& report) {
    const bench_options& o = *report.opts;
    std::vector<series> out;
    out.push_back({(o.has_vs() ? "A: " : "implementation: ") + o.impl_text, "#2b6cb0",
                   [](const channel_summary& s) -> const run_summary& { return s.impl; }});
    if (o.has_vs()) {
        out.push_back({"B: " + o.vs_impl_text, "#dd6b20",
                       [](const channel_summary& s) -> const run_summary& { return s.vs; }});
    }
    if (!o.skip_baseline) {
        out.push_back({"baseline (minimal loop, same sink)", "#a0aec0",
                       [](const channel_summary& s) -> const run_summary& { return s.baseline; }});
    }
    return out;
}

// The ratio text under a channel's name.
std::string ratio_text(const channel_summary& s, bool vs) {
    char buf[96];
    if (vs) {
        if (!s.ab) {
            return "";
        }
        std::snprintf(buf, sizeof buf, "A/B %.2f [%.2f-%.2f]", s.ab->median, s.ab->min, s.ab->max);
        return buf;
    }
    if (!s.ratio) {
        return "";
    }
    std::snprintf(buf, sizeof buf, "ratio %.2f", *s.ratio);
    std::string text = buf;
    if (s.result->spec.target) {
        std::snprintf(buf, sizeof buf, " (target %.2f)", *s.result->spec.target);
        text += buf;
    }
    return text;
}

}  // namespace

std::string svg_chart(const bench_report& report) {
    const auto rows = report.summaries();
    const auto bars = series_of(report);
    const bool vs = report.opts->has_vs();
    const int left = 190, right = 150, bar_h = 18, gap = 2, width = 960;
    const int legend_top = 48, legend_h = 16;
    const int top = legend_top + int(bars.size()) * legend_h + 12;
    const int row_h = int(bars.size()) * (bar_h + gap) + 14;
    const int plot_w = width - left - right;
    const int height = top + int(rows.size()) * row_h + 50;

    // Axis: whole decades around the data.
    double lo = 1e9, hi = 1;
    for (const auto& s : rows) {
        for (const auto& b : bars) {
            double v = b.of(s).alerts_per_s;
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
        << "<text x=\"" << left << "\" y=\"40\" fill=\"#555\">profile " << report.opts->profile
        << ", " << (report.opts->json_format ? "JSON" : "text") << ", median of "
        << report.opts->repeat << " round(s)"
        << (vs ? "; A/B: median of the per-round ratios [min-max]" : "") << "</text>\n";
    int ly = legend_top;
    for (const auto& b : bars) {
        svg << "<rect class=\"legend\" x=\"" << left << "\" y=\"" << ly << "\" width=\"12\" "
            << "height=\"10\" fill=\"" << b.color << "\"/><text x=\"" << left + 16 << "\" y=\""
            << ly + 9 << "\">" << mocks::xml_escape(b.legend) << "</text>\n";
        ly += legend_h;
    }

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
        if (!r.skipped.empty()) {
            svg << "<text x=\"" << left + 4 << "\" y=\"" << y + bar_h + 4
                << "\" fill=\"#c53030\">skipped</text>\n";
            y += row_h;
            continue;
        }
        int by = y;
        for (const auto& b : bars) {
            const run_summary& side = b.of(s);
            double v = side.alerts_per_s;
            if (v > 0) {
                double w = x(v) - left;
                svg << "<rect class=\"bar\" x=\"" << left << "\" y=\"" << by << "\" width=\"" << w
                    << "\" height=\"" << bar_h << "\" fill=\"" << b.color << "\"/>\n"
                    << "<text x=\"" << left + w + 4 << "\" y=\"" << by + 13 << "\">" << label(v)
                    << (side.complete ? "" : " (LOST ALERTS)") << "</text>\n";
            }
            by += bar_h + gap;
        }
        std::string text = ratio_text(s, vs);
        if (!text.empty()) {
            const bool missed = !vs && s.target_met && !*s.target_met;
            svg << "<text x=\"" << left - 8 << "\" y=\"" << y + bar_h + 15
                << "\" text-anchor=\"end\" font-size=\"11\" fill=\""
                << (missed ? "#c53030" : "#2f855a") << "\">" << text << "</text>\n";
        }
        y += row_h;
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace falco_bench
