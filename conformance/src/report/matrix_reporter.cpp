// SPDX-License-Identifier: Apache-2.0
#include "report/matrix_reporter.hpp"

#include <stdexcept>

#include "report/console_reporter.hpp"
#include "report/html_page.hpp"
#include "report/verdict_matrix.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

constexpr std::string_view k_style = R"css(
#matrix th.impl { max-width: 16em; word-break: break-all; font-weight: normal; font-size: 12px; }
#matrix td.id { font-family: ui-monospace, monospace; white-space: nowrap; }
#matrix td.cell { text-align: center; font-size: 12px; min-width: 5em; }
#matrix tr.disagrees td.id { font-weight: bold; }
#matrix tr { border-top: 1px solid #ddd; }
#matrix tfoot td { font-size: 12px; }
)css";

// `#disagreements` shows only the rows where the implementations disagree.
constexpr std::string_view k_script = R"js(
(function () {
  const rows = Array.from(document.querySelectorAll('#matrix tbody tr'));
  const box = document.getElementById('only-disagreements');
  function apply() {
    const only = location.hash === '#disagreements';
    box.checked = only;
    let shown = 0;
    for (const row of rows) {
      row.hidden = only && !row.classList.contains('disagrees');
      if (!row.hidden) shown++;
    }
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  box.addEventListener('change', function () {
    location.hash = box.checked ? 'disagreements' : '';
  });
  window.addEventListener('hashchange', apply);
  apply();
})();
)js";

std::string_view trimmed(std::string_view label) {
    return label.substr(0, label.find(' '));
}

std::string cell_html(const case_result* r) {
    if (!r) {
        return "<td class=\"cell v-none\" title=\"not selected\">&#8212;</td>";
    }
    const auto why = !r->failures.empty()
                         ? "[" + r->failures.front().what + "] " + r->failures.front().message
                         : r->reason;
    return "<td class=\"cell v-" + verdict_slug(r->outcome) + "\" data-verdict=\"" +
           verdict_slug(r->outcome) + "\" title=\"" + markup_text(why) + "\">" +
           std::string(trimmed(verdict_label(r->outcome))) + "</td>";
}

}  // namespace

std::string matrix_html(const std::vector<named_report>& reports) {
    for (const auto& r : reports) {
        if (r.report.shard && r.report.shard->count > 1) {
            throw std::runtime_error(r.file + ": a report of shard " + r.report.shard->text() +
                                     " only: merge the shards first (falco-conformance merge)");
        }
    }
    const auto m = verdict_matrix::build(reports);
    std::string body = "<h1>falco-conformance matrix: " + std::to_string(reports.size()) +
                       " implementations, " + std::to_string(m.rows.size()) + " cases</h1>\n";
    body += "<p><b id=\"disagreement-count\">" + std::to_string(m.disagreements) +
            "</b> cases where the implementations disagree (listed first). <label><input "
            "type=\"checkbox\" id=\"only-disagreements\"> only those</label> <span "
            "id=\"shown\"></span></p>\n";
    body += "<table id=\"matrix\">\n<thead><tr><th>case</th>";
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& r = reports[i].report;
        body += "<th class=\"impl\" title=\"" + markup_text(reports[i].file) + "\">" +
                std::to_string(i + 1) + ". " + markup_text(r.impl) + "<br>profile " +
                markup_text(r.profile) + ", exit " + std::to_string(r.exit_code) + "</th>";
    }
    body += "</tr></thead>\n<tbody>\n";
    for (const auto& row : m.rows) {
        body += std::string("<tr") + (row.disagrees ? " class=\"disagrees\"" : "") +
                "><td class=\"id\">" + markup_text(row.id) + "</td>";
        for (const auto* cell : row.cells) {
            body += cell_html(cell);
        }
        body += "</tr>\n";
    }
    body += "</tbody>\n<tfoot><tr><td>passed</td>";
    for (const auto& r : reports) {
        body += "<td>" + std::to_string(r.report.counts.passed) + " of " +
                std::to_string(r.report.results.size()) + "</td>";
    }
    body += "</tr></tfoot>\n</table>\n";
    return html_page("falco-conformance matrix", k_style, body, k_script);
}

void write_matrix_report(const std::filesystem::path& file,
                         const std::vector<named_report>& reports) {
    write_file(file, matrix_html(reports));
}

}  // namespace conformance
