// SPDX-License-Identifier: Apache-2.0
// The specification side of the harness: reading docs/spec (rules, anchors, citation forms),
// validating a case's `rules:` and provenance against it (--check), and the traceability
// matrix (falco-conformance trace). Each test builds a small repository in a temporary
// directory: docs/spec, conformance/PROTOCOL.md and golden/.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "app/conformance_app.hpp"
#include "cases/case_loader.hpp"
#include "cases/citation_check.hpp"
#include "cases/spec_index.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_readme = R"(# Specification

| form | what it names |
|---|---|
| `falco@TAG:path:line[-line]` | falcosecurity/falco |
| `libs@TAG:path:line[-line]` | falcosecurity/libs |

```
- <a id="in.a.fence"></a>**`in.a.fence`** not a rule: an example inside a code block
```
)";

constexpr const char* k_common = R"(# Rules common to every profile

## 1. Text line

- <a id="text.shape"></a>**`text.shape`** The line is the time, the priority and the message. (`falco@0.44.1:userspace/engine/formats.cpp:47-77`)
- <a id="text.offset"></a>**`text.offset`** The offset is today's. (`libs@0.25.4:userspace/libsinsp/utils.cpp:837-874`)
  *Not asserted:* the harness pins a fixed-offset zone.

## 2. Channels

- <a id="file.mode"></a>**`file.mode`** A new file gets 0666 minus the umask. (`falco@0.44.1:userspace/falco/outputs_file.cpp:22-32`)
)";

constexpr const char* k_profile = R"(# Profile `0.44`: Falco 0.44.1

## 5. JSON

### 5.3 String escaping

- <a id="json.escape"></a>**`json.escape`** Control bytes are escaped. (`falco@0.44.1:userspace/engine/formats.cpp:161`)
- <a id="daemon.fork"></a>**`daemon.fork`** There is no -d. (`falco@0.44.1:userspace/falco/app/options.cpp:57-68`)
)";

constexpr const char* k_protocol = "# The alert contract\n\n## 2. Alerts\n\nText.\n";

class spec_trace_test : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "spec-test.XXXXXX").string();
        root_ = mkdtemp(pattern.data());
        fs::create_directories(root_ / "docs/spec");
        fs::create_directories(root_ / "conformance");
        write_file(root_ / "docs/spec/README.md", k_readme);
        write_file(root_ / "docs/spec/common.md", k_common);
        write_file(root_ / "docs/spec/0.44.md", k_profile);
        write_file(root_ / "conformance/PROTOCOL.md", k_protocol);
    }
    void TearDown() override { fs::remove_all(root_); }

    spec_index spec() const { return spec_index::load(locate_spec(root_ / "golden", "")); }

    // Writes golden/0.44/<area>/<name>/case.yaml with these rules and provenance lines.
    void write_case(const std::string& id, const std::string& rules,
                    const std::string& provenance = "docs/spec/common.md#text.shape: the line") {
        const auto dir = root_ / "golden" / id;
        fs::create_directories(dir);
        write_file(dir / "case.yaml", "description: d\nprovenance:\n  - \"" + provenance + "\"\n" +
                                          rules + "config: |\n  stdout_output: {enabled: true}\n");
    }

    struct result {
        int code;
        std::string out, err;
    };
    result run(const std::vector<std::string>& args) const {
        std::ostringstream out, err;
        const int code = run_app("falco-conformance", args, out, err);
        return {code, out.str(), err.str()};
    }

    std::vector<std::string> problems(const std::string& line) const {
        return citation_problems(line, spec());
    }

    fs::path root_;
};

}  // namespace

TEST(heading_slug, follows_github) {
    EXPECT_EQ(heading_slug("5.3 String escaping"), "53-string-escaping");
    EXPECT_EQ(heading_slug("3. End of input, signals, exit"), "3-end-of-input-signals-exit");
    EXPECT_EQ(heading_slug("Profile `0.44`: Falco 0.44.1"), "profile-044-falco-0441");
}

TEST(valid_rule_id, two_to_five_lower_case_segments) {
    EXPECT_TRUE(valid_rule_id("file.keep_alive.string"));
    EXPECT_TRUE(valid_rule_id("config.o.path.errors"));
    EXPECT_FALSE(valid_rule_id("file"));
    EXPECT_FALSE(valid_rule_id("File.mode"));
    EXPECT_FALSE(valid_rule_id("a.b.c.d.e.f"));
    EXPECT_FALSE(valid_rule_id("file..mode"));
}

TEST_F(spec_trace_test, rules_resolve_per_profile_and_carry_their_reason) {
    const auto s = spec();
    ASSERT_NE(s.resolve("0.44", "json.escape"), nullptr);
    EXPECT_EQ(s.resolve("0.44", "json.escape")->document, "0.44.md");
    EXPECT_EQ(s.resolve("0.44", "text.shape")->document, "common.md");
    EXPECT_EQ(s.resolve("0.44", "text.shape")->line, 5);
    EXPECT_EQ(s.resolve("legacy", "json.escape"), nullptr);
    EXPECT_EQ(s.resolve("0.44", "in.a.fence"), nullptr);
    EXPECT_EQ(s.resolve("0.44", "text.offset")->not_asserted,
              "the harness pins a fixed-offset zone.");
    std::vector<std::string> ids;
    for (const auto* r : s.rules_of("0.44")) {
        ids.push_back(r->id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"text.shape", "text.offset", "file.mode",
                                             "json.escape", "daemon.fork"}));
    EXPECT_EQ(s.citation_repos(), (std::set<std::string>{"falco", "libs"}));
    EXPECT_TRUE(s.has_anchor("0.44.md", "53-string-escaping"));
    EXPECT_TRUE(s.has_anchor("conformance/PROTOCOL.md", "2-alerts"));
    EXPECT_FALSE(s.has_anchor("README.md", "in.a.fence"));
}

TEST_F(spec_trace_test, a_rule_defined_twice_is_an_error_naming_file_and_line) {
    write_file(root_ / "docs/spec/0.44.md",
               std::string(k_profile) + "- <a id=\"text.shape\"></a>**`text.shape`** again.\n");
    try {
        spec();
        FAIL() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "0.44.md:9: rule text.shape is already defined in common.md");
    }
}

TEST_F(spec_trace_test, citations_that_resolve_pass) {
    EXPECT_EQ(problems("docs/spec/common.md#text.shape, docs/spec/0.44.md#53-string-escaping: "
                       "the line (falco@0.44.1:userspace/engine/formats.cpp:47-77, "
                       "libs@0.25.4:a/b.cpp:1)."),
              std::vector<std::string>{});
    EXPECT_EQ(problems("conformance/PROTOCOL.md#2-alerts: valid lines"),
              std::vector<std::string>{});
    EXPECT_EQ(problems("the page says so (doc:\"Falco Alerts\"@0.15, File Output)"),
              std::vector<std::string>{});
}

TEST_F(spec_trace_test, citations_that_do_not_resolve_are_named) {
    EXPECT_EQ(problems("docs/spec/common.md#text.nope: x"),
              std::vector<std::string>{
                  "docs/spec/common.md#text.nope: common.md has no rule or heading text.nope"});
    EXPECT_EQ(
        problems("docs/spec/legacy.md#text.shape: x")[0].find("docs/spec/legacy.md#text.shape: "
                                                              "no such file in "),
        0u);
    EXPECT_EQ(problems("conformance/PROTOCOL.md#9-nothing: x"),
              std::vector<std::string>{"conformance/PROTOCOL.md#9-nothing: no such section"});
    EXPECT_EQ(problems("PROTOCOL.md 2: x (falco@0.44.1:a.cpp:1)"),
              std::vector<std::string>{
                  "'PROTOCOL.md': cite the contract as conformance/PROTOCOL.md#<section slug>"});
    EXPECT_EQ(
        problems("x (falco@0.44.1:userspace/a.cpp)"),
        std::vector<std::string>{"'falco@0.44.1:userspace/a.cpp)' is not a citation of the form "
                                 "repo@tag:path:line[-line]"});
    EXPECT_EQ(problems("x (falco@0.15.3:userspace/a.lua:26,66)"),
              std::vector<std::string>{"'falco@0.15.3:userspace/a.lua:26,66)' cites more than one "
                                       "line or range: write one citation per range"});
    EXPECT_EQ(problems("x (glibc@2.36:misc/syslog.c:1)"),
              std::vector<std::string>{"'glibc@2.36:misc/syslog.c:1' names the unknown repository "
                                       "glibc (docs/spec/README.md, Citations)"});
    EXPECT_EQ(problems("x (falco@0.44.1:a.cpp:9-3)"),
              std::vector<std::string>{"'falco@0.44.1:a.cpp:9-3' has a line range that runs "
                                       "backwards"});
    EXPECT_EQ(problems("the line is the time and the message"),
              std::vector<std::string>{
                  "cites nothing: name a rule (docs/spec/<file>.md#<id>), Falco's source "
                  "(repo@tag:path:line) or doc:\"Falco Alerts\"@0.15"});
}

TEST_F(spec_trace_test, material_outside_the_repository_is_refused) {
    for (const auto* name :
         {"notes.md f", "profile-notes.md 2.d", "outputs-facts.md 4", "replay-notes.md Types",
          "../elsewhere/notes", "seed: file output", "the seed page", "facts 1.2"}) {
        const auto p = problems(std::string(name) + " (falco@0.44.1:a.cpp:1)");
        ASSERT_FALSE(p.empty()) << name;
        EXPECT_NE(p[0].find("names material outside the repository"), std::string::npos) << p[0];
    }
}

TEST_F(spec_trace_test, rules_key_is_loaded_and_its_shape_checked) {
    write_case("0.44/text/ok", "rules:\n  - text.shape\n  - json.escape\n");
    write_case("0.44/text/bad_id", "rules:\n  - Text.Shape\n");
    write_case("0.44/text/twice", "rules:\n  - text.shape\n  - text.shape\n");
    write_case("0.44/text/empty", "rules: []\n");
    const case_loader loader(root_ / "golden");
    const auto ok = loader.load_case(root_ / "golden/0.44/text/ok");
    ASSERT_EQ(ok.load_error, "");
    ASSERT_EQ(ok.rules.size(), 2u);
    EXPECT_EQ(ok.rules[1].text, "json.escape");
    EXPECT_EQ(ok.rules[1].line, 6);
    EXPECT_EQ(ok.provenance[0].line, 3);
    const auto suffix = [&](const std::string& id) {
        const auto e = loader.load_case(root_ / "golden" / id).load_error;
        return e.substr(e.find("case.yaml"));
    };
    EXPECT_EQ(
        suffix("0.44/text/bad_id"),
        "case.yaml:5: rules[0]: 'Text.Shape' is not a rule id (docs/spec/README.md, Rule ids)");
    EXPECT_EQ(suffix("0.44/text/twice"), "case.yaml:6: rules[1]: text.shape is listed twice");
    EXPECT_EQ(suffix("0.44/text/empty"), "case.yaml:4: rules: needs at least one rule id");
}

TEST_F(spec_trace_test, check_rejects_unknown_rules_and_citations_naming_file_line_and_key) {
    write_case("0.44/text/ok", "rules:\n  - text.shape\n");
    write_case("0.44/text/no_rules", "");
    write_case("0.44/text/other_profile", "rules:\n  - text.shape\n  - legacy.only\n");
    write_case("0.44/text/bad_cite", "rules:\n  - text.shape\n", "notes.md a: the line");
    const auto golden = (root_ / "golden").string();
    const auto r = run({"--check", "--golden", golden});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.out.find(golden + "/0.44/text/no_rules/case.yaml: rules: is required: list the "
                                  "docs/spec rule ids the case asserts\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(golden + "/0.44/text/other_profile/case.yaml:6: rules[1]: legacy.only is "
                                  "no rule of profile 0.44 (neither docs/spec/0.44.md nor "
                                  "docs/spec/common.md defines it)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(golden + "/0.44/text/bad_cite/case.yaml:3: provenance[0]: "
                                  "'notes.md' names material outside the repository\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("1 cases valid, 3 with errors; rules and citations checked against " +
                         (root_ / "docs/spec").string() + "\n"),
              std::string::npos)
        << r.out;
}

TEST_F(spec_trace_test, check_without_a_specification_checks_the_schema_only) {
    write_case("0.44/text/no_rules", "");
    fs::remove_all(root_ / "docs");
    const auto r = run({"--check", "--golden", (root_ / "golden").string()});
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("1 cases valid, 0 with errors; no specification at " +
                         (root_ / "docs/spec").string() +
                         ", so rules and citations were not checked (--spec DIR)"),
              std::string::npos)
        << r.out;
    // Named with --spec, a missing specification is an error.
    EXPECT_EQ(run({"--check", "--golden", (root_ / "golden").string(), "--spec",
                   (root_ / "nothing").string()})
                  .code,
              2);
}

TEST_F(spec_trace_test, trace_lists_cases_per_rule_then_reasons_and_gaps) {
    write_case("0.44/text/a", "rules:\n  - text.shape\n  - json.escape\n");
    write_case("0.44/json/b", "rules:\n  - json.escape\n");
    const auto out_file = root_ / "TRACEABILITY.md";
    const auto r =
        run({"trace", "--golden", (root_ / "golden").string(), "--write", out_file.string()});
    EXPECT_EQ(r.code, 1) << r.err;  // daemon.fork and file.mode have neither a case nor a reason
    EXPECT_EQ(read_file(out_file), r.out);
    EXPECT_NE(r.out.find("Generated by `falco-conformance trace --write "
                         "docs/spec/TRACEABILITY.md`; do not edit."),
              std::string::npos);
    EXPECT_NE(r.out.find("## Profile `0.44`\n\nProfile 0.44: 5 rules, 2 asserted, 1 not asserted "
                         "with a reason, 2 gaps.\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find(
            "| [`json.escape`](0.44.md#json.escape) | `0.44.md` | `0.44/json/b`, `0.44/text/a` |"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("| [`text.shape`](common.md#text.shape) | `common.md` | `0.44/text/a` |"),
              std::string::npos);
    EXPECT_NE(r.out.find("| [`text.offset`](common.md#text.offset) | `common.md` | the harness "
                         "pins a fixed-offset zone. |"),
              std::string::npos);
    EXPECT_NE(r.out.find("| [`daemon.fork`](0.44.md#daemon.fork) | `0.44.md` | **gap**: no case "
                         "asserts it and its document gives no reason |"),
              std::string::npos);
    EXPECT_NE(
        r.err.find("Profile 0.44: 5 rules, 2 asserted, 1 not asserted with a reason, 2 gaps."),
        std::string::npos);
}

TEST_F(spec_trace_test, trace_exits_0_without_gaps_and_2_on_errors) {
    write_case("0.44/text/a",
               "rules:\n  - text.shape\n  - json.escape\n  - file.mode\n  - "
               "daemon.fork\n");
    const auto golden = (root_ / "golden").string();
    EXPECT_EQ(run({"trace", "--golden", golden}).code, 0);
    write_case("0.44/text/b", "rules:\n  - no.such\n");
    const auto r = run({"trace", "--golden", golden});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("rules[0]: no.such is no rule of profile 0.44"), std::string::npos)
        << r.err;
    EXPECT_EQ(run({"trace", "--golden", golden, "--bogus"}).code, 2);
    EXPECT_EQ(run({"trace", "--golden", golden, "--spec", (root_ / "none").string()}).code, 2);
}

}  // namespace conformance
