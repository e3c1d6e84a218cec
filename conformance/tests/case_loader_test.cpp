// SPDX-License-Identifier: Apache-2.0
#include "case_loader.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

// A golden root in a temporary directory, with cases written by each test.
class case_loader_test : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "loader-test.XXXXXX").string();
        root_ = mkdtemp(pattern.data());
    }
    void TearDown() override { fs::remove_all(root_); }

    golden_case load(const std::string& yaml, const std::string& id = "0.44/file/c") {
        const auto dir = root_ / id;
        fs::create_directories(dir / "expected");
        write_file(dir / "case.yaml", yaml);
        write_file(dir / "alerts.jsonl", "{}\n{}\n");
        write_file(dir / "expected/out", "x\n");
        return case_loader(root_).load_case(dir);
    }

    // The load error, with the temporary root replaced by <root>.
    std::string error(const std::string& yaml) {
        auto e = load(yaml).load_error;
        for (std::size_t at; (at = e.find(root_.string())) != std::string::npos;) {
            e.replace(at, root_.string().size(), "<root>");
        }
        return e;
    }

    fs::path root_;
};

constexpr const char* k_head = "description: d\nprovenance: [\"p\"]\n";

TEST_F(case_loader_test, loads_the_readme_example) {
    const auto c = load(std::string(k_head) + R"(tags: [file, text]
env:
  TZ: "<+0530>-5:30"
args: ["-U"]
mocks:
  syslog: {}
  http: {tls: mtls, faults: ["1:status=500"]}
config: |
  file_output:
    filename: ./events.txt
steps:
  - send: all
  - send: [1, 2]
  - send: "1-2"
  - wait: {channel: file, path: events.txt, count: 2, timeout_ms: 100}
  - quiet: {channel: stdout, window_ms: 50, count: 1}
  - check: {channel: stdout, equals: expected/out}
  - rename: {from: a, to: b}
  - delete: {path: b}
  - mkdir: {path: d, mode: "0755"}
  - chmod: {path: d, mode: 0700}
  - signal: {name: USR1, target: group}
  - close_stdin
  - wait_exit: {code: 0}
expect:
  exit_code: 0
  stdout: expected/out
  stdout_stats: unordered
  stderr: ["^x"]
  stderr_absent: ["y"]
  files: {events.txt: expected/out}
  files_absent: [gone.txt]
  syslog: expected/out
  program: expected/out
  http: expected/out
  http_connections: 1
  count: {stdout: 3, "file:events.txt": 2}
)");
    ASSERT_EQ(c.load_error, "");
    EXPECT_EQ(c.id, "0.44/file/c");
    EXPECT_EQ(c.profile, "0.44");
    EXPECT_EQ(c.channel, "file");
    EXPECT_EQ(c.tags, (std::vector<std::string>{"file", "text"}));
    EXPECT_TRUE(c.syslog_mock);
    EXPECT_EQ(c.http_mock->tls, "mtls");
    ASSERT_EQ(c.steps.size(), 13u);
    EXPECT_TRUE(c.steps[0].lines.empty());
    EXPECT_EQ(c.steps[2].lines, (std::vector<int>{1, 2}));
    EXPECT_EQ(c.steps[3].timeout, std::chrono::milliseconds(100));
    EXPECT_EQ(c.steps[9].mode, 0700u);
    EXPECT_TRUE(c.steps[10].to_group);
    EXPECT_EQ(c.steps[12].exit_code, 0);
    EXPECT_TRUE(c.expect.stdout_stats_unordered);
    EXPECT_EQ(c.expect.counts.size(), 2u);
    const auto f = c.features();
    for (const auto* want :
         {"file", "text", "mock:syslog", "mock:http", "tls", "tls:mtls", "signal:USR1"}) {
        EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
    }
}

TEST_F(case_loader_test, the_channel_directory_is_a_tag) {
    EXPECT_EQ(load(std::string(k_head)).tags, (std::vector<std::string>{"file"}));
}

TEST_F(case_loader_test, schema_errors_name_file_line_and_key) {
    EXPECT_EQ(error(std::string(k_head) + "steps:\n  - wait: {channel: file, cont: 2}\n"),
              "<root>/0.44/file/c/case.yaml:4: steps[0].wait.cont: unknown key (allowed: channel, "
              "count, path, "
              "pattern, timeout_ms, unit)");
    EXPECT_EQ(error(std::string(k_head) + "steps:\n  - sleep_ms: 100\n"),
              "<root>/0.44/file/c/case.yaml:4: steps[0].sleep_ms: forbidden: use wait (a "
              "condition) or quiet (an "
              "explicit window)");
    EXPECT_EQ(error("provenance: [p]\n"), "<root>/0.44/file/c/case.yaml: description: is required");
    EXPECT_EQ(error("description: d\n"),
              "<root>/0.44/file/c/case.yaml:1: provenance: is required (at least one "
              "cited fact)");
    EXPECT_EQ(error(std::string(k_head) + "expect:\n  stdout: expected/missing\n"),
              "<root>/0.44/file/c/case.yaml:4: expect.stdout: file "
              "<root>/0.44/file/c/expected/missing does not "
              "exist");
    EXPECT_EQ(
        error(std::string(k_head) + "steps:\n  - send: [3]\n"),
        "<root>/0.44/file/c/case.yaml:4: steps[0].send: line 3 is beyond alerts.jsonl (2 lines)");
    EXPECT_EQ(error(std::string(k_head) + "config: 'url: \"{{http_url}}\"'\n"),
              "<root>/0.44/file/c/case.yaml:1: mocks: {{http_url}} needs mocks.http");
    EXPECT_EQ(error(std::string(k_head) + "bogus: 1\n"),
              "<root>/0.44/file/c/case.yaml:3: case.bogus: unknown key (allowed: args, config, "
              "daemon, description, env, expect, input, mocks, provenance, requires, steps, tags, "
              "timeout_ms)");
}

TEST_F(case_loader_test, more_schema_errors) {
    const auto has = [&](const std::string& yaml, const std::string& part) {
        const auto e = error(std::string(k_head) + yaml);
        EXPECT_NE(e.find(part), std::string::npos) << "error: " << e << "\nwanted: " << part;
    };
    has("steps:\n  - wait: {channel: file, count: 1}\n", "steps[0].wait: channel file needs path");
    has("steps:\n  - wait: {channel: tcp}\n", "steps[0].wait.channel: unknown channel tcp");
    has("steps:\n  - signal: {name: KILL}\n",
        "steps[0].signal.name: must be USR1, TERM, INT or HUP");
    has("steps:\n  - chmod: {path: x}\n", "steps[0].chmod: mode is required");
    has("steps:\n  - mkdir: {path: ../up}\n", "steps[0].mkdir.path: must be a relative path");
    has("steps:\n  - quiet: {channel: stdout}\n", "steps[0].quiet: window_ms is required");
    has("steps:\n  - jump: 1\n", "steps[0]: unknown step kind jump");
    has("steps:\n  - {send: all, wait: 1}\n", "steps[0]: a step is a mapping with exactly one key");
    has("expect:\n  stderr: [\"(\"]\n", "expect.stderr[0]: bad regex");
    has("expect:\n  exit_code: x\n", "expect.exit_code: must be an integer");
    has("mocks:\n  http: {tls: maybe}\n", "mocks.http.tls: must be false, true, untrusted or mtls");
    has("config: '{{nope}}'\n", "unknown placeholder {{nope}}");
    has("steps:\n  - send: \"3-1\"\n", "bad line range 3-1");
    has("expect:\n  count: {file: 1}\n", "expect.count.file: unknown channel");
    has("description: [\n", "case.yaml:");  // YAML syntax errors keep the file name
}

TEST_F(case_loader_test, a_profile_dir_is_listed_sorted_and_a_missing_one_is_an_error) {
    load(std::string(k_head), "0.44/file/b");
    load(std::string(k_head), "0.44/stdout/a");
    const auto cases = case_loader(root_).load_profile("0.44");
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].id, "0.44/file/b");
    EXPECT_EQ(cases[1].id, "0.44/stdout/a");
    EXPECT_THROW(case_loader(root_).load_profile("legacy"), std::runtime_error);
}

}  // namespace conformance
