// SPDX-License-Identifier: Apache-2.0
#include "cases/case_loader.hpp"

#include <gtest/gtest.h>

#include "temp_root.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

// A golden root in a temporary directory, with cases written by each test.
class case_loader_test : public ::testing::Test {
protected:
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

    const temp_root temp_{"loader-test"};
    const fs::path& root_ = temp_.path();
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
    EXPECT_EQ(c.expect.stdout_stats, expectations::stats_order::unordered);
    EXPECT_EQ(c.expect.counts.size(), 2u);
    EXPECT_EQ(c.steps[3].observed.kind, channel::file);
    EXPECT_EQ(c.steps[3].observed.path, "events.txt");
    EXPECT_EQ(c.steps[10].sent_signal, signal_kind::usr1);
    EXPECT_EQ(c.expect.counts[1].first.key(), "file:events.txt");
    // Features come from what the case uses; its tags (`text`) select, nothing more.
    EXPECT_EQ(c.features(),
              (std::vector<std::string>{"file", "flag:-U", "http", "mock:http", "mock:syslog",
                                        "program", "signal:USR1", "stream:stderr", "stream:stdout",
                                        "syslog", "tls", "tls:mtls"}));
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
              "<root>/0.44/file/c/case.yaml:3: case.bogus: unknown key (allowed: args, "
              "by_profile, config, daemon, description, env, expect, input, mocks, profiles, "
              "provenance, requires, rules, setup, steps, tags, timeout_ms, umask)");
}

TEST_F(case_loader_test, more_schema_errors) {
    const auto has = [&](const std::string& yaml, const std::string& part) {
        const auto e = error(std::string(k_head) + yaml);
        EXPECT_NE(e.find(part), std::string::npos) << "error: " << e << "\nwanted: " << part;
    };
    has("steps:\n  - wait: {channel: file, count: 1}\n", "steps[0].wait: channel file needs path");
    has("steps:\n  - wait: {channel: tcp}\n", "steps[0].wait.channel: unknown channel tcp");
    has("steps:\n  - signal: {name: KILL}\n",
        "case.yaml:4: steps[0].signal.name: unknown signal KILL (must be USR1, TERM, INT or HUP)");
    has("steps:\n  - wait: {channel: stdout, path: x}\n",
        "steps[0].wait.path: only for channel file");
    has("steps:\n  - wait: {channel: file, path: x, unit: eof}\n",
        "steps[0].wait.unit: only for channel program");
    has("steps:\n  - wait: {channel: \"file:x\"}\n",
        "steps[0].wait.channel: unknown channel file:x (one of stdout, stderr, file, syslog, http, "
        "program)");
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
    has("expect:\n  count: {\"file:../x\": 1}\n",
        "expect.count.file:../x: file:<path> needs a relative path inside the work directory");
    has("expect:\n  count: {program_reads: 1}\n", "expect.count.program_reads: unknown channel");
    has("description: [\n", "case.yaml:");  // YAML syntax errors keep the file name
}

TEST_F(case_loader_test, loads_generators_delivery_and_setup) {
    const auto c = load(std::string(k_head) + R"yaml(mocks:
  syslog: {}
setup:
  - mkdir: {path: falco.yaml}
steps:
  - send_generated: {count: 20000, template: '{"time":1470327477{{n:09}},"m":"seq={{n}}"}'}
  - send_generated: {template: "{{fill}}", repeat: "y", bytes: 10485760, timeout_ms: 9000}
expect:
  stdout: {generate: [{template: "big {{fill}}", repeat: "x", bytes: 4}, {template: small}]}
  stdout_tail: expected/out
  files: {events.txt: {generate: [{template: "seq={{n}}", first: 3, count: 2}]}}
  delivery:
    sent: 20000
    pattern: "seq=(\\d+)"
    channels: [stdout, "file:events.txt", syslog]
    loss: allowed
    record: {default: "seq={{n}}", syslog: "s{{n}}"}
)yaml");
    ASSERT_EQ(c.load_error, "");
    ASSERT_EQ(c.setup.size(), 1u);
    EXPECT_EQ(c.setup[0].what, step::kind::mkdir);
    ASSERT_EQ(c.steps.size(), 2u);
    EXPECT_EQ(c.steps[0].generated.count, 20000u);
    EXPECT_EQ(c.steps[1].generated.bytes, 10485760u);
    EXPECT_EQ(c.steps[1].timeout, std::chrono::milliseconds(9000));
    ASSERT_TRUE(c.expect.stdout_content);
    EXPECT_EQ(c.expect.stdout_content->generated.size(), 2u);
    EXPECT_EQ(c.expect.stdout_tail->file, "expected/out");
    EXPECT_EQ(c.expect.files[0].second.generated[0].first, 3u);
    ASSERT_TRUE(c.expect.delivery);
    EXPECT_EQ(c.expect.delivery->loss, delivery_spec::loss_rule::allowed);
    EXPECT_EQ(c.expect.delivery->channels.size(), 3u);
    EXPECT_EQ(c.expect.delivery->records.at("*"), "seq={{n}}");
    EXPECT_EQ(c.expect.delivery->records.at("syslog"), "s{{n}}");
}

TEST_F(case_loader_test, generator_delivery_and_setup_errors_name_file_line_and_key) {
    EXPECT_EQ(error(std::string(k_head) + "steps:\n  - send_generated: {template: \"{{work}}\"}\n"),
              "<root>/0.44/file/c/case.yaml:4: steps[0].send_generated: unknown placeholder "
              "{{work}} (a generated line knows {{n}}, {{n:0W}} and {{fill}})");
    EXPECT_EQ(error(std::string(k_head) + "expect:\n  delivery:\n    sent: 3\n    pattern: "
                                          "\"seq=\\\\d+\"\n    channels: [stdout]\n"),
              "<root>/0.44/file/c/case.yaml:6: expect.delivery.pattern: needs a capture group "
              "for the sequence number, e.g. \"seq=(\\d+)\"");
    const auto has = [&](const std::string& yaml, const std::string& part) {
        const auto e = error(std::string(k_head) + yaml);
        EXPECT_NE(e.find(part), std::string::npos) << "error: " << e << "\nwanted: " << part;
    };
    has("steps:\n  - send_generated: {count: 3}\n",
        "steps[0].send_generated.template: is required");
    has("steps:\n  - send_generated: {template: x, cnt: 3}\n",
        "steps[0].send_generated.cnt: unknown key");
    has("steps:\n  - send_generated: {template: x, count: 0}\n",
        "steps[0].send_generated.count: must be at least 1");
    has("steps:\n  - send_generated: {template: x, count: 20000000}\n",
        "steps[0].send_generated.count: at most 10000000 lines");
    has("steps:\n  - send_generated: {template: \"{{fill}}\", repeat: x, bytes: 999999999}\n",
        "steps[0].send_generated.bytes: at most");
    has("steps:\n  - send_generated: {template: \"{{n:03}}\", count: 1000}\n",
        "steps[0].send_generated: n reaches 1000, wider than {{n:03}}");
    has("expect:\n  stdout: {generate: []}\n", "expect.stdout.generate: must be a non-empty list");
    has("expect:\n  stdout: {gen: []}\n", "expect.stdout.gen: unknown key");
    has("expect:\n  files: {a: {generate: [{template: \"{{fill}}\"}]}}\n",
        "expect.files.a.generate[0]: {{fill}} needs repeat and bytes");
    const std::string d = "expect:\n  delivery:\n    sent: 3\n    pattern: \"(\\\\d+)\"\n";
    has(d + "    channels: [stdout, tcp]\n", "expect.delivery.channels[1]: unknown channel tcp");
    has(d + "    channels: [stderr]\n",
        "expect.delivery.channels[0]: unknown channel stderr (one of stdout, file:<path>, syslog, "
        "http, program)");
    has(d + "    channels: [program_eof]\n", "expect.delivery.channels[0]: unknown channel");
    has(d + "    channels: [stdout, stdout]\n",
        "expect.delivery.channels[0]: stdout is listed twice");
    has(d + "    channels: [\"file:../x\"]\n", "expect.delivery.channels[0]: file:<path> needs");
    has(d + "    channels: []\n", "expect.delivery.channels: needs at least one channel");
    has(d + "    channels: [syslog]\n",
        "expect.delivery.channels: channel syslog needs mocks.syslog");
    has(d + "    channels: [stdout]\n    loss: some\n",
        "expect.delivery.loss: must be none, allowed or required");
    has(d + "    channels: [stdout]\n    record: {http: x}\n",
        "expect.delivery.record.http: not one of delivery.channels");
    has(d + "    channels: [stdout]\n    record: \"{{n:0}}\"\n", "expect.delivery.record:");
    EXPECT_EQ(error(std::string(k_head) + d + "    channels: [stdout]\n"), "");
    has("expect:\n  delivery: {sent: 0, pattern: \"(x)\", channels: [stdout]}\n",
        "expect.delivery.sent: must be at least 1");
    has("setup:\n  - send: all\n",
        "setup[0]: only mkdir, chmod, rename, delete, truncate, mkfifo and tmpfs run before the "
        "implementation starts");
    has("setup:\n  - tmpfs: {path: small, size: 5k}\n",
        "setup[0].tmpfs.size: must be whole 4 KiB pages, at most 64m");
    has("setup:\n  - tmpfs: {path: small, size: 128m}\n",
        "setup[0].tmpfs.size: must be whole 4 KiB pages, at most 64m");
    has("setup:\n  - tmpfs: {path: small, size: 8g}\n",
        "setup[0].tmpfs.size: must be a number of bytes, `<n>k` or `<n>m`");
    has("steps:\n  - tmpfs: {path: small, size: 8k}\n",
        "steps[0]: tmpfs is a setup action (it must exist before the start)");
    has("steps:\n  - stop_mock: http\n", "steps[0].stop_mock: needs mocks.http");
    has("steps:\n  - stop_mock: ftp\n", "steps[0].stop_mock: must be syslog or http");
    has("steps:\n  - read_fifo: {path: f}\n", "steps[0].read_fifo.into: is required");
    has("setup:\n  - mkdir: {path: /etc/x}\n", "setup[0].mkdir.path: must be a relative path");
    has("setup: {mkdir: x}\n", "setup: must be a list");
}

TEST_F(case_loader_test, a_profile_is_listed_sorted_and_a_directory_that_is_no_profile_an_error) {
    load(std::string(k_head), "0.44/file/b");
    load(std::string(k_head), "0.44/stdout/a");
    const auto cases = case_loader(root_).load_profile("0.44");
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].id, "0.44/file/b");
    EXPECT_EQ(cases[1].id, "0.44/stdout/a");
    EXPECT_TRUE(case_loader(root_).load_profile("legacy").empty());
    fs::create_directories(root_ / "0.4x");
    EXPECT_THROW(case_loader(root_).load_profile("0.44"), std::runtime_error);
}

// `stdout_stats`: unordered or interleaved; interleaved splits the expected stdout (and tail)
// at its statistics block, so each must have exactly one line starting it.
TEST_F(case_loader_test, stdout_stats_interleaved_needs_one_statistics_block) {
    const auto dir = root_ / "0.44/file/c/expected";
    fs::create_directories(dir);
    write_file(dir / "stats", "a\nEvents detected: 1\nRule counts by severity:\n");
    write_file(dir / "two", "Events detected: 1\nEvents detected: 1\n");
    const auto c = load(std::string(k_head) +
                        "expect:\n  stdout: expected/stats\n  stdout_stats: interleaved\n");
    ASSERT_EQ(c.load_error, "");
    EXPECT_EQ(c.expect.stdout_stats, expectations::stats_order::interleaved);
    EXPECT_EQ(
        load(std::string(k_head) + "expect:\n  stdout_tail: {text: \"Events detected: 1\\n\"}\n"
                                   "  stdout_stats: interleaved\n")
            .load_error,
        "");
    EXPECT_EQ(load(std::string(k_head) +
                   "expect:\n  stdout:\n    generate: [{template: \"x\"}, {template: \"Events "
                   "detected: 1\"}]\n  stdout_stats: interleaved\n")
                  .load_error,
              "");
    EXPECT_EQ(
        error(std::string(k_head) + "expect:\n  stdout: expected/out\n  stdout_stats: sorted\n"),
        "<root>/0.44/file/c/case.yaml:5: expect.stdout_stats: must be unordered or "
        "interleaved");
    EXPECT_EQ(error(std::string(k_head) +
                    "expect:\n  stdout: expected/out\n  stdout_stats: interleaved\n"),
              "<root>/0.44/file/c/case.yaml:5: expect.stdout_stats: interleaved needs one line "
              "starting `Events detected: ` (the statistics block) in expected/out, which has 0");
    EXPECT_EQ(error(std::string(k_head) +
                    "expect:\n  stdout_tail: expected/two\n  stdout_stats: interleaved\n"),
              "<root>/0.44/file/c/case.yaml:5: expect.stdout_stats: interleaved needs one line "
              "starting `Events detected: ` (the statistics block) in expected/two, which has 2");
    EXPECT_EQ(
        error(std::string(k_head) + "expect:\n  stdout_empty: true\n  stdout_stats: interleaved\n"),
        "<root>/0.44/file/c/case.yaml:5: expect.stdout_stats: interleaved needs "
        "expect.stdout or expect.stdout_tail");
}

// One case, many profiles: `profiles:` makes a case of the 0.44 directory run under 0.41-0.43
// too, `by_profile` lays what differs there over it, and an override that changes nothing or a
// profile the case does not list is a schema error.
TEST_F(case_loader_test, a_case_applies_to_its_profiles_with_their_overrides) {
    const auto dir = root_ / "0.44/json/c";
    fs::create_directories(dir / "expected");
    write_file(dir / "expected/out", "x\n");
    write_file(dir / "expected/out-0.41", "y\n");
    write_file(dir / "expected/same", "x\n");
    const auto yaml = [&](const std::string& by_profile) {
        write_file(dir / "case.yaml", std::string(k_head) +
                                          "profiles: [0.41-0.43, 0.44]\n"
                                          "expect:\n  exit_code: 0\n  stdout: expected/out\n" +
                                          by_profile);
    };
    yaml(
        "by_profile:\n  0.41-0.43:\n    expect: {exit_code: 1, stdout: expected/out-0.41}\n"
        "    provenance: [\"q\"]\n");
    const case_loader loader(root_);
    const auto c44 = loader.load_case(dir, "0.44");
    const auto c42 = loader.load_case(dir, "0.41-0.43");
    ASSERT_TRUE(c44 && c42);
    EXPECT_EQ(c44->load_error, "");
    EXPECT_EQ(c42->load_error, "");
    EXPECT_EQ(c44->expect.exit_code, 0);
    EXPECT_EQ(c42->expect.exit_code, 1);
    EXPECT_EQ(c42->expect.stdout_content->file, "expected/out-0.41");
    EXPECT_EQ(c42->provenance.size(), 2u);
    EXPECT_EQ(c42->profile, "0.41-0.43");
    EXPECT_EQ(c42->home, "0.44");
    EXPECT_FALSE(loader.load_case(dir, "legacy"));
    EXPECT_EQ(loader.load_profile("0.41-0.43").size(), 1u);

    const auto problem = [&](const std::string& by_profile, const std::string& profile) {
        yaml(by_profile);
        const auto c = loader.load_case(dir, profile);
        return c ? c->load_error : std::string("not loaded");
    };
    EXPECT_NE(problem("by_profile:\n  0.41-0.43:\n    expect: {exit_code: 0}\n", "0.41-0.43")
                  .find("by_profile.0.41-0.43.expect.exit_code: is the same as the case's own "
                        "value: the override hides nothing"),
              std::string::npos);
    EXPECT_NE(
        problem("by_profile:\n  0.41-0.43:\n    expect: {stdout: expected/same}\n", "0.41-0.43")
            .find("expected/same has the same bytes as expected/out"),
        std::string::npos);
    EXPECT_NE(problem("by_profile:\n  legacy:\n    expect: {exit_code: 1}\n", "0.44")
                  .find("by_profile.legacy: legacy is not one of the case's profiles"),
              std::string::npos);
    write_file(dir / "case.yaml", std::string(k_head) + "profiles: [0.44, 0.45]\n");
    EXPECT_NE(loader.load_case(dir, "0.44")->load_error.find("'0.45' is no profile"),
              std::string::npos);
    write_file(dir / "case.yaml", std::string(k_head) + "profiles: [0.41-0.43]\n");
    EXPECT_NE(loader.load_case(dir, "0.44")->load_error.find("must include 0.44"),
              std::string::npos);
    // A null removes a key in that profile.
    yaml("by_profile:\n  0.41-0.43:\n    expect: {stdout: null, stdout_empty: true}\n");
    const auto removed = loader.load_case(dir, "0.41-0.43");
    ASSERT_TRUE(removed);
    EXPECT_EQ(removed->load_error, "");
    EXPECT_FALSE(removed->expect.stdout_content);
    EXPECT_TRUE(removed->expect.stdout_empty);
    // One profile's view interleaves the statistics; the others compare byte for byte.
    write_file(dir / "expected/out", "a\nEvents detected: 1\n");
    yaml("by_profile:\n  0.41-0.43:\n    expect: {stdout_stats: interleaved}\n");
    const auto interleaved = loader.load_case(dir, "0.41-0.43");
    ASSERT_TRUE(interleaved);
    EXPECT_EQ(interleaved->load_error, "");
    EXPECT_EQ(interleaved->expect.stdout_stats, expectations::stats_order::interleaved);
    EXPECT_EQ(interleaved->expect.stdout_content->file, "expected/out");
    EXPECT_EQ(loader.load_case(dir, "0.44")->expect.stdout_stats, expectations::stats_order::exact);
}

// identify runs a case once per distinct run: overrides that differ only in what documents them
// (provenance, description, rules) are the same run, and one that only documents is no change.
TEST_F(case_loader_test, the_view_of_a_profile_is_what_its_override_changes_in_the_run) {
    const auto dir = root_ / "0.44/json/c";
    fs::create_directories(dir / "expected");
    write_file(dir / "expected/out", "x\n");
    write_file(dir / "case.yaml",
               std::string(k_head) +
                   "profiles: [0.38, 0.39-0.40, 0.41-0.43, 0.44]\n"
                   "rules: [stdout.write]\n"
                   "expect:\n  exit_code: 0\n  stdout: expected/out\n"
                   "by_profile:\n"
                   "  0.38:\n    provenance: [\"a\"]\n    rules: [stats.stdout]\n"
                   "    expect: {exit_code: 1}\n"
                   "  0.39-0.40:\n    description: \"other words\"\n    provenance: [\"b\"]\n"
                   "    expect: {exit_code: 1}\n"
                   "  0.41-0.43:\n    provenance: [\"c\"]\n");
    const case_loader loader(root_);
    const auto view = [&](const std::string& profile) {
        const auto c = loader.load_case(dir, profile);
        EXPECT_TRUE(c && c->load_error.empty()) << profile;
        return c ? c->view : std::string("not loaded");
    };
    EXPECT_EQ(view("0.38"), view("0.39-0.40"));
    EXPECT_NE(view("0.38").find("exit_code: 1"), std::string::npos);
    EXPECT_EQ(view("0.41-0.43"), "");
    EXPECT_EQ(view("0.44"), "");
}

}  // namespace conformance
