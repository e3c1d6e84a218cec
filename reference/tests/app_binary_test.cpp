// SPDX-License-Identifier: Apache-2.0
// End-to-end: falco-outputs-ref as a real process (conformance/PROTOCOL.md).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <regex>

#include "app_test_process.hpp"
#include "config_test_support.hpp"
#include "outputs_test_support.hpp"

namespace falco_ref {
namespace {

using testing::read_file;
using testing::ref_process;
using testing::temp_dir;
using testing::wait_until;
namespace fs = std::filesystem;

// The alert of the example of docs/spec/0.44.md#51-layout: 2016-08-04T16:17:57.881781397Z, TZ=UTC0.
const std::string k_alert1 =
    R"J({"time":1470327477881781397,"rule":"open_from_cat","priority":"Warning",)J"
    R"J("message":"An open was seen (command=cat /dev/null)"})J"
    "\n";
const std::string k_line1 =
    "16:17:57.881781397: Warning An open was seen (command=cat /dev/null)\n";
const std::string k_alert2 =
    R"J({"time":1470327478000000000,"rule":"Terminal shell","priority":"error","message":"m2"})J"
    "\n";
const std::string k_line2 = "16:17:58.000000000: Error m2\n";

const std::vector<std::string> k_env = {"TZ=UTC0", "FALCO_HOSTNAME=h", "PATH=/usr/bin:/bin"};

// The logger's asctime prefix ("Fri Nov 27 09:20:23 2026: ") of a stderr line, replaced by
// "<asctime>: " so the rest can be compared byte for byte.
std::string mask_asctime(const std::string& err) {
    static const std::regex k_asctime(
        "(^|\n)[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}: ");
    return std::regex_replace(err, k_asctime, "$1<asctime>: ");
}

class app_binary_test : public ::testing::Test {
protected:
    std::unique_ptr<ref_process> start(const std::string& yaml, std::vector<std::string> args,
                                       std::vector<std::string> env = k_env) {
        dir_.write("falco.yaml", yaml);
        std::vector<std::string> full = {"-c", "falco.yaml"};
        full.insert(full.end(), args.begin(), args.end());
        return std::make_unique<ref_process>(full, env, dir_.path().string());
    }
    temp_dir dir_;
};

// PROTOCOL.md section 3 (statistics after every channel is closed, exit 0); channel order
// file then stdout (docs/spec/common.md#output.order); text line shape
// docs/spec/common.md#text.line.shape.
TEST_F(app_binary_test, alerts_reach_stdout_and_file_then_statistics) {
    auto p = start(
        "stdout_output: {enabled: true}\n"
        "file_output: {enabled: true, keep_alive: false, filename: ./events.txt}\n",
        {"-U"});
    p->write_stdin(k_alert1 + k_alert2 + k_alert1);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0) << p->err();
    EXPECT_EQ(p->out(), k_line1 + k_line2 + k_line1 +
                            "Events detected: 3\n"
                            "Rule counts by severity:\n"
                            "   ERROR: 1\n"
                            "   WARNING: 2\n"
                            "Triggered rules by rule name:\n"
                            "   open_from_cat: 2\n"
                            "   Terminal shell: 1\n");
    EXPECT_EQ(read_file(dir_.file("events.txt")), k_line1 + k_line2 + k_line1);
}

// PROTOCOL.md section 2: a bad line is reported with `line <N>`, valid ones are delivered,
// blank lines are ignored.
TEST_F(app_binary_test, invalid_lines_are_reported_with_their_number) {
    auto p = start("stdout_output: {enabled: true}\n", {"-U"});
    p->write_stdin(k_alert1 + "not json\n \t\r\n{\"rule\":\"x\"}\n" + k_alert2);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0);
    EXPECT_NE(p->err().find("line 2"), std::string::npos) << p->err();
    EXPECT_NE(p->err().find("line 4"), std::string::npos) << p->err();
    EXPECT_EQ(p->err().find("line 3"), std::string::npos) << p->err();
    EXPECT_EQ(p->out().rfind(k_line1 + k_line2 + "Events detected: 2\n", 0), 0u) << p->out();
}

// PROTOCOL.md section 2: a line of 10 MB is an ordinary line.
TEST_F(app_binary_test, ten_megabyte_line_is_delivered) {
    auto p = start("stdout_output: {enabled: true}\n", {"-U"});
    const std::string big(10 * 1024 * 1024, 'x');
    std::thread writer([&] {
        p->write_stdin(
            R"J({"time":1470327477881781397,"rule":"r","priority":"Notice","message":")J" + big +
            "\"}\n");
        p->close_stdin();
    });
    const auto rc = p->wait_exit(std::chrono::seconds(60));
    writer.join();
    ASSERT_EQ(rc, 0) << p->err();
    const std::string expected = "16:17:57.881781397: Notice " + big + "\n";
    EXPECT_EQ(p->out().substr(0, expected.size()), expected);
}

// docs/spec/0.44.md#error.format, docs/spec/common.md#exit.config: config errors as
// "Error: <msg>", exit 1, nothing created.
TEST_F(app_binary_test, config_error_044_uses_falcos_wording_and_creates_nothing) {
    auto p = start(
        "stdout_output: {enabled: true}\n"
        "file_output: {enabled: true}\n",
        {});
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(p->err(),
              "Error: Error reading config file (falco.yaml): file output enabled but no filename "
              "in configuration block\n");
    EXPECT_EQ(p->out(), "");
}

// docs/spec/0.44.md#config.o.path.errors: bad -o key path.
TEST_F(app_binary_test, bad_option_path_044) {
    auto p = start("stdout_output: {enabled: true}\n", {"-o", "a\\q=1"});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(p->err(),
              "Error: Config error at key \"a\\q\": Parsing error: invalid escape sequence '\\q' "
              "at pos 1\n");
}

// docs/spec/legacy.md#error.format: "Runtime error: <message>. Exiting." through the logger
// (timestamped).
TEST_F(app_binary_test, config_error_legacy_uses_runtime_error_wording) {
    auto p = start("stdout_output: {enabled: true}\npriority: info\n", {"--profile", "legacy"});
    // --profile first, as the harness prefixes it; re-run with the right order.
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 1);
    auto q = std::make_unique<ref_process>(
        std::vector<std::string>{"--profile", "legacy", "-c", "falco.yaml"}, k_env,
        dir_.path().string());
    q->close_stdin();
    ASSERT_EQ(q->wait_exit(), 1);
    const std::string tail =
        ": Runtime error: Unknown priority \"info\"--must be one of emergency, alert, critical, "
        "error, warning, notice, informational, debug. Exiting.\n";
    const std::string err = q->err();
    ASSERT_GE(err.size(), tail.size());
    EXPECT_EQ(err.substr(err.size() - tail.size()), tail) << err;
    EXPECT_EQ(q->out(), "");
}

// -c naming a directory: std::ifstream opens it, and yaml-cpp's first read throws the
// std::ios_failure of read(2)'s EISDIR (the text is libstdc++'s).
const std::string k_read_directory_error =
    "basic_filebuf::underflow error reading the file: Is a directory";

// 0.44.1 prints every load failure, then rethrows a sliced std::exception
// (falco@0.44.1:userspace/falco/configuration.cpp:131-136;
// docs/spec/0.44.md#error.config.directory).
TEST_F(app_binary_test, config_directory_044_prints_cannot_read_then_std_exception) {
    fs::create_directory(dir_.path() / "falco.yaml");
    ref_process p({"-c", "falco.yaml"}, k_env, dir_.path().string());
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 1);
    EXPECT_EQ(p.err(), "Cannot read config file (falco.yaml): " + k_read_directory_error +
                           "\nError: std::exception\n");
    EXPECT_EQ(p.out(), "");
}

// 0.15.3 prints a line of its own only for YAML::BadFile and YAML::ParserException
// (falco@0.15.3:userspace/falco/configuration.h:44-57); the std::ios_failure goes straight to
// falco.cpp:1146-1148, one timestamped "Runtime error" line (docs/RELIABILITY.md finding 6).
TEST_F(app_binary_test, config_directory_legacy_prints_only_the_runtime_error) {
    fs::create_directory(dir_.path() / "falco.yaml");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml"}, k_env, dir_.path().string());
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 1);
    // The logger's asctime prefix ("Fri Nov 27 09:20:23 2026: ") is the only variable part.
    const std::string tail = ": Runtime error: " + k_read_directory_error + ". Exiting.\n";
    const std::string err = p.err();
    ASSERT_EQ(err.size(), 24 + tail.size()) << err;
    EXPECT_TRUE(
        std::regex_match(err.substr(0, 24), std::regex("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] "
                                                       "[0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}")))
        << err;
    EXPECT_EQ(err.substr(24), tail);
    EXPECT_EQ(p.out(), "");
}

// docs/spec/legacy.md#file.startup: a file that cannot be created fails start-up.
TEST_F(app_binary_test, legacy_file_check_failure_is_fatal_at_startup) {
    dir_.write("falco.yaml",
               "stdout_output: {enabled: true}\n"
               "file_output: {enabled: true, filename: ./missing/events.txt}\n");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml"}, k_env, dir_.path().string());
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 1);
    EXPECT_NE(p.err().find("Runtime error: Error with file output: ./missing/events.txt: No such "
                           "file or directory. Exiting."),
              std::string::npos)
        << p.err();
    EXPECT_EQ(p.out(), "");
}

// PROTOCOL.md section 3: SIGTERM stops reading at once (stdin still open), drains, logs
// "SIGINT received, exiting...", prints statistics, exits 0.
TEST_F(app_binary_test, sigterm_drains_and_exits_zero) {
    auto p = start("stdout_output: {enabled: true}\nlog_stderr: true\n", {"-U"});
    p->write_stdin(k_alert1 + k_alert2);
    ASSERT_TRUE(wait_until([&] { return p->out() == k_line1 + k_line2; })) << p->out();
    p->signal(SIGTERM);
    ASSERT_EQ(p->wait_exit(), 0);
    EXPECT_NE(p->err().find(": SIGINT received, exiting...\n"), std::string::npos) << p->err();
    EXPECT_EQ(p->out().rfind(k_line1 + k_line2 + "Events detected: 2\n", 0), 0u) << p->out();
}

// docs/spec/legacy.md#signal.term.log: the SIGINT/SIGTERM log text is "SIGHUP Received,
// restarting...".
TEST_F(app_binary_test, sigint_legacy_logs_its_sic_message) {
    dir_.write("falco.yaml", "stdout_output: {enabled: true}\nlog_stderr: true\n");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml", "-U"}, k_env, dir_.path().string());
    p.write_stdin(k_alert1);
    ASSERT_TRUE(wait_until([&] { return p.out() == k_line1; })) << p.out();
    p.signal(SIGINT);
    ASSERT_EQ(p.wait_exit(), 0);
    EXPECT_NE(p.err().find(": SIGHUP Received, restarting...\n"), std::string::npos) << p.err();
}

// docs/spec/0.44.md#file.reopen, docs/spec/0.44.md#signal.usr1.log: SIGUSR1 reopens the file
// (logrotate): the renamed file keeps what was written, the recreated one receives the rest.
TEST_F(app_binary_test, sigusr1_reopens_the_file) {
    auto p = start(
        "file_output: {enabled: true, keep_alive: true, filename: ./events.txt}\n"
        "log_stderr: true\n",
        {"-U"});
    const std::string path = dir_.file("events.txt");
    p->write_stdin(k_alert1);
    ASSERT_TRUE(wait_until([&] { return read_file(path) == k_line1; }));
    fs::rename(path, path + ".1");
    p->signal(SIGUSR1);
    ASSERT_TRUE(wait_until([&] { return fs::exists(path); }));  // reopened at once (0.44)
    // The log line and the reopened file are two effects; stderr is read by another thread.
    EXPECT_TRUE(wait_until([&] {
        return p->err().find(": SIGUSR1 received, reopening outputs...\n") != std::string::npos;
    })) << p->err();
    p->write_stdin(k_alert2);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0);
    EXPECT_EQ(read_file(path + ".1"), k_line1);
    EXPECT_EQ(read_file(path), k_line2);
}

// docs/spec/common.md#signal.poll: the flags are acted on after the next line was read and
// before it is handled, so a SIGUSR1 sent just before that line reopens the file first: the
// line lands in the new file, not in the renamed one.
TEST_F(app_binary_test, sigusr1_sent_with_the_next_line_reopens_before_it) {
    auto p =
        start("file_output: {enabled: true, keep_alive: true, filename: ./events.txt}\n", {"-U"});
    const std::string path = dir_.file("events.txt");
    p->write_stdin(k_alert1);
    ASSERT_TRUE(wait_until([&] { return read_file(path) == k_line1; }));
    fs::rename(path, path + ".1");
    p->signal(SIGUSR1);
    p->write_stdin(k_alert2);  // no wait: the line may be read in the same wake-up
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0) << p->err();
    EXPECT_EQ(read_file(path + ".1"), k_line1);
    EXPECT_EQ(read_file(path), k_line2);
}

// docs/spec/0.44.md#signal.hup: with watch_config_files: false Falco 0.44.1 catches SIGHUP and
// ignores it: no log line, the run goes on and ends normally.
TEST_F(app_binary_test, sighup_is_ignored_with_watch_config_files_false) {
    auto p = start("stdout_output: {enabled: true}\nlog_stderr: true\nwatch_config_files: false\n",
                   {"-U"});
    p->write_stdin(k_alert1);
    ASSERT_TRUE(wait_until([&] { return p->out() == k_line1; }));
    p->signal(SIGHUP);
    p->write_stdin(k_alert2);
    ASSERT_TRUE(wait_until([&] { return p->out() == k_line1 + k_line2; })) << p->out();
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0);
    EXPECT_EQ(p->err().find("SIGHUP"), std::string::npos) << p->err();
    EXPECT_EQ(p->out().rfind(k_line1 + k_line2 + "Events detected: 2\n", 0), 0u);
}

// docs/spec/0.41-0.43.md#json.utf8.fatal: in JSON mode an ill-formed byte in the rule output
// ends the run: the alert before it is delivered, the bad one is counted but not delivered, the
// line after it is not read, the statistics are printed, then Falco's error, exit 1.
TEST_F(app_binary_test, ill_formed_utf8_ends_the_run_before_0_44) {
    for (const char* profile : {"0.41-0.43", "0.39-0.40"}) {
        auto p = start(
            "stdout_output: {enabled: true}\njson_output: true\n"
            "json_include_tags_property: false\nlog_stderr: true\n",
            {"--profile", profile, "-U"});
        p->write_stdin(k_alert2 +
                       R"J({"time":1470327477881781397,"rule":"r","priority":"Warning",)J"
                       R"J("message":"An open\u00ff"})J"
                       "\n");
        std::string bad = R"J({"time":1470327477881781397,"rule":"r","priority":"Warning",)J";
        bad += "\"message\":\"An open\xff was seen\"}\n";
        p->write_stdin(bad + k_alert2);
        p->close_stdin();
        ASSERT_EQ(p->wait_exit(), 1) << profile;
        const std::string first =
            R"({"hostname":"h","output":"16:17:58.000000000: Error m2","output_fields":)"
            R"({"evt.time":1470327478000000000},"priority":"Error","rule":"Terminal shell",)"
            R"("source":"syscall","time":"2016-08-04T16:17:58.000000000Z"})"
            "\n";
        const std::string second =
            "{\"hostname\":\"h\",\"output\":\"16:17:57.881781397: Warning An open\xc3\xbf\","
            "\"output_fields\":{\"evt.time\":1470327477881781397},\"priority\":\"Warning\","
            "\"rule\":\"r\",\"source\":\"syscall\","
            "\"time\":\"2016-08-04T16:17:57.881781397Z\"}\n";
        const std::string stats =
            "Events detected: 3\nRule counts by severity:\n   ERROR: 1\n   WARNING: 2\n"
            "Triggered rules by rule name:\n   Terminal shell: 1\n   r: 2\n";
        EXPECT_EQ(p->out(), first + second + stats) << profile;
        const std::string err = p->err();
        const std::string last =
            "Error: [json.exception.type_error.316] invalid UTF-8 byte at index 35: 0xFF\n";
        ASSERT_GE(err.size(), last.size()) << err;
        EXPECT_EQ(err.substr(err.size() - last.size()), last) << err;
    }
}

// docs/spec/0.38.md: `--profile 0.38.2` is the 0.38 profile; -o splits at commas
// (#config.o.split); the alert is jsoncpp 1.9.5's object with output_fields grafted last
// (#json.layout, `tags` off here), every byte from 0x80 up escaped and ill-formed UTF-8 replaced
// by jsoncpp's decoder, never fatal (#json.utf8, #json.utf8.fatal); the statistics follow every
// alert line (#stats.stdout allows any place among the queued ones; the reference drains first).
TEST_F(app_binary_test, release_0_38_2_writes_jsoncpp_alerts_and_never_fails_on_utf8) {
    auto p =
        start("stdout_output: {enabled: false}\nlog_stderr: true\n",
              {"--profile", "0.38.2", "-U", "-o",
               "json_output=true,stdout_output.enabled=true,json_include_tags_property=false"});
    std::string bad = R"J({"time":1470327477881781397,"rule":"r","priority":"Warning",)J";
    bad += "\"message\":\"An open\xff was seen\"}\n";
    p->write_stdin(k_alert2 +
                   R"J({"time":1470327477881781397,"rule":"r","priority":"Warning",)J"
                   R"J("message":"An open\u00ff"})J"
                   "\n" +
                   bad + k_alert2);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0) << p->err();
    const std::string terminal_shell =
        R"({"hostname":"h","output":"16:17:58.000000000: Error m2","priority":"Error",)"
        R"("rule":"Terminal shell","source":"syscall","time":"2016-08-04T16:17:58.000000000Z", )"
        R"("output_fields": {"evt.time":1470327478000000000}})"
        "\n";
    auto open = [](const std::string& escaped) {
        return R"({"hostname":"h","output":"16:17:57.881781397: Warning An open)" + escaped +
               R"(","priority":"Warning","rule":"r","source":"syscall",)"
               R"("time":"2016-08-04T16:17:57.881781397Z", )"
               R"("output_fields": {"evt.time":1470327477881781397}})"
               "\n";
    };
    const std::string stats =
        "Events detected: 4\nRule counts by severity:\n   ERROR: 2\n   WARNING: 2\n"
        "Triggered rules by rule name:\n   Terminal shell: 2\n   r: 2\n";
    EXPECT_EQ(p->out(),
              terminal_shell + open("\\u00ff") + open("\\ufffd was seen") + terminal_shell + stats);
}

// PROTOCOL.md section 2: alerts below `priority` are ignored and not counted.
TEST_F(app_binary_test, priority_filter_drops_and_does_not_count) {
    auto p = start("stdout_output: {enabled: true}\npriority: error\n", {"-U"});
    p->write_stdin(k_alert1 + k_alert2);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0);
    EXPECT_EQ(p->out(), k_line2 +
                            "Events detected: 1\nRule counts by severity:\n   ERROR: 1\n"
                            "Triggered rules by rule name:\n   Terminal shell: 1\n");
}

// docs/spec/legacy.md#ratelimit.drop: a rate-limited alert is dropped on every channel, still
// counted.
TEST_F(app_binary_test, legacy_rate_limit_drops_but_counts) {
    dir_.write("falco.yaml", "stdout_output: {enabled: true}\noutputs: {rate: 0, max_burst: 2}\n");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml", "-U"}, k_env, dir_.path().string());
    p.write_stdin(k_alert1 + k_alert1 + k_alert1 + k_alert1);
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 0);
    EXPECT_EQ(p.out().rfind(k_line1 + k_line1 + "Events detected: 4\n", 0), 0u) << p.out();
}

// docs/spec/0.36.md#ratelimit.bucket, docs/spec/0.36.md#log.startup.config: a rate other than
// 0 logs the deprecation WARNING (with the default timestamp, time_format_iso_8601 being applied
// later), then the line naming the configuration file; 0.38 reads no rate and logs neither.
TEST_F(app_binary_test, rate_deprecation_warning_and_startup_line_0_36) {
    dir_.write("falco.yaml",
               "stdout_output: {enabled: true}\noutputs: {rate: 1}\nlog_stderr: true\n"
               "log_syslog: false\ntime_format_iso_8601: true\n");
    ref_process p({"--profile", "0.36", "-c", "falco.yaml"}, k_env, dir_.path().string());
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 0) << p.err();
    const std::string warning =
        ": 'output.rate' config is deprecated and it will be removed in Falco 0.37\n";
    const std::size_t at = p.err().find(warning);
    ASSERT_NE(at, std::string::npos) << p.err();
    // asctime's "Www Mmm dd hh:mm:ss yyyy", not ISO 8601's "yyyy-mm-ddThh:mm:ss+0000": both are
    // 24 bytes, the 11th is a space in the first and `T` in the second.
    const std::size_t newline = p.err().rfind('\n', at);
    const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
    EXPECT_EQ(at - line_start, 24u) << p.err();
    EXPECT_EQ(p.err()[line_start + 10], ' ') << p.err();
    EXPECT_NE(p.err().find(": Falco initialized with configuration file: falco.yaml\n", at),
              std::string::npos)
        << p.err();

    ref_process q({"--profile", "0.38", "-c", "falco.yaml"}, k_env, dir_.path().string());
    q.close_stdin();
    ASSERT_EQ(q.wait_exit(), 0) << q.err();
    EXPECT_EQ(q.err().find("output.rate"), std::string::npos) << q.err();
    EXPECT_EQ(q.err().find("Falco initialized"), std::string::npos) << q.err();
}

// PROTOCOL.md section 3: unknown arguments are rejected.
TEST_F(app_binary_test, unknown_argument_exits_one) {
    auto p = start("stdout_output: {enabled: true}\n", {"--frobnicate"});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_NE(p->err().find("--frobnicate"), std::string::npos);
    EXPECT_EQ(p->out(), "");
}

// docs/spec/0.44.md#file.error, docs/spec/0.44.md#output.isolation: logged as "file: failed to open
// output file <f>" at every alert, the other channels still deliver, exit 0.
TEST_F(app_binary_test, file_open_failure_is_logged_per_alert_044) {
    auto p = start(
        "stdout_output: {enabled: true}\nlog_stderr: true\n"
        "file_output: {enabled: true, filename: ./missing/events.txt}\n",
        {"-U"});
    p->write_stdin(k_alert1 + k_alert2);
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0);
    const std::string err = p->err();
    std::size_t n = 0;
    for (auto pos = err.find(": file: failed to open output file ./missing/events.txt\n");
         pos != std::string::npos;
         pos = err.find(": file: failed to open output file ./missing/events.txt\n", pos + 1)) {
        ++n;
    }
    EXPECT_EQ(n, 2u) << err;
    EXPECT_EQ(p->out().rfind(k_line1 + k_line2, 0), 0u);
}

// The day of the month in a stderr line's local time: Falco 0.42.0 and later pad it with a
// zero, Falco up to 0.41.x (asctime) with a space (docs/spec/0.41-0.43.md#log.prefix,
// docs/spec/0.39-0.40.md#log.prefix). The day is read before and after the run, so a run across
// midnight accepts either day. On the 10th to the 31st both forms are the same two digits, so the
// test tells them apart only on the 1st to the 9th of a month.
TEST_F(app_binary_test, log_day_is_zero_padded_from_0_42_and_space_padded_before) {
    const auto day_now = [](const char* format) {
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);  // TZ=UTC0 in k_env
        char buf[8];
        return std::string(buf, std::strftime(buf, sizeof(buf), format, &tm));
    };
    for (const auto& [profile, format] : {std::pair{"0.44", "%d"}, std::pair{"0.41-0.43", "%d"},
                                          std::pair{"0.39-0.40", "%e"}, std::pair{"0.38", "%e"}}) {
        const std::string before = day_now(format);
        auto p = start(
            "stdout_output: {enabled: true}\nlog_stderr: true\n"
            "file_output: {enabled: true, filename: ./missing/events.txt}\n",
            {"--profile", profile, "-U"});
        p->write_stdin(k_alert1);
        p->close_stdin();
        ASSERT_EQ(p->wait_exit(), 0) << profile;
        const std::string after = day_now(format);
        const std::string err = p->err();
        ASSERT_GE(err.size(), 24u) << profile << ": " << err;
        // "Mon Dec  7 23:05:18 2026": the day is at offset 8.
        const std::string day = err.substr(8, 2);
        EXPECT_TRUE(day == before || day == after) << profile << ": " << err;
    }
}

// docs/spec/legacy.md#file.error: fatal, exit 1, no statistics.
TEST_F(app_binary_test, legacy_runtime_file_failure_is_fatal) {
    dir_.write("falco.yaml",
               "stdout_output: {enabled: true}\n"
               "file_output: {enabled: true, filename: ./events.txt}\n");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml", "-U"}, k_env, dir_.path().string());
    ASSERT_TRUE(wait_until([&] { return fs::exists(dir_.file("events.txt")); }));  // init check
    fs::remove(dir_.file("events.txt"));
    fs::create_directory(dir_.file("events.txt"));
    p.write_stdin(k_alert1);
    ASSERT_EQ(p.wait_exit(), 1);
    EXPECT_NE(p.err().find("Runtime error: Error invoking function output: "), std::string::npos)
        << p.err();
    EXPECT_EQ(p.out(), "");  // stdout comes after file: never reached; no statistics
}

// falco@0.44.1:userspace/falco/app/actions/pidfile.cpp:27-52 and app/app.cpp:77-84: -P writes
// the process's own PID (no fork), without a newline, once the signal handlers are installed
// and before any alert is read; the file is not removed at exit.
TEST_F(app_binary_test, pidfile_044_holds_our_own_pid_and_stays_after_the_exit) {
    auto p = start("stdout_output: {enabled: true}\n", {"-U", "-P", "falco.pid"});
    const std::string path = dir_.file("falco.pid");
    const std::string pid = std::to_string(p->pid());
    ASSERT_TRUE(wait_until([&] { return read_file(path) == pid; })) << read_file(path);
    p->write_stdin(k_alert1);
    ASSERT_TRUE(wait_until([&] { return p->out() == k_line1; })) << p->out();
    p->close_stdin();
    ASSERT_EQ(p->wait_exit(), 0) << p->err();
    EXPECT_EQ(read_file(path), pid);
}

// pidfile.cpp:42-47: a pid file that cannot be written: ERR "Could not write pid to pidfile
// <f>. Exiting." and exit(-1), i.e. status 255, before any alert is read or statistics printed.
TEST_F(app_binary_test, pidfile_044_that_cannot_be_written_ends_the_run_with_255) {
    auto p = start("stdout_output: {enabled: true}\nlog_stderr: true\n",
                   {"--pidfile=missing/falco.pid"});
    ASSERT_EQ(p->wait_exit(), 255);
    EXPECT_NE(p->err().find(": Could not write pid to pidfile missing/falco.pid. Exiting.\n"),
              std::string::npos)
        << p->err();
    EXPECT_EQ(p->out(), "");
}

// -d went away in Falco 0.36.0; -P stayed. Falco's option parser refuses -d and --daemon, and
// Falco prints that as any start-up error: `Error: <message>`, exit 1
// (docs/spec/0.44.md#daemon.fork).
TEST_F(app_binary_test, daemon_flag_is_refused_from_0_36_on) {
    auto p = start("stdout_output: {enabled: true}\n", {"-d", "-P", "falco.pid"});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(p->err(), "Error: Option \u2018d\u2019 does not exist\n");
    EXPECT_EQ(p->out(), "");
    EXPECT_FALSE(fs::exists(dir_.file("falco.pid")));
    auto q = start("stdout_output: {enabled: true}\n", {"--daemon"});
    ASSERT_EQ(q->wait_exit(), 1);
    EXPECT_EQ(q->err(), "Error: Option \u2018daemon\u2019 does not exist\n");
}

// falco@0.15.3:userspace/falco/falco.cpp:972-1027: the pid file is only -d's.
TEST_F(app_binary_test, legacy_pidfile_without_daemon_writes_nothing) {
    dir_.write("falco.yaml", "stdout_output: {enabled: true}\n");
    ref_process p({"--profile", "legacy", "-c", "falco.yaml", "-U", "-P", "falco.pid"}, k_env,
                  dir_.path().string());
    p.write_stdin(k_alert1);
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 0) << p.err();
    EXPECT_FALSE(fs::exists(dir_.file("falco.pid")));
}

// docs/spec/legacy.md#daemon.fork: -d forks, the parent writes the child PID without a newline
// and exits 0; the child reads --alerts (a FIFO) from '/' with fds 0-2 on /dev/null. The
// handlers are installed before the fork, so a SIGUSR1 sent as soon as the pidfile names the
// daemon, before it read anything, is handled and the daemon goes on.
TEST_F(app_binary_test, legacy_daemon_writes_the_pidfile_and_keeps_running) {
    dir_.write("falco.yaml", "file_output: {enabled: true, keep_alive: false, filename: " +
                                 dir_.file("events.txt") + "}\n");
    const std::string fifo = dir_.file("alerts.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    ref_process parent({"--profile", "legacy", "-c", "falco.yaml", "-U", "-d", "-P", "falco.pid",
                        "--alerts", "alerts.fifo"},
                       k_env, dir_.path().string());
    ASSERT_EQ(parent.wait_exit(), 0) << parent.err();
    EXPECT_EQ(parent.out(), "");
    const std::string pid_text = read_file(dir_.file("falco.pid"));
    ASSERT_FALSE(pid_text.empty());
    EXPECT_EQ(pid_text.find('\n'), std::string::npos);
    const pid_t child = std::stoi(pid_text);
    ASSERT_EQ(::kill(child, SIGUSR1), 0);
    {
        std::ofstream w(fifo);  // unblocks the child's open
        w << k_alert1;
    }
    ASSERT_TRUE(wait_until([&] { return read_file(dir_.file("events.txt")) == k_line1; }));
    EXPECT_TRUE(wait_until([&] { return ::kill(child, 0) != 0; }));  // EOF ends the daemon
}

// docs/spec/0.35.md#daemon.pidfile: -d with an empty pid file fails once the -c file is found and
// before the configuration is read, as 0.35's other start-up errors: `Error: <message>`, exit 1;
// -P without -d writes nothing.
TEST_F(app_binary_test, daemon_035_needs_a_pid_file_and_the_pid_file_needs_daemon) {
    auto p = start("no: [valid yaml\n", {"--profile", "0.35", "-d", "-P", ""});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(p->err(), "Error: If -d is provided, a pid file must also be provided\n");
    EXPECT_EQ(p->out(), "");
    // A -c file that cannot be opened is reported first (0.35's options check opens it first).
    ref_process missing({"--profile", "0.35", "-c", "missing.yaml", "-d", "-P", ""}, k_env,
                        dir_.path().string());
    ASSERT_EQ(missing.wait_exit(), 1);
    EXPECT_EQ(missing.err(), "Error: Could not find configuration file at missing.yaml\n");
    auto q =
        start("stdout_output: {enabled: true}\n", {"--profile", "0.35.1", "-U", "-P", "f.pid"});
    q->write_stdin(k_alert1);
    q->close_stdin();
    ASSERT_EQ(q->wait_exit(), 0) << q->err();
    EXPECT_EQ(q->out().rfind(k_line1, 0), 0u) << q->out();
    EXPECT_FALSE(fs::exists(dir_.file("f.pid")));
}

// docs/spec/0.35.md#daemon.fork, docs/spec/0.35.md#daemon.pidfile: the parent writes the
// child's PID without a newline and exits 0 without statistics; the child reads --alerts and
// ends at the end of its input.
TEST_F(app_binary_test, daemon_035_parent_writes_the_child_pid_and_exits_0) {
    const std::string fifo = dir_.file("alerts.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto parent = start("stdout_output: {enabled: true}\n",
                        {"--profile", "0.35", "-d", "-P", "falco.pid", "--alerts", "alerts.fifo"});
    ASSERT_EQ(parent->wait_exit(), 0) << parent->err();
    EXPECT_EQ(parent->out(), "");
    const std::string pid_text = read_file(dir_.file("falco.pid"));
    ASSERT_FALSE(pid_text.empty());
    EXPECT_EQ(pid_text.find('\n'), std::string::npos);
    const pid_t child = std::stoi(pid_text);
    EXPECT_NE(child, parent->pid());
    {
        std::ofstream w(fifo);  // unblocks the child's open
        w << k_alert1;
    }
    EXPECT_TRUE(wait_until([&] { return ::kill(child, 0) != 0; }));  // EOF ends the daemon
}

// docs/spec/0.35.md#daemon.pidfile: a pid file the parent cannot open: ERR "Could not write pid
// to pid file <f>. Exiting." and exit(-1), status 255, without statistics.
TEST_F(app_binary_test, daemon_035_pid_file_that_cannot_be_written_exits_255) {
    auto p = start("stdout_output: {enabled: true}\nlog_stderr: true\n",
                   {"--profile", "0.35", "-d", "-P", "missing/falco.pid"});
    ASSERT_EQ(p->wait_exit(), 255);
    EXPECT_NE(p->err().find(": Could not write pid to pid file missing/falco.pid. Exiting.\n"),
              std::string::npos)
        << p->err();
    EXPECT_EQ(p->out(), "");
}

// docs/spec/0.34.md#error.format: an error of the command line is printed raw as `Runtime
// error: <message>. Exiting.`, exit 1: the -c file that cannot be opened first, then -d
// without a pid file; nothing else is read.
TEST_F(app_binary_test, command_line_errors_034_are_runtime_errors) {
    ref_process missing({"--profile", "0.34", "-c", "missing.yaml", "-d", "-P", ""}, k_env,
                        dir_.path().string());
    ASSERT_EQ(missing.wait_exit(), 1);
    EXPECT_EQ(missing.err(),
              "Runtime error: Could not find configuration file at missing.yaml. Exiting.\n");
    EXPECT_EQ(missing.out(), "");
    auto p = start("no: [valid yaml\n", {"--profile", "0.34.1", "-d", "-P", ""});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(p->err(),
              "Runtime error: If -d is provided, a pid file must also be provided. Exiting.\n");
    EXPECT_EQ(p->out(), "");
    // cxxopts refuses --dry-run, which came with Falco 0.35.0; the reference has no dry run.
    auto dry = start("stdout_output: {enabled: true}\n", {"--profile", "0.34", "--dry-run"});
    ASSERT_EQ(dry->wait_exit(), 1);
    EXPECT_EQ(dry->err(), "Runtime error: Option \u2018dry-run\u2019 does not exist. Exiting.\n");
    EXPECT_EQ(dry->out(), "");
    auto dry035 = start("stdout_output: {enabled: true}\n", {"--profile", "0.35", "--dry-run"});
    ASSERT_EQ(dry035->wait_exit(), 1);
    EXPECT_EQ(dry035->err().rfind("falco-outputs-ref: unknown argument \"--dry-run\"", 0), 0u)
        << dry035->err();
    // A configuration error is still `Error: <message>`.
    auto q = start("stdout_output: {enabled: maybe}\n", {"--profile", "0.34"});
    ASSERT_EQ(q->wait_exit(), 1);
    EXPECT_EQ(q->err(), "Error: yaml-cpp: error at line 1, column 26: bad conversion\n");
}

// docs/spec/0.34.md#daemon.fork, docs/spec/0.34.md#daemon.umask: the child sets up the outputs
// after the fork and delivers; the file it creates gets 0640 (umask 027); the parent writes the
// pid file and exits 0 without statistics.
TEST_F(app_binary_test, daemon_034_child_sets_up_the_outputs_and_delivers) {
    const std::string fifo = dir_.file("alerts.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto parent = start(
        "stdout_output: {enabled: true}\nlog_stderr: true\n"
        "file_output: {enabled: true, keep_alive: false, filename: " +
            dir_.file("events.txt") + "}\n",
        {"--profile", "0.34", "-d", "-P", "falco.pid", "--alerts", fifo});
    ASSERT_EQ(parent->wait_exit(), 0) << parent->err();
    EXPECT_EQ(parent->out(), "");
    // init_outputs' INFO line is the child's, on its /dev/null.
    EXPECT_EQ(parent->err().find("Hostname value has been overridden"), std::string::npos)
        << parent->err();
    const pid_t child = std::stoi(read_file(dir_.file("falco.pid")));
    {
        std::ofstream w(fifo);  // unblocks the child's open
        w << k_alert1 << k_alert2;
    }
    ASSERT_TRUE(
        wait_until([&] { return read_file(dir_.file("events.txt")) == k_line1 + k_line2; }));
    EXPECT_EQ(fs::status(dir_.file("events.txt")).permissions() & fs::perms::mask,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    EXPECT_TRUE(wait_until([&] { return ::kill(child, 0) != 0; }));  // EOF ends the daemon
}

// docs/spec/0.34.md#daemon.fork: with no channel enabled, 0.34's parent writes the pid file and
// exits 0, and the child ends with the error on its /dev/null; 0.35's parent reports it itself.
TEST_F(app_binary_test, daemon_034_no_output_is_the_childs_error) {
    const std::string yaml = "stdout_output: {enabled: false}\nlog_stderr: true\n";
    auto parent = start(yaml, {"--profile", "0.34", "-d", "-P", "falco.pid"});
    ASSERT_EQ(parent->wait_exit(), 0) << parent->err();
    EXPECT_EQ(parent->out(), "");
    EXPECT_EQ(parent->err().find("No output configured"), std::string::npos) << parent->err();
    const pid_t child = std::stoi(read_file(dir_.file("falco.pid")));
    EXPECT_TRUE(wait_until([&] { return ::kill(child, 0) != 0; }));
    auto p035 = start(yaml, {"--profile", "0.35", "-d", "-P", "falco035.pid"});
    ASSERT_EQ(p035->wait_exit(), 1);
    EXPECT_NE(p035->err().find("\nError: No output configured, please make sure at least one "
                               "output is configured and enabled.\n"),
              std::string::npos)
        << p035->err();
    EXPECT_FALSE(fs::exists(dir_.file("falco035.pid")));
    // Without -d the same process reports it.
    auto q = start(yaml, {"--profile", "0.34"});
    ASSERT_EQ(q->wait_exit(), 1);
    EXPECT_NE(q->err().find("Error: No output configured"), std::string::npos) << q->err();
}

// docs/spec/0.33.md#error.format: a configuration error is a "Runtime error" logged with the
// logger as the configuration had set it when the error was raised: at info on stderr before
// log_level, dropped at log_level critical, and only raw (no timestamp) once log_stderr is false.
TEST_F(app_binary_test, config_errors_033_are_runtime_errors_of_the_logger_of_their_moment) {
    auto early = start("stdout_output: {enabled: true}\nlog_level: bogus\n", {"--profile", "0.33"});
    ASSERT_EQ(early->wait_exit(), 1);
    EXPECT_EQ(mask_asctime(early->err()),
              "<asctime>: Runtime error: Unknown log level bogus. Exiting.\n");
    EXPECT_EQ(early->out(), "");
    const std::string critical = "stdout_output: {enabled: true}\nlog_level: critical\n";
    auto silent = start(critical + "priority: bogus\n", {"--profile", "0.33"});
    ASSERT_EQ(silent->wait_exit(), 1);
    EXPECT_EQ(silent->err(), "");
    EXPECT_EQ(silent->out(), "");
    auto raw = start(critical + "log_stderr: false\nlog_syslog: maybe\n", {"--profile", "0.33.1"});
    ASSERT_EQ(raw->wait_exit(), 1);
    EXPECT_EQ(raw->err(),
              "Runtime error: yaml-cpp: error at line 4, column 13: bad conversion. Exiting.\n");
    auto option = start(critical, {"--profile", "0.33", "-o", "log_level"});
    ASSERT_EQ(option->wait_exit(), 1);
    EXPECT_EQ(mask_asctime(option->err()),
              "<asctime>: Runtime error: Error parsing config option \"log_level\". Must be of the "
              "form key=val or key.subkey=val. Exiting.\n");
    auto yaml = start("a: [b\n", {"--profile", "0.33"});
    ASSERT_EQ(yaml->wait_exit(), 1);
    const std::string err = mask_asctime(yaml->err());
    EXPECT_EQ(err.rfind("Cannot read config file (falco.yaml): yaml-cpp: error at line ", 0), 0u)
        << err;
    const std::string last = "\n<asctime>: Runtime error: std::exception. Exiting.\n";
    ASSERT_GE(err.size(), last.size());
    EXPECT_EQ(err.substr(err.size() - last.size()), last) << err;
    // 0.34 prints the same errors raw as "Error: <message>".
    auto p034 = start(critical + "priority: bogus\n", {"--profile", "0.34"});
    ASSERT_EQ(p034->wait_exit(), 1);
    EXPECT_EQ(p034->err().rfind("Error: Unknown priority \"bogus\"", 0), 0u) << p034->err();
}

// docs/spec/0.33.md#error.config.no_output: the missing output is found while the configuration
// is read, before log_level and before -d forks: the process started reports it, in 0.15.3's
// words, and no pid file is written.
TEST_F(app_binary_test, no_output_033_is_found_before_the_fork) {
    auto p = start("stdout_output: {enabled: false}\nlog_level: critical\nlog_stderr: false\n",
                   {"--profile", "0.33", "-d", "-P", "falco.pid"});
    ASSERT_EQ(p->wait_exit(), 1);
    EXPECT_EQ(mask_asctime(p->err()),
              "<asctime>: Runtime error: Error reading config file (falco.yaml): No outputs "
              "configured. Please configure at least one output file output enabled but no "
              "filename in configuration block. Exiting.\n");
    EXPECT_EQ(p->out(), "");
    EXPECT_FALSE(fs::exists(dir_.file("falco.pid")));
}

}  // namespace
}  // namespace falco_ref
