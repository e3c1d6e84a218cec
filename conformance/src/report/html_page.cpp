// SPDX-License-Identifier: Apache-2.0
#include "report/html_page.hpp"

namespace conformance {

namespace {

constexpr std::string_view k_common_style = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; }
h1 { font-size: 1.4em; margin: 0 0 .6em; }
code, pre { font: 12px/1.35 ui-monospace, monospace; }
pre { background: #f6f6f6; padding: .5em; overflow-x: auto; white-space: pre; margin: .3em 0; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 2px 8px; }
table.meta th { color: #555; font-weight: normal; }
.v-passed { background: #dff3df; }
.v-failed { background: #f9d3d3; }
.v-error { background: #f7c58f; }
.v-expected_failure { background: #f3e7b6; }
.v-not_applicable { background: #e2e2e2; }
.v-skipped { background: #ececf7; }
.v-none { background: #fff; color: #999; }
button.copy { font-size: 11px; margin-left: .5em; }
)css";

}  // namespace

std::string verdict_slug(verdict v) {
    std::string slug = verdict_name(v);
    for (auto& c : slug) {
        if (c == ' ') {
            c = '_';
        }
    }
    return slug;
}

std::string html_page(std::string_view title, std::string_view style, std::string_view body,
                      std::string_view script) {
    std::string page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<title>" + markup_text(title) + "</title>\n<style>";
    page += k_common_style;
    page += style;
    page += "</style>\n</head>\n<body>\n";
    page += body;
    page += "<script>\n";
    page += script;
    page += "</script>\n</body>\n</html>\n";
    return page;
}

}  // namespace conformance
