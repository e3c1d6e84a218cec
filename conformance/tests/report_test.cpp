// SPDX-License-Identifier: Apache-2.0
// Reports read back, merged, compared and rendered as HTML: the JSON round trip, what makes a
// merge refuse its input, the escaping of the HTML pages, the matrix's disagreements, and the
// merge and matrix commands end to end against the fake implementations of tests/golden.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "app/conformance_app.hpp"
#include "report/html_reporter.hpp"
#include "report/json_reporter.hpp"
#include "report/matrix_reporter.hpp"
#include "report/report_merger.hpp"
#include "report/report_reader.hpp"
#include "report/verdict_matrix.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

// Output an implementation may produce and every report must survive.
const std::string k_hostile = "</pre><script>alert(1)</script> & \xff\xfe \x01 \"q\" 'a'";

case_result result(const std::string& id, verdict v, std::vector<std::string> tags = {"t"}) {
    case_result r;
    r.id = id;
    r.outcome = v;
    r.tags = std::move(tags);
    r.duration = std::chrono::milliseconds(7);
    if (v == verdict::failed) {
        r.failures.push_back({"stdout", "differs " + k_hostile,
                              "--- expected/stdout\n+++ actual stdout\n@@ -1 +1 @@\n-" + k_hostile +
                                  "\n+b\njson: value differs at $.a: expected 1, got 3\n"});
        r.stderr_tail = "stderr " + k_hostile + "\n";
        r.reproduce = "falco-conformance --impl 'x' --case " + id + " --keep-workdir";
    } else if (v != verdict::passed) {
        r.reason = "because " + k_hostile;
    }
    return r;
}

run_report report_of(std::vector<case_result> results, std::optional<shard_spec> shard,
                     std::size_t total) {
    run_report r;
    r.suite_version = "9.9.9";
    r.profile = "0.44";
    r.impl = "/bin/impl --flag <x>";
    r.golden_dir = "/golden";
    r.golden_digest = "fnv1a64:0000000000000001";
    r.selection = {"--tag", "t"};
    r.selected_total = total;
    r.shard = shard;
    r.duration = std::chrono::milliseconds(1234);
    r.results = std::move(results);
    for (const auto& c : r.results) {
        r.counts.add(c.outcome);
    }
    r.exit_code = exit_code_of(r.counts);
    return r;
}

// Ids for a shard of 3, found by asking the shard (the assignment is a hash).
std::vector<std::string> ids_of_shard(unsigned k, std::size_t n) {
    std::vector<std::string> ids;
    for (int i = 0; ids.size() < n; ++i) {
        const auto id = "0.44/area/case_" + std::to_string(i);
        if (shard_spec{k, 3}.contains(id)) {
            ids.push_back(id);
        }
    }
    return ids;
}

std::vector<named_report> three_shards() {
    std::vector<named_report> shards;
    const verdict kinds[] = {verdict::passed, verdict::failed, verdict::not_applicable};
    for (unsigned k = 1; k <= 3; ++k) {
        std::vector<case_result> results;
        for (const auto& id : ids_of_shard(k, 2)) {
            results.push_back(result(id, kinds[k - 1]));
        }
        shards.push_back(
            {"shard" + std::to_string(k) + ".json", report_of(results, shard_spec{k, 3}, 6)});
    }
    return shards;
}

fs::path temp_path(const std::string& name) {
    return fs::temp_directory_path() /
           ("conformance-report-test-" + std::to_string(getpid()) + "-" + name);
}

std::string merge_error(std::vector<named_report> shards) {
    try {
        merge_reports(shards);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(merged)";
}

int count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

struct app_output {
    int code;
    std::string out, err;
};

app_output app(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = run_app("falco-conformance", args, out, err);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST(json_report, reads_back_what_it_wrote) {
    auto written = report_of({result("0.44/a/x", verdict::failed),
                              result("0.44/a/y", verdict::expected_failure, {"t", "u"}),
                              result("0.44/a/z", verdict::passed)},
                             shard_spec{2, 5}, 11);
    written.warnings = {"w.txt:1: feature 'x' is needed by no selected case"};
    written.results[1].declared_by_implementation = true;
    invocation how;
    how.argv = {"/bin/impl", "-c", "falco.yaml"};
    how.env = {{"TZ", "UTC0"}, {"HOME", "/tmp/w"}};
    how.cwd = "/tmp/w";
    how.config = "stdout_output: {enabled: true}\n";
    how.notes = {"mock-http listened on http://127.0.0.1:1/"};
    written.results[0].launched = how;
    const auto file = temp_path("roundtrip.json");
    write_json_report(file, written);
    const auto read = read_json_report(file);
    EXPECT_EQ(read.suite_version, "9.9.9");
    EXPECT_EQ(read.impl, written.impl);
    EXPECT_EQ(read.golden_digest, written.golden_digest);
    EXPECT_EQ(read.selection, written.selection);
    EXPECT_EQ(read.selected_total, 11u);
    EXPECT_EQ(read.shard, (shard_spec{2, 5}));
    EXPECT_EQ(read.warnings, written.warnings);
    EXPECT_EQ(read.duration.count(), 1234);
    EXPECT_EQ(read.exit_code, 1);
    ASSERT_EQ(read.results.size(), 3u);
    EXPECT_EQ(read.results[0].failures.size(), 1u);
    EXPECT_EQ(read.results[0].failures[0].what, "stdout");
    // Raw bytes come back as the visible text the report holds (\xFF), valid UTF-8.
    EXPECT_NE(read.results[0].failures[0].detail.find("\\xff\\xfe \\x01"), std::string::npos);
    ASSERT_TRUE(read.results[0].launched);
    EXPECT_EQ(read.results[0].launched->argv, how.argv);
    EXPECT_EQ(read.results[0].launched->env, how.env);
    EXPECT_EQ(read.results[0].launched->cwd, how.cwd);
    EXPECT_EQ(read.results[0].launched->config, how.config);
    EXPECT_EQ(read.results[0].launched->notes, how.notes);
    EXPECT_EQ(read.results[1].tags, (std::vector<std::string>{"t", "u"}));
    EXPECT_TRUE(read.results[1].declared_by_implementation);
    EXPECT_EQ(read.results[2].outcome, verdict::passed);
    fs::remove(file);
}

TEST(json_report, a_corrupt_report_is_an_error_naming_the_file) {
    const auto file = temp_path("corrupt.json");
    const std::pair<std::string, std::string> cases[] = {
        {"{\"tool\": \"falco-conformance\", ", "not valid JSON at byte"},
        {"[1, 2]", "not a falco-conformance JSON report"},
        {"{\"tool\": \"other\"}", "not a falco-conformance JSON report"},
        {"{\"tool\": \"falco-conformance\"}", "missing $.suite_version"},
        {"\xff\xfe", "not valid JSON"},
    };
    for (const auto& [content, message] : cases) {
        write_file(file, content);
        try {
            read_json_report(file);
            ADD_FAILURE() << "read: " << content;
        } catch (const std::runtime_error& e) {
            EXPECT_EQ(std::string(e.what()).find(file.string() + ": "), 0u) << e.what();
            EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
        }
    }
    // Counts that contradict the cases: edited by hand, or cut short.
    write_json_report(file, report_of({result("0.44/a/x", verdict::passed)}, std::nullopt, 1));
    auto text = read_file(file);
    text.replace(text.find("\"passed\": 1"), 11, "\"passed\": 2");
    write_file(file, text);
    EXPECT_THROW(
        {
            try {
                read_json_report(file);
            } catch (const std::runtime_error& e) {
                EXPECT_NE(std::string(e.what()).find("$.counts.passed is 2 but 1 cases"),
                          std::string::npos)
                    << e.what();
                throw;
            }
        },
        std::runtime_error);
    EXPECT_THROW(read_json_report(temp_path("absent.json")), std::runtime_error);
    fs::remove(file);
}

TEST(merge, the_shards_of_one_run_make_the_whole_run) {
    const auto merged = merge_reports(three_shards());
    ASSERT_EQ(merged.results.size(), 6u);
    EXPECT_TRUE(std::is_sorted(merged.results.begin(), merged.results.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
    EXPECT_EQ(merged.counts.passed, 2u);
    EXPECT_EQ(merged.counts.failed, 2u);
    EXPECT_EQ(merged.counts.not_applicable, 2u);
    EXPECT_EQ(merged.exit_code, 1);
    EXPECT_FALSE(merged.shard);
    EXPECT_EQ(merged.merged_from,
              (std::vector<std::string>{"shard1.json", "shard2.json", "shard3.json"}));
    EXPECT_EQ(merged.duration.count(), 1234);
}

TEST(merge, refuses_reports_that_are_not_the_shards_of_one_run) {
    auto shards = three_shards();
    EXPECT_NE(merge_error({shards[0], shards[1]}).find("shard 3/3 missing"), std::string::npos);
    EXPECT_NE(merge_error({shards[0], shards[1], shards[1]})
                  .find("shard2.json: shard 2/3 overlaps shard2.json"),
              std::string::npos);
    const std::pair<void (*)(run_report&), std::string> changes[] = {
        {[](run_report& r) { r.profile = "legacy"; }, "shard3.json: profile 'legacy' differs"},
        {[](run_report& r) { r.suite_version = "1.0"; }, "shard3.json: suite version '1.0'"},
        {[](run_report& r) { r.golden_digest = "fnv1a64:2"; }, "shard3.json: golden tree"},
        {[](run_report& r) { r.impl = "other"; }, "shard3.json: implementation 'other'"},
        {[](run_report& r) { r.selection = {}; }, "shard3.json: selection '(all cases)'"},
        {[](run_report& r) {
             r.shard = shard_spec{3, 4};
         },
         "shard3.json: shard count '4'"},
        {[](run_report& r) { r.results.pop_back(); }, "the reports hold 5 cases, but 6"},
        {[](run_report& r) { r.results.push_back(result(ids_of_shard(1, 1)[0], verdict::passed)); },
         "does not belong to shard 3/3"},
        {[](run_report& r) { r.merged_from = {"x"}; }, "shard3.json: already a merged report"},
    };
    for (const auto& [change, message] : changes) {
        auto copy = shards;
        change(copy[2].report);
        EXPECT_NE(merge_error(copy).find(message), std::string::npos)
            << merge_error(copy) << " / " << message;
    }
    auto twice = shards;
    twice[2].report.results.push_back(twice[2].report.results.front());
    EXPECT_NE(merge_error(twice).find("is also in shard3.json"), std::string::npos)
        << merge_error(twice);
}

TEST(html_report, escapes_everything_and_counts_each_verdict) {
    auto report =
        report_of({result("0.44/a/x", verdict::failed, {"http", "json"}),
                   result("0.44/a/y", verdict::failed, {"http"}),
                   result("0.44/a/z", verdict::passed), result("0.44/b/<w>", verdict::skipped)},
                  shard_spec{1, 2}, 9);
    report.impl = k_hostile;
    const auto page = html_report(report);
    // Nothing an implementation printed can open a tag: the only <script> is the page's own.
    EXPECT_EQ(count(page, "<script"), 1) << page;
    EXPECT_EQ(count(page, "</pre><script>"), 0);
    EXPECT_NE(page.find("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\xff\\xfe \\x01 "
                        "&quot;q&quot; &apos;a&apos;"),
              std::string::npos);
    EXPECT_EQ(page.find('\xff'), std::string::npos);
    EXPECT_EQ(page.find('\x01'), std::string::npos);
    EXPECT_NE(page.find("0.44/b/&lt;w&gt;"), std::string::npos);
    // No external asset.
    EXPECT_EQ(page.find("src="), std::string::npos);
    EXPECT_EQ(page.find("href=\"http"), std::string::npos);
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_EQ(count(page, "<tr class=\"case v-failed\""), 2);
    EXPECT_EQ(count(page, "<tr class=\"case v-passed\""), 1);
    EXPECT_EQ(count(page, "<tr class=\"case v-skipped\""), 1);
    EXPECT_NE(page.find("data-verdict=\"failed\" href=\"#verdict=failed\">failed <b "
                        "class=\"count\">2</b>"),
              std::string::npos);
    EXPECT_NE(page.find("<option>http</option><option>json</option><option>t</option>"),
              std::string::npos);
    // Each failure: the diff lines, the JSON explanation apart, the reproduce line to copy.
    EXPECT_NE(page.find("<span class=\"del\">-&lt;/pre&gt;"), std::string::npos);
    EXPECT_NE(page.find("<pre class=\"json\">json: value differs at $.a: expected 1, got 3\n"),
              std::string::npos);
    EXPECT_EQ(count(page, "<button class=\"copy\""), 2);
    EXPECT_NE(page.find("<code>falco-conformance --impl &apos;x&apos; --case 0.44/a/x "
                        "--keep-workdir</code>"),
              std::string::npos);
    EXPECT_NE(page.find("shard 1/2: 4 cases"), std::string::npos);
}

TEST(matrix, disagreements_first_and_counted) {
    const std::vector<named_report> reports{
        {"a.json",
         report_of({result("0.44/a/1", verdict::passed), result("0.44/a/2", verdict::passed),
                    result("0.44/a/3", verdict::failed)},
                   std::nullopt, 3)},
        {"b.json",
         report_of({result("0.44/a/1", verdict::passed), result("0.44/a/2", verdict::failed),
                    result("0.44/a/3", verdict::failed), result("0.44/a/4", verdict::passed)},
                   std::nullopt, 4)}};
    const auto m = verdict_matrix::build(reports);
    EXPECT_EQ(m.disagreements, 1u);
    ASSERT_EQ(m.rows.size(), 4u);
    EXPECT_EQ(m.rows[0].id, "0.44/a/2");
    EXPECT_TRUE(m.rows[0].disagrees);
    EXPECT_EQ(m.rows[1].id, "0.44/a/1");
    EXPECT_EQ(m.rows[3].id, "0.44/a/4");
    EXPECT_EQ(m.rows[3].cells[0], nullptr);  // not selected in a.json: no disagreement
    const auto page = matrix_html(reports);
    EXPECT_NE(page.find("<b id=\"disagreement-count\">1</b>"), std::string::npos);
    EXPECT_EQ(count(page, "<tr class=\"disagrees\">"), 1);
    EXPECT_EQ(count(page, "class=\"cell v-none\""), 1);
    EXPECT_NE(page.find("/bin/impl --flag &lt;x&gt;"), std::string::npos);

    auto shard = reports;
    shard[1].report.shard = shard_spec{1, 2};
    EXPECT_THROW(matrix_html(shard), std::runtime_error);
}

// --shard, merge and matrix through the command line, with the harness's fake implementation.
TEST(report_commands, shards_merge_into_the_unsharded_run) {
    const std::string fake = std::string(CONFORMANCE_FAKE_IMPL) + " auto";
    const std::vector<std::string> base{"--golden", CONFORMANCE_TEST_GOLDEN, "--impl", fake,
                                        "--case",   "0.44/stdout",           "--case", "0.44/file"};
    auto with = [&](std::vector<std::string> extra) {
        auto args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    const auto whole = temp_path("whole.json");
    EXPECT_EQ(app(with({"--json", whole.string()})).code, 1);
    std::vector<std::string> merge_args{"merge"};
    for (int k = 1; k <= 3; ++k) {
        const auto shard = temp_path("s" + std::to_string(k) + ".json");
        const auto r = app(with({"--shard", std::to_string(k) + "/3", "--json", shard.string()}));
        EXPECT_NE(r.out.find("shard " + std::to_string(k) + "/3: "), std::string::npos) << r.out;
        merge_args.push_back(shard.string());
    }
    const auto merged = temp_path("merged.json");
    const auto html = temp_path("merged.html");
    auto args = merge_args;
    args.insert(args.end(), {"--json", merged.string(), "--html", html.string()});
    const auto r = app(args);
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("merged 3 shard reports: 3 cases of profile 0.44"), std::string::npos)
        << r.out;
    const auto a = read_json_report(whole);
    const auto b = read_json_report(merged);
    ASSERT_EQ(a.results.size(), b.results.size());
    for (std::size_t i = 0; i < a.results.size(); ++i) {
        EXPECT_EQ(a.results[i].id, b.results[i].id);
        EXPECT_EQ(a.results[i].outcome, b.results[i].outcome) << a.results[i].id;
    }
    EXPECT_NE(read_file(html).find("merged from"), std::string::npos);

    // A missing shard, a corrupt file: exit 2, naming what is wrong.
    const auto missing = app({"merge", merge_args[1], merge_args[2]});
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.err.find("shard 3/3 missing"), std::string::npos) << missing.err;
    write_file(merge_args[3], "{");
    const auto corrupt = app(merge_args);
    EXPECT_EQ(corrupt.code, 2);
    EXPECT_NE(corrupt.err.find(merge_args[3] + ": not valid JSON"), std::string::npos)
        << corrupt.err;

    // The matrix of the unsharded run and the merge: they agree everywhere.
    const auto grid = temp_path("matrix.html");
    const auto m = app({"matrix", whole.string(), merged.string(), "--html", grid.string()});
    EXPECT_EQ(m.code, 0) << m.err;
    EXPECT_NE(m.out.find("2 implementations, 3 cases, 0 where they disagree"), std::string::npos)
        << m.out;
    EXPECT_EQ(app({"matrix", whole.string()}).code, 2);
    EXPECT_EQ(app({"merge"}).code, 2);
    EXPECT_EQ(app({"merge", whole.string(), "--bogus", "x"}).code, 2);
    for (const auto& f : {whole, merged, html, grid}) {
        fs::remove(f);
    }
    for (std::size_t i = 1; i < merge_args.size(); ++i) {
        fs::remove(merge_args[i]);
    }
}

}  // namespace conformance
