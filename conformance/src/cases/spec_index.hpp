// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// One rule of docs/spec (docs/spec/README.md, "Rules"): `- <a id="ID"></a>**`ID`** statement`.
struct spec_rule {
    std::string id;
    std::string document;      // the file that defines it: "common.md", "0.44.md", ...
    int line = 0;              // 1-based line of the rule in that file
    std::string not_asserted;  // the reason of its `*Not asserted:*` line; empty when it has none
};

// GitHub's anchor for a Markdown heading ("### 5.3 String escaping" gives "53-string-escaping").
std::string heading_slug(std::string_view heading);

// Whether `id` has the shape of a rule id: lower case, 2 to 5 segments of [a-z0-9_-] joined by
// dots.
bool valid_rule_id(std::string_view id);

// Where the specification and the alert contract are read from: `--spec DIR`, else
// `<golden>/../docs/spec` (the source tree). `protocol` is conformance/PROTOCOL.md beside it.
struct spec_location {
    std::filesystem::path spec;
    std::filesystem::path protocol;
    bool given = false;  // --spec was passed: a missing directory is an error, not "no spec"
};
spec_location locate_spec(const std::filesystem::path& golden, const std::string& spec_option);

// The specification as the harness needs it: every rule per document, every anchor a citation
// may name (`docs/spec/<file>.md#<anchor>`, `conformance/PROTOCOL.md#<slug>`), and the source
// repositories of the citation forms (the `repo@...` rows of docs/spec/README.md, "Citations").
class spec_index {
public:
    // Reads every *.md of `where.spec` and, when it exists, `where.protocol`. Throws
    // std::runtime_error naming file and line for an unreadable directory, a malformed rule id,
    // an id defined twice in one document, or an id of common.md redefined by another document.
    static spec_index load(const spec_location& where);

    // The documents whose rules apply in `profile`, most specific first: `<profile>.md`, the
    // document its `Based on:` line names, that one's base, ..., common.md.
    std::vector<std::string> chain(std::string_view profile) const;

    // The rule `id` applies in `profile` as the first document of its chain that defines it
    // says; nullptr when none does.
    const spec_rule* resolve(std::string_view profile, std::string_view id) const;

    // Every rule that applies in `profile`, each id once as it resolves: common.md's first, then
    // the bases', then the profile's own, in file order.
    std::vector<const spec_rule*> rules_of(std::string_view profile) const;

    bool has_document(std::string_view file) const;  // "0.44.md"
    // `file` is a docs/spec file name ("common.md") or "conformance/PROTOCOL.md".
    bool has_anchor(std::string_view file, std::string_view anchor) const;
    const std::set<std::string>& citation_repos() const { return repos_; }
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::map<std::string, std::vector<spec_rule>, std::less<>> rules_;   // by document
    std::map<std::string, std::set<std::string>, std::less<>> anchors_;  // by document
    std::set<std::string> repos_;
    std::map<std::string, std::string, std::less<>> bases_;  // document -> its base document
};

}  // namespace conformance
