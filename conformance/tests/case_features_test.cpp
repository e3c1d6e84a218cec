// SPDX-License-Identifier: Apache-2.0
// Features computed from what a case uses (select/case_features.hpp), through the loader.
#include <gtest/gtest.h>

#include "cases/case_loader.hpp"
#include "select/effective_config.hpp"
#include "temp_root.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

using strings = std::vector<std::string>;

class case_features_test : public ::testing::Test {
protected:
    // A case in the `lifecycle` directory with tags that name channels, so that a feature can
    // only come from what the case uses.
    golden_case load(const std::string& body) {
        const auto dir = root_ / "0.44/lifecycle/c";
        fs::create_directories(dir / "expected");
        write_file(dir / "case.yaml",
                   "description: d\nprovenance: [p]\n"
                   "tags: [stdout, file, syslog, program, http, eof]\n" +
                       body);
        write_file(dir / "expected/out", "x\n");
        auto c = case_loader(root_).load_case(dir);
        EXPECT_EQ(c.load_error, "");
        return c;
    }

    const temp_root temp_{"features-test"};
    const fs::path& root_ = temp_.path();
};

}  // namespace

// 0.44/lifecycle/eof_drains_queue, 0.44/faults/load_all_channels_zero_loss: a channel the case
// enables is a feature wherever the case lives and whatever its tags say.
TEST_F(case_features_test, enabled_channels_are_features_tags_are_not) {
    const auto c = load(R"(mocks:
  http: {}
config: |
  stdout_output:
    enabled: true
  http_output:
    enabled: true
    url: "{{http_url}}"
expect:
  stdout: expected/out
  http: expected/out
)");
    EXPECT_EQ(c.features(), (strings{"http", "mock:http", "stdout", "stream:stdout"}));
    EXPECT_EQ(c.needs.at("http"), (strings{"http_output.enabled in the config", "expect.http"}));
    EXPECT_EQ(c.tags, (strings{"stdout", "file", "syslog", "program", "http", "eof", "lifecycle"}));
}

// A file the program writes (`cat >> ./program.txt`) is the program channel, not the file one.
TEST_F(case_features_test, a_file_written_by_the_program_is_the_program_channel) {
    const auto c = load(R"yaml(config: |
  file_output:
    enabled: true
    filename: ./events.txt
  program_output:
    enabled: true
    program: "cat >> ./program.txt"
expect:
  delivery:
    sent: 2
    pattern: "seq=(\\d+)"
    channels: ["file:events.txt", "file:program.txt"]
)yaml");
    EXPECT_EQ(c.features(), (strings{"file", "program"}));
    EXPECT_EQ(c.needs.at("program"),
              (strings{"program_output.enabled in the config", "expect.delivery program.txt"}));
}

// Reading standard output is the stream, not the stdout channel: Falco prints its statistics
// there whatever stdout_output says.
TEST_F(case_features_test, reading_stdout_is_the_stream_not_the_channel) {
    const auto c = load(R"(config: |
  stdout_output:
    enabled: false
  file_output:
    enabled: true
    filename: ./events.txt
steps:
  - wait: {channel: stderr, count: 1}
expect:
  stdout: expected/out
  files: {events.txt: expected/out}
)");
    EXPECT_EQ(c.features(), (strings{"file", "stream:stderr", "stream:stdout"}));
}

// The arguments as Falco reads them: each -o after the config, the last one winning, a value in
// braces a mapping; the contract's flags, signals, mocks and reads of the mocks' records.
TEST_F(case_features_test, options_flags_signals_and_mocks) {
    const auto c = load(
        R"(args: ["-U", "-o", "syslog_output.enabled=true", "-o", "syslog_output.enabled=false",
       "-o", "program_output={enabled: true, program: '{{capture}}'}", "--bogus"]
mocks:
  syslog: {}
  http: {tls: mtls}
config: |
  syslog_output:
    enabled: true
steps:
  - signal: {name: SIGUSR1, target: group}
  - wait: {channel: syslog, count: 1}
  - wait: {channel: program, unit: processes, count: 1}
expect:
  http_connections: 0
)");
    EXPECT_EQ(c.features(),
              (strings{"flag:--bogus", "flag:-U", "flag:-o", "http", "mock:capture", "mock:http",
                       "mock:syslog", "program", "signal:USR1", "syslog", "tls", "tls:mtls"}));
    EXPECT_EQ(c.needs.at("syslog"), (strings{"steps[1] (wait)"}));
    EXPECT_EQ(
        c.needs.at("program"),
        (strings{"-o program_output={enabled: true, program: '{{capture}}'}", "steps[2] (wait)"}));
    EXPECT_EQ(c.needs.at("mock:capture"), (strings{"{{capture}} in args"}));
}

TEST_F(case_features_test, daemon_and_fifo_input_are_the_contract_flags) {
    const auto c = load("input: fifo\ndaemon: true\n");
    EXPECT_EQ(c.features(),
              (strings{"daemon", "flag:--alerts", "flag:-P", "flag:-d", "input:fifo"}));
}

TEST(effective_config, config_then_options_in_order) {
    const effective_config c("stdout_output:\n  enabled: true\nfile_output: {enabled: yes}\n",
                             {"-o", "stdout_output.enabled=false", "-o", "file_output.enabled",
                              "--option", "http_output={enabled: on}", "-o", "a..b=true"});
    EXPECT_TRUE(c.readable());
    EXPECT_EQ(c.boolean("stdout_output.enabled"), false);
    EXPECT_EQ(c.origin("stdout_output.enabled"), "-o stdout_output.enabled=false");
    EXPECT_EQ(c.boolean("file_output.enabled"), true);  // `-o key` without `=` sets nothing
    EXPECT_EQ(c.origin("file_output.enabled"), "the config");
    EXPECT_EQ(c.boolean("http_output.enabled"), true);
    EXPECT_EQ(c.origin("http_output.enabled"), "--option http_output={enabled: on}");
    EXPECT_EQ(c.boolean("syslog_output.enabled"), std::nullopt);
    EXPECT_FALSE(effective_config("x: [\n", {}).readable());
    EXPECT_FALSE(effective_config("x: [\n", {}).boolean("x").has_value());
    EXPECT_EQ(effective_config(std::nullopt, {"-o", "json_output=maybe"}).scalar("json_output"),
              "maybe");
}

}  // namespace conformance
