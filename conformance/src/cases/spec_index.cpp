// SPDX-License-Identifier: Apache-2.0
#include "cases/spec_index.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <stdexcept>

#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

const std::string k_common = "common.md";
const std::string k_protocol = "conformance/PROTOCOL.md";

// The lines of a Markdown file outside fenced code blocks, with their 1-based numbers.
std::vector<std::pair<int, std::string>> prose_lines(std::string_view text) {
    std::vector<std::pair<int, std::string>> out;
    bool fenced = false;
    int number = 0;
    for (auto& line : all_lines(text)) {
        ++number;
        if (line.starts_with("```")) {
            fenced = !fenced;
            continue;
        }
        if (!fenced) {
            out.emplace_back(number, std::move(line));
        }
    }
    return out;
}

// Heading slugs (a repeated slug gets -1, -2, ... as on GitHub) and every `<a id="...">`.
std::set<std::string> markdown_anchors(const std::vector<std::pair<int, std::string>>& lines) {
    static const std::regex heading(R"(^#{1,6}\s+(.*?)\s*$)");
    static const std::regex html_anchor(R"re(<a id="([^"]+)">)re");
    std::set<std::string> anchors;
    std::map<std::string, int> seen;
    for (const auto& [number, line] : lines) {
        std::smatch m;
        if (std::regex_match(line, m, heading)) {
            const auto slug = heading_slug(m[1].str());
            const int repeat = seen[slug]++;
            anchors.insert(repeat == 0 ? slug : slug + "-" + std::to_string(repeat));
        }
        for (std::sregex_iterator it(line.begin(), line.end(), html_anchor), end; it != end; ++it) {
            anchors.insert((*it)[1].str());
        }
    }
    return anchors;
}

std::vector<spec_rule> read_rules(const std::string& document,
                                  const std::vector<std::pair<int, std::string>>& lines) {
    static const std::regex rule_line(R"re(^- <a id="([^"]+)"></a>\*\*`([^`]+)`\*\*)re");
    static const std::string not_asserted = "  *Not asserted:* ";
    std::vector<spec_rule> rules;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& [number, line] = lines[i];
        std::smatch m;
        if (!std::regex_search(line, m, rule_line)) {
            continue;
        }
        const auto where = document + ":" + std::to_string(number) + ": ";
        if (m[1] != m[2] || !valid_rule_id(m[1].str())) {
            throw std::runtime_error(where + "malformed rule id '" + m[1].str() + "'");
        }
        spec_rule r{m[1].str(), document, number, ""};
        if (i + 1 < lines.size() && lines[i + 1].second.starts_with(not_asserted)) {
            r.not_asserted = lines[i + 1].second.substr(not_asserted.size());
        }
        if (std::any_of(rules.begin(), rules.end(), [&](const auto& o) { return o.id == r.id; })) {
            throw std::runtime_error(where + "rule " + r.id + " is defined twice");
        }
        rules.push_back(std::move(r));
    }
    return rules;
}

// The repositories of the citation forms: table rows of README.md that start with `repo@.
std::set<std::string> read_citation_repos(const std::vector<std::pair<int, std::string>>& lines) {
    static const std::regex form(R"(^\| `([a-z][a-z0-9-]*)@)");
    std::set<std::string> repos;
    for (const auto& [number, line] : lines) {
        std::smatch m;
        if (std::regex_search(line, m, form)) {
            repos.insert(m[1].str());
        }
    }
    return repos;
}

}  // namespace

namespace {

// A profile document's `Based on: <profile>` line (docs/spec/README.md, "Resolving a rule for a
// profile"): the profile whose rules it inherits; empty when it has none.
std::string read_base(const std::vector<std::pair<int, std::string>>& lines) {
    static const std::regex based_on(R"(^Based on: `?([A-Za-z0-9._-]+)`?\.?\s*$)");
    for (const auto& [number, line] : lines) {
        std::smatch m;
        if (std::regex_match(line, m, based_on)) {
            return m[1];
        }
    }
    return "";
}

}  // namespace

std::string heading_slug(std::string_view heading) {
    std::string slug;
    for (const char c : heading) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u) || c == '_' || c == '-') {
            slug += static_cast<char>(std::tolower(u));
        } else if (c == ' ') {
            slug += '-';
        }
    }
    return slug;
}

bool valid_rule_id(std::string_view id) {
    static const std::regex shape(R"(^[a-z0-9_-]+(\.[a-z0-9_-]+){1,4}$)");
    return std::regex_match(id.begin(), id.end(), shape);
}

spec_location locate_spec(const fs::path& golden, const std::string& spec_option) {
    spec_location where;
    where.given = !spec_option.empty();
    where.spec = where.given ? fs::path(spec_option) : golden / ".." / "docs" / "spec";
    where.spec = where.spec.lexically_normal();
    where.protocol = (where.spec / ".." / ".." / "conformance" / "PROTOCOL.md").lexically_normal();
    return where;
}

spec_index spec_index::load(const spec_location& where) {
    spec_index index;
    index.dir_ = where.spec;
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto it = fs::directory_iterator(where.spec, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".md") {
            files.push_back(it->path());
        }
    }
    if (ec || files.empty()) {
        throw std::runtime_error("specification directory " + where.spec.string() +
                                 " is not readable or holds no .md file");
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        const auto name = file.filename().string();
        const auto lines = prose_lines(read_file(file));
        index.anchors_[name] = markdown_anchors(lines);
        if (name == "README.md") {
            index.repos_ = read_citation_repos(lines);
        }
        if (auto rules = read_rules(name, lines); !rules.empty()) {
            index.rules_[name] = std::move(rules);
        }
        if (auto base = read_base(lines); !base.empty()) {
            index.bases_[name] = base + ".md";
        }
    }
    for (const auto& [document, base] : index.bases_) {
        // A base must exist, and following bases must end (no document based on itself).
        std::set<std::string> seen{document};
        for (auto at = base;;) {
            if (!index.anchors_.contains(at)) {
                throw std::runtime_error(document + ": based on " + at + ", which does not exist");
            }
            if (!seen.insert(at).second) {
                throw std::runtime_error(document + ": its bases lead back to " + at);
            }
            const auto next = index.bases_.find(at);
            if (next == index.bases_.end()) {
                break;
            }
            at = next->second;
        }
    }
    if (fs::exists(where.protocol)) {
        index.anchors_[k_protocol] = markdown_anchors(prose_lines(read_file(where.protocol)));
    }
    for (const auto& [document, rules] : index.rules_) {
        for (const auto& r : rules) {
            if (document != k_common && index.resolve("", r.id) != nullptr) {
                throw std::runtime_error(document + ":" + std::to_string(r.line) + ": rule " +
                                         r.id + " is already defined in " + k_common);
            }
        }
    }
    return index;
}

std::vector<std::string> spec_index::chain(std::string_view profile) const {
    std::vector<std::string> documents;
    if (!profile.empty()) {
        for (std::string at = std::string(profile) + ".md";;) {
            documents.push_back(at);
            const auto base = bases_.find(at);
            if (base == bases_.end()) {
                break;
            }
            at = base->second;
        }
    }
    documents.push_back(k_common);
    return documents;
}

const spec_rule* spec_index::resolve(std::string_view profile, std::string_view id) const {
    for (const auto& document : chain(profile)) {
        if (const auto it = rules_.find(document); it != rules_.end()) {
            for (const auto& r : it->second) {
                if (r.id == id) {
                    return &r;
                }
            }
        }
    }
    return nullptr;
}

std::vector<const spec_rule*> spec_index::rules_of(std::string_view profile) const {
    // From common.md to the profile's own document; a later document's rule replaces the
    // earlier one of the same id where it stands.
    auto documents = chain(profile);
    std::reverse(documents.begin(), documents.end());
    std::vector<const spec_rule*> out;
    std::map<std::string, std::size_t> at;
    for (const auto& document : documents) {
        if (const auto it = rules_.find(document); it != rules_.end()) {
            for (const auto& r : it->second) {
                if (const auto seen = at.find(r.id); seen != at.end()) {
                    out[seen->second] = &r;
                } else {
                    at.emplace(r.id, out.size());
                    out.push_back(&r);
                }
            }
        }
    }
    return out;
}

bool spec_index::has_document(std::string_view file) const {
    return anchors_.contains(file);
}

bool spec_index::has_anchor(std::string_view file, std::string_view anchor) const {
    const auto it = anchors_.find(file);
    return it != anchors_.end() && it->second.contains(std::string(anchor));
}

}  // namespace conformance
