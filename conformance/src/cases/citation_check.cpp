// SPDX-License-Identifier: Apache-2.0
#include "cases/citation_check.hpp"

#include <cctype>
#include <regex>

namespace conformance {

namespace {

// Names of material that is not part of the repository, beyond the two forms found below (a
// document by its bare name, a path leaving the tree): a citation must name what users have.
const std::vector<std::string> k_outside_names{"seed:", "the seed page"};
const std::string k_page = "doc:\"Falco Alerts\"@0.15";
const std::string k_protocol = "conformance/PROTOCOL.md";

std::string token_at(std::string_view line, std::size_t start) {
    auto end = start;
    while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) {
        ++end;
    }
    return std::string(line.substr(start, end - start));
}

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// Checks the `repo@tag:path:line[-line]` token whose `@` is at `at`; true when it is one.
bool check_source(std::string_view line, std::size_t at, const spec_index& spec,
                  std::vector<std::string>& problems) {
    if (line.substr(0, at).ends_with("doc:\"Falco Alerts\"") &&
        line.substr(at + 1).starts_with("0.15")) {
        return true;
    }
    auto start = at;
    while (start > 0 && word_char(line[start - 1])) {
        --start;
    }
    static const std::regex form(
        R"(^([a-z][a-z0-9-]*)@([^\s:,;()]+):([^\s:,;()]+):(\d+)(?:-(\d+))?)");
    const std::string rest(line.substr(start));
    std::smatch m;
    if (!std::regex_search(rest, m, form)) {
        problems.push_back("'" + token_at(line, start) +
                           "' is not a citation of the form repo@tag:path:line[-line]");
        return false;
    }
    const auto after = rest.substr(static_cast<std::size_t>(m.length(0)));
    if (!after.empty() &&
        (std::isdigit(static_cast<unsigned char>(after[0])) || after[0] == '-' || after[0] == ':' ||
         (after[0] == ',' && after.size() > 1 &&
          std::isdigit(static_cast<unsigned char>(after[1]))))) {
        problems.push_back("'" + token_at(line, start) +
                           "' cites more than one line or range: write one citation per range");
        return false;
    }
    if (!spec.citation_repos().contains(m[1].str())) {
        problems.push_back("'" + m[0].str() + "' names the unknown repository " + m[1].str() +
                           " (docs/spec/README.md, Citations)");
        return false;
    }
    if (m[5].matched && std::stoul(m[5].str()) < std::stoul(m[4].str())) {
        problems.push_back("'" + m[0].str() + "' has a line range that runs backwards");
        return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> citation_problems(std::string_view line, const spec_index& spec) {
    std::vector<std::string> problems;
    bool cites = false;
    for (const auto& name : k_outside_names) {
        if (line.find(name) != std::string_view::npos) {
            problems.push_back("'" + name + "' names material outside the repository");
        }
    }
    static const std::regex facts(R"(\bfacts (§|[0-9]))");
    const std::string text(line);
    if (std::regex_search(text, facts)) {
        problems.push_back("'facts' names material outside the repository");
    }
    // A document of the repository is cited by its path (docs/spec/0.44.md, golden/README.md);
    // a bare Markdown name (other than the contract's, checked below) or a path that climbs out
    // of the tree names something users do not have.
    static const std::regex elsewhere(
        R"((^|[^A-Za-z0-9_./-])((\.\./[^\s,;()]*)|([A-Za-z0-9_-][A-Za-z0-9_.-]*\.md)\b))");
    for (std::sregex_iterator it(text.begin(), text.end(), elsewhere), end; it != end; ++it) {
        const auto name = (*it)[2].str();
        if (name != "PROTOCOL.md") {
            problems.push_back("'" + name + "' names material outside the repository");
        }
    }
    static const std::regex spec_ref(
        R"(docs/spec/([A-Za-z0-9_.-]+\.md)(#([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*))?)");
    for (std::sregex_iterator it(text.begin(), text.end(), spec_ref), end; it != end; ++it) {
        const auto& m = *it;
        if (!spec.has_document(m[1].str())) {
            problems.push_back(m[0].str() + ": no such file in " + spec.dir().string());
        } else if (m[3].matched && !spec.has_anchor(m[1].str(), m[3].str())) {
            problems.push_back(m[0].str() + ": " + m[1].str() + " has no rule or heading " +
                               m[3].str());
        } else {
            cites = true;
        }
    }
    for (auto at = text.find("PROTOCOL.md"); at != std::string::npos;
         at = text.find("PROTOCOL.md", at + 1)) {
        static const std::regex slug(R"(^#([a-z0-9_-]+))");
        const bool prefixed = at >= 12 && text.compare(at - 12, 12, "conformance/") == 0;
        std::smatch m;
        const std::string after = text.substr(at + 11);
        if (!prefixed || !std::regex_search(after, m, slug)) {
            problems.push_back("'" + token_at(text, at) + "': cite the contract as " + k_protocol +
                               "#<section slug>");
        } else if (!spec.has_anchor(k_protocol, m[1].str())) {
            problems.push_back(k_protocol + "#" + m[1].str() + ": " +
                               (spec.has_document(k_protocol)
                                    ? "no such section"
                                    : k_protocol + " was not found beside the specification"));
        } else {
            cites = true;
        }
    }
    for (auto at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
        cites = check_source(text, at, spec, problems) || cites;
    }
    if (!cites && problems.empty()) {
        problems.push_back(
            "cites nothing: name a rule (docs/spec/<file>.md#<id>), Falco's source "
            "(repo@tag:path:line) or " +
            k_page);
    }
    return problems;
}

std::vector<std::string> spec_errors(const golden_case& c, const spec_index& spec) {
    const auto file = (c.dir / "case.yaml").string();
    std::vector<std::string> errors;
    if (c.rules.empty()) {
        errors.push_back(file +
                         ": rules: is required: list the docs/spec rule ids the case asserts");
    }
    for (std::size_t i = 0; i < c.rules.size(); ++i) {
        const auto& r = c.rules[i];
        if (spec.resolve(c.profile, r.text) == nullptr) {
            errors.push_back(file + ":" + std::to_string(r.line) + ": rules[" + std::to_string(i) +
                             "]: " + r.text + " is no rule of profile " + c.profile +
                             " (neither docs/spec/" + c.profile +
                             ".md nor docs/spec/common.md defines it)");
        }
    }
    for (std::size_t i = 0; i < c.provenance.size(); ++i) {
        const auto& p = c.provenance[i];
        for (const auto& problem : citation_problems(p.text, spec)) {
            errors.push_back(file + ":" + std::to_string(p.line) + ": provenance[" +
                             std::to_string(i) + "]: " + problem);
        }
    }
    return errors;
}

}  // namespace conformance
