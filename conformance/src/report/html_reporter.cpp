// SPDX-License-Identifier: Apache-2.0
#include "report/html_reporter.hpp"

#include <cstdio>
#include <set>

#include "report/html_page.hpp"
#include "util/file_util.hpp"
#include "util/joined.hpp"

namespace conformance {

namespace {

constexpr std::string_view k_style = R"css(
nav { margin: 1em 0; }
nav a.verdict { display: inline-block; padding: 2px 8px; margin-right: 4px; border-radius: 3px;
                color: inherit; text-decoration: none; border: 1px solid #bbb; }
nav a.verdict.active { border: 2px solid #1d1d1f; font-weight: bold; }
#cases td.id { font-family: ui-monospace, monospace; white-space: nowrap; }
#cases td.tags { color: #666; font-size: 12px; }
#cases tr { border-top: 1px solid #ddd; }
.failure { margin: .4em 0 .8em; }
.diff .del { color: #a40000; }
.diff .add { color: #006400; }
.diff .hunk { color: #5a3fa0; }
pre.json { background: #fff7e0; white-space: pre-wrap; }
#cases pre { max-width: 70vw; }
.reproduce code { word-break: break-all; }
pre.stderr { background: #eef; }
)css";

// Filters rows by the URL fragment, so a link (or a headless browser) can open the page
// filtered: #verdict=failed,error&tag=http. The buttons and the select only rewrite the
// fragment; everything goes through apply().
constexpr std::string_view k_script = R"js(
(function () {
  const rows = Array.from(document.querySelectorAll('#cases tbody tr.case'));
  const tagSelect = document.getElementById('tag-filter');
  function state() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { verdicts: (p.get('verdict') || '').split(',').filter(Boolean), tag: p.get('tag') || '' };
  }
  function setState(s) {
    const p = new URLSearchParams();
    if (s.verdicts.length) p.set('verdict', s.verdicts.join(','));
    if (s.tag) p.set('tag', s.tag);
    location.hash = p.toString();
  }
  function apply() {
    const s = state();
    let shown = 0;
    for (const row of rows) {
      const ok = (!s.verdicts.length || s.verdicts.includes(row.dataset.verdict)) &&
                 (!s.tag || row.dataset.tags.split(' ').includes(s.tag));
      row.hidden = !ok;
      if (ok) shown++;
    }
    for (const a of document.querySelectorAll('nav a.verdict')) {
      a.classList.toggle('active', s.verdicts.includes(a.dataset.verdict));
    }
    tagSelect.value = s.tag;
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  for (const a of document.querySelectorAll('nav a.verdict')) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      const s = state();
      const v = a.dataset.verdict;
      s.verdicts = s.verdicts.includes(v) ? s.verdicts.filter(x => x !== v) : s.verdicts.concat([v]);
      setState(s);
    });
  }
  document.getElementById('show-all').addEventListener('click', function (e) {
    e.preventDefault();
    setState({ verdicts: [], tag: '' });
  });
  tagSelect.addEventListener('change', function () {
    const s = state();
    s.tag = tagSelect.value;
    setState(s);
  });
  // file:// pages may lack navigator.clipboard: fall back to a selected textarea.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    return Promise.resolve();
  }
  document.addEventListener('click', function (e) {
    const button = e.target.closest('button.copy');
    if (!button) return;
    copy(button.previousElementSibling.textContent).then(function () {
      button.textContent = 'copied';
      setTimeout(function () { button.textContent = 'copy'; }, 1500);
    });
  });
  window.addEventListener('hashchange', apply);
  apply();
})();
)js";

std::string seconds(std::chrono::milliseconds ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

// A failure's detail is a unified diff, then "json: ..." lines explaining the first differing
// JSON record (judge/text_comparison.cpp): each part in its own block, diff lines coloured.
std::string failure_html(const failure& f) {
    std::string diff, json;
    for (const auto& line : all_lines(f.detail)) {
        if (line.starts_with("json: ")) {
            json += markup_text(line) + "\n";
            continue;
        }
        const char* css = line.starts_with("@@")                               ? "hunk"
                          : line.starts_with("-") && !line.starts_with("--- ") ? "del"
                          : line.starts_with("+") && !line.starts_with("+++ ") ? "add"
                                                                               : nullptr;
        diff += css ? "<span class=\"" + std::string(css) + "\">" + markup_text(line) + "</span>\n"
                    : markup_text(line) + "\n";
    }
    std::string out = "<div class=\"failure\"><b>[" + markup_text(f.what) + "]</b> " +
                      markup_text(f.message) + "\n";
    if (!diff.empty()) {
        out += "<pre class=\"diff\">" + diff + "</pre>\n";
    }
    if (!json.empty()) {
        out += "<div>JSON explanation:</div><pre class=\"json\">" + json + "</pre>\n";
    }
    return out + "</div>\n";
}

std::string details_html(const case_result& r) {
    std::string out;
    if (!r.reason.empty()) {
        out += "<div class=\"reason\">" + markup_text(r.reason) + "</div>\n";
    }
    if (r.outcome != verdict::failed && r.outcome != verdict::error) {
        return out;
    }
    out += "<details><summary>" + std::to_string(r.failures.size()) + " mismatch" +
           (r.failures.size() == 1 ? "" : "es") +
           (r.failures.empty() ? "" : ": " + markup_text(r.failures.front().message)) +
           "</summary>\n";
    for (const auto& f : r.failures) {
        out += failure_html(f);
    }
    if (!r.stderr_tail.empty()) {
        out += "<div>stderr of the implementation (last lines):</div><pre class=\"stderr\">" +
               markup_text(r.stderr_tail) + "</pre>\n";
    }
    out += "</details>\n";
    if (!r.reproduce.empty()) {
        out += "<div class=\"reproduce\">reproduce: <code>" + markup_text(r.reproduce) +
               "</code><button class=\"copy\" type=\"button\">copy</button></div>\n";
    }
    return out;
}

std::string summary_html(const run_report& report) {
    std::string scope = std::to_string(report.selected_total) + " cases selected";
    if (report.shard) {
        scope += "; shard " + report.shard->text() + ": " + std::to_string(report.results.size()) +
                 " cases";
    }
    if (!report.merged_from.empty()) {
        scope += "; merged from " + joined(report.merged_from, ", ");
    }
    const std::pair<const char*, std::string> rows[] = {
        {"profile", report.profile},
        {"implementation", report.impl},
        {"wall time",
         seconds(report.duration) + (report.merged_from.empty() ? "" : " (the longest shard)")},
        {"selection",
         scope + (report.selection.empty() ? "" : " by " + joined(report.selection, " "))},
        {"golden cases", report.golden_dir + " (" + report.golden_digest + ")"},
        {"suite", "falco-conformance " + report.suite_version},
        {"exit code", std::to_string(report.exit_code)},
    };
    std::string out = "<table class=\"meta\">\n";
    for (const auto& [name, value] : rows) {
        out += "<tr><th>" + std::string(name) + "</th><td>" + markup_text(value) + "</td></tr>\n";
    }
    for (const auto& w : report.warnings) {
        out += "<tr><th>warning</th><td>" + markup_text(w) + "</td></tr>\n";
    }
    return out + "</table>\n";
}

std::string filters_html(const run_report& report) {
    std::string out = "<nav>verdict: ";
    for (const auto v : k_all_verdicts) {
        std::size_t n = 0;
        for (const auto& r : report.results) {
            n += r.outcome == v ? 1 : 0;
        }
        const auto slug = verdict_slug(v);
        out += "<a class=\"verdict v-" + slug + "\" data-verdict=\"" + slug +
               "\" href=\"#verdict=" + slug + "\">" + verdict_name(v) + " <b class=\"count\">" +
               std::to_string(n) + "</b></a>";
    }
    std::set<std::string> tags;
    for (const auto& r : report.results) {
        tags.insert(r.tags.begin(), r.tags.end());
    }
    out += " <label>tag: <select id=\"tag-filter\"><option value=\"\">any</option>";
    for (const auto& t : tags) {
        out += "<option>" + markup_text(t) + "</option>";
    }
    out += "</select></label> <a id=\"show-all\" href=\"#\">show all</a>";
    return out + "<div id=\"shown\"></div></nav>\n";
}

}  // namespace

std::string html_report(const run_report& report) {
    std::string body = "<h1>falco-conformance " + markup_text(report.profile) + ": " +
                       markup_text(report.impl) + "</h1>\n" + summary_html(report) +
                       filters_html(report);
    body +=
        "<table id=\"cases\">\n<thead><tr><th>case</th><th>verdict</th><th>ms</th>"
        "<th>tags</th><th>details</th></tr></thead>\n<tbody>\n";
    for (const auto& r : report.results) {
        const auto slug = verdict_slug(r.outcome);
        body += "<tr class=\"case v-" + slug + "\" data-verdict=\"" + slug + "\" data-tags=\"" +
                markup_text(joined(r.tags, " ")) + "\"><td class=\"id\">" + markup_text(r.id) +
                "</td><td>" + verdict_name(r.outcome) + "</td><td>" +
                std::to_string(r.duration.count()) + "</td><td class=\"tags\">" +
                markup_text(joined(r.tags, " ")) + "</td><td>" + details_html(r) + "</td></tr>\n";
    }
    body += "</tbody>\n</table>\n";
    return html_page("falco-conformance " + report.profile + ": " + report.impl, k_style, body,
                     k_script);
}

void write_html_report(const std::filesystem::path& file, const run_report& report) {
    write_file(file, html_report(report));
}

}  // namespace conformance
