// SPDX-License-Identifier: Apache-2.0
// The harness end to end against fake implementations (tests/fakes/fake_impl.sh) and the
// harness test cases (tests/golden): step kinds, verdicts, baselines, reports, exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "app/conformance_app.hpp"
#include "temp_root.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

struct run_output {
    int code;
    std::string out;
    std::string err;
};

run_output run(std::vector<std::string> args, bool with_golden = true) {
    if (with_golden) {
        args.insert(args.begin(), {"--golden", CONFORMANCE_TEST_GOLDEN});
    }
    std::ostringstream out, err;
    const int code = run_app("falco-conformance", args, out, err);
    return {code, out.str(), err.str()};
}

const std::string k_fake = std::string(CONFORMANCE_FAKE_IMPL) + " auto";

std::string last_line(const std::string& text) {
    const auto lines = all_lines(text);
    return lines.empty() ? "" : lines.back();
}

fs::path temp_file(const std::string& name, const std::string& content) {
    const auto path =
        fs::temp_directory_path() / ("conformance-test-" + std::to_string(getpid()) + "-" + name);
    write_file(path, content);
    return path;
}

// Whether a fake's `sleep <seconds>` (fake_impl.sh hang) is still running anywhere.
bool sleep_running(const std::string& seconds) {
    const std::string needle = std::string("sleep\0", 6) + seconds;
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        try {
            if (read_file(it->path() / "cmdline").find(needle) != std::string::npos) {
                return true;
            }
        } catch (const std::exception&) {
            // vanished meanwhile, or not a process
        }
    }
    return false;
}

class harness_run : public ::testing::Test {
protected:
    static void SetUpTestSuite() { std::signal(SIGPIPE, SIG_IGN); }
};

}  // namespace

// Every step kind and channel, one harness test case each (value-parameterised).
class step_kind : public harness_run, public ::testing::WithParamInterface<const char*> {};

TEST_P(step_kind, passes_against_the_fake) {
    const auto r = run({"--impl", k_fake, "--case", GetParam()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(last_line(r.out), "1 passed, 0 failed, 0 skipped") << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    cases, step_kind,
    ::testing::Values("0.44/stdout/echo", "0.44/input/send_forms", "0.44/input/fifo",
                      "0.44/file/actions", "0.44/syslog/logger", "0.44/syslog/devlog",
                      "0.44/program/capture", "0.44/http/post", "0.44/lifecycle/signals",
                      "0.44/lifecycle/exit_code", "0.44/stderr/patterns",
                      "0.44/lifecycle/environment", "0.44/delivery/all_delivered",
                      "0.44/delivery/program_reads", "0.44/delivery/big_line",
                      "0.44/setup/directory_before_start", "0.44/templating/closed_port_refused",
                      "0.44/input/generated_alerts_file", "0.44/input/adapter_alerts_file",
                      "0.44/modes/pid_and_mode"),
    [](const auto& info) {
        std::string name = info.param;
        for (auto& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                c = '_';
            }
        }
        return name;
    });

TEST_F(harness_run, the_whole_suite_in_parallel) {
    const auto r = run(
        {"--impl", k_fake, "-j", "4", "--exclude-tag", "fails", "--exclude-tag", "harness_error"});
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(last_line(r.out), "20 passed, 0 failed, 0 skipped") << r.out;
}

// Each fake breaks the accounting in one way; the delivery check must catch it and say where.
class broken_delivery : public harness_run,
                        public ::testing::WithParamInterface<std::pair<const char*, const char*>> {
};

TEST_P(broken_delivery, fails_with_a_clear_report) {
    const auto r = run({"--impl", k_fake, "--case", GetParam().first});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("[delivery]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(GetParam().second), std::string::npos) << r.out;
    EXPECT_EQ(last_line(r.out), "0 passed, 1 failed, 0 skipped") << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    fakes, broken_delivery,
    ::testing::Values(
        std::pair{"0.44/delivery/lost_alert",
                  "stdout: 9 of 10 alerts in order (seq 1..10)\n        first missing seq=7 (loss: "
                  "none)"},
        std::pair{"0.44/delivery/reordered_alert",
                  "record 6: seq=5 out of order (after seq=6 in record 5)"},
        std::pair{"0.44/delivery/duplicated_alert",
                  "record 4: seq=3 duplicated (after seq=3 in record 3)"},
        std::pair{
            "0.44/delivery/channels_disagree",
            "file:events.txt: 5 of 6 alerts in order (seq 1..6)\n        not the same alerts as "
            "stdout: missing here seq=4"}),
    [](const auto& info) {
        std::string name = info.param.first;
        return name.substr(name.rfind('/') + 1);
    });

// The default umask is 022 (the file comes out 0644, not 0640), and the pid file holds no
// newline: both comparisons fail and say what they saw.
TEST_F(harness_run, file_modes_and_impl_pid_text_are_compared) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/modes/pid_and_mode_wrong"});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("mode 0644, expected 0640"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pid.txt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the expected text"), std::string::npos) << r.out;
    EXPECT_EQ(last_line(r.out), "0 passed, 1 failed, 0 skipped") << r.out;
}

TEST_F(harness_run, a_mismatch_shows_diff_json_explanation_and_reproduce_line) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/stdout/mismatch"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("FAIL  0.44/stdout/mismatch"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("    -{\"a\":1,\"b\":\"x\"}\n    +{\"a\":3,\"b\":\"x\"}\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("json: value differs at $.a: expected 1, got 3"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("reproduce: falco-conformance --impl '" + k_fake +
                         "' --profile 0.44 --golden " CONFORMANCE_TEST_GOLDEN
                         " --case 0.44/stdout/mismatch --keep-workdir"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(last_line(r.out), "0 passed, 1 failed, 0 skipped");
}

TEST_F(harness_run, a_hanging_implementation_is_killed_with_its_group) {
    // A sleep duration no other test uses: ctest runs tests in parallel, and another test's
    // hanging fake may legitimately still be running while this one checks.
    const auto r = run({"--impl", "HANG_SECONDS=3602 " + k_fake, "--case", "0.44/lifecycle/hang"});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("did not exit within the case timeout"), std::string::npos) << r.out;
    // Nothing left running: no `sleep 3602` of this test's fake survives.
    EXPECT_FALSE(sleep_running("3602"));
}

TEST_F(harness_run, a_mock_that_cannot_start_is_an_error_exit_2) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/errors/mock_fails"});
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("ERROR 0.44/errors/mock_fails"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("mock-http did not start"), std::string::npos) << r.out;
    EXPECT_NE(
        r.out.find(
            "0 not applicable, 0 expected failures, 1 errors\n0 passed, 0 failed, 0 skipped\n"),
        std::string::npos)
        << r.out;
}

TEST_F(harness_run, a_failure_wins_over_an_error) {
    const auto r = run(
        {"--impl", k_fake, "--case", "0.44/errors/mock_fails", "--case", "0.44/stdout/mismatch"});
    EXPECT_EQ(r.code, 1) << r.out;
}

TEST_F(harness_run, known_failures_expected_and_stale) {
    const auto list = temp_file("kf",
                                "# comment\n0.44/stdout/mismatch   sed rewrites digits\n"
                                "0.44/stdout/echo  wrongly listed\n");
    const auto r =
        run({"--impl", k_fake, "--case", "0.44/stdout", "--known-failures", list.string()});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("XFAIL 0.44/stdout/mismatch"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("sed rewrites digits"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("listed as a known failure at " + list.string() +
                         ":3 (wrongly listed) but passed: remove "
                         "the entry"),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find(
            "0 not applicable, 1 expected failures, 0 errors\n0 passed, 1 failed, 0 skipped\n"),
        std::string::npos)
        << r.out;

    const auto only_failing = temp_file("kf2", "0.44/stdout/mismatch  sed rewrites digits\n");
    EXPECT_EQ(
        run({"--impl", k_fake, "--case", "0.44/stdout", "--known-failures", only_failing.string()})
            .code,
        0);

    const auto typo = temp_file("kf3", "0.44/stdout/mismatch_typo  x\n");
    const auto t = run({"--impl", k_fake, "--known-failures", typo.string()});
    EXPECT_EQ(t.code, 2);
    EXPECT_NE(t.err.find("matches no case"), std::string::npos) << t.err;
    EXPECT_EQ(
        run({"--impl", k_fake, "--known-failures", temp_file("kf4", "0.44/stdout/echo\n").string()})
            .code,
        2);
}

TEST_F(harness_run, baseline_written_from_a_run_makes_the_next_run_pass) {
    const auto baseline =
        fs::temp_directory_path() / ("conformance-baseline-" + std::to_string(getpid()));
    EXPECT_EQ(run({"--impl", k_fake, "--case", "0.44/stdout", "--write-known-failures",
                   baseline.string()})
                  .code,
              1);
    EXPECT_NE(read_file(baseline).find("0.44/stdout/mismatch  fails: [stdout]"), std::string::npos);
    EXPECT_EQ(
        run({"--impl", k_fake, "--case", "0.44/stdout", "--known-failures", baseline.string()})
            .code,
        0);
}

// A baseline written under a loaded list holds exactly this run's failures: a listed case that
// now passes is left out (the list converges), a listed failure keeps its reason.
TEST_F(harness_run, baseline_written_under_a_list_holds_exactly_the_failures) {
    const auto old_list = temp_file("kf-old",
                                    "0.44/stdout/echo  fixed since\n"
                                    "0.44/stdout/mismatch  sed rewrites digits\n");
    const auto fresh =
        fs::temp_directory_path() / ("conformance-baseline-new-" + std::to_string(getpid()));
    const auto r = run({"--impl", k_fake, "--case", "0.44/stdout", "--known-failures",
                        old_list.string(), "--write-known-failures", fresh.string()});
    EXPECT_EQ(r.code, 1) << r.out;  // the stale entry fails this run
    const auto lines = all_lines(read_file(fresh));
    ASSERT_EQ(lines.size(), 3u) << read_file(fresh);
    EXPECT_EQ(lines[2], "0.44/stdout/mismatch  sed rewrites digits");
    EXPECT_EQ(
        run({"--impl", k_fake, "--case", "0.44/stdout", "--known-failures", fresh.string()}).code,
        0);
    fs::remove(fresh);
}

TEST_F(harness_run, capabilities_make_cases_not_applicable) {
    const auto caps = temp_file(
        "caps", "# lacking\nmock:http  built without libcurl\nsignal:HUP  not needed by any\n");
    const auto r = run({"--impl", k_fake, "--case", "0.44/http", "--case", "0.44/stdout/echo",
                        "--capabilities", caps.string()});
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("N/A   0.44/http/post"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("needs mock:http (mocks.http), which the implementation lacks: built "
                         "without libcurl (" +
                         caps.string() + ":2)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("warning: " + caps.string() +
                         ":3: feature 'signal:HUP' is needed by no selected case"),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.out.find(
            "1 not applicable, 0 expected failures, 0 errors\n1 passed, 0 failed, 0 skipped\n"),
        std::string::npos)
        << r.out;
}

// Every lacking feature a case needs is named, and a line is "needed by no selected case" only
// when that is so: `mock:capture` after `program` (both needed by the same cases) is no warning.
TEST_F(harness_run, every_lacking_feature_counts_and_warnings_name_real_reasons) {
    const auto caps = temp_file("caps-reasons",
                                "program  no program output\nmock:capture  no capture program\n"
                                "syslog  no syslog output\ntag:fails  a tag, written as one\n"
                                "stdout  the directory of mismatch, but no feature of it\n");
    const auto r = run({"--impl", k_fake, "--case", "0.44/program", "--case",
                        "0.44/stdout/mismatch", "--capabilities", caps.string()});
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("N/A   0.44/program/capture  (0 ms)  needs program ("), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("; needs mock:capture ({{capture}} in config), which the "
                         "implementation lacks: no capture program (" +
                         caps.string() + ":2)"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("N/A   0.44/stdout/mismatch  (0 ms)  has tag fails, which the "
                         "implementation lacks: a tag, written as one"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("mock:capture' is needed by no selected case"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("warning: " + caps.string() +
                         ":3: feature 'syslog' is needed by no selected case"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("warning: " + caps.string() +
                         ":5: 'stdout' is a tag of 1 selected cases, not a feature: "
                         "capabilities match features (--list shows each case's); write "
                         "tag:stdout to declare those cases not applicable"),
              std::string::npos)
        << r.out;
}

// --list with the lists: what a run would make of each case, and the same warnings.
TEST_F(harness_run, list_previews_verdicts_under_capabilities_and_known_failures) {
    const auto caps = temp_file("caps-preview", "http  built without libcurl\nsignal:HUP  none\n");
    const auto kf = temp_file("kf-preview", "0.44/stdout/mismatch  sed rewrites digits\n");
    const auto r = run({"--list", "--case", "0.44/http", "--case", "0.44/stdout", "--capabilities",
                        caps.string(), "--known-failures", kf.string()});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("0.44/http/post http mock:http\n  not applicable: needs http "
                         "(steps[1] (wait), expect.http, expect.http_connections), which the "
                         "implementation lacks: built without libcurl (" +
                         caps.string() + ":1)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("0.44/stdout/echo stdout stream:stdout\n  run\n"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("0.44/stdout/mismatch stream:stdout\n  expected failure: sed rewrites "
                         "digits (" +
                         kf.string() + ":1); a pass fails the run until the line is removed\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("warning: " + caps.string() +
                         ":2: feature 'signal:HUP' is needed by no selected case"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("preview: 1 expected failure, 1 not applicable, 1 run\n"),
              std::string::npos)
        << r.out;
    // Without the lists, the plain listing.
    EXPECT_EQ(run({"--list", "--case", "0.44/stdout/echo"}).out,
              "0.44/stdout/echo stdout stream:stdout\n");
}

// docs/REAL-FALCO.md section 5, request 5: exit 77 before delivering anything is "not
// applicable" only when the capabilities file says `exit-77-not-applicable`; else it fails.
TEST_F(harness_run, exit_77_is_not_applicable_only_when_the_capabilities_opt_in) {
    const std::string impl = std::string(CONFORMANCE_FAKE_IMPL) + " exit77";
    const auto without = run({"--impl", impl, "--case", "0.44/stdout/echo"});
    EXPECT_EQ(without.code, 1) << without.out;
    EXPECT_EQ(last_line(without.out), "0 passed, 1 failed, 0 skipped") << without.out;

    const auto caps = temp_file(
        "caps77", "exit-77-not-applicable  the adapter exits 77 on alerts it cannot carry\n");
    const auto with =
        run({"--impl", impl, "--case", "0.44/stdout/echo", "--capabilities", caps.string()});
    EXPECT_EQ(with.code, 0) << with.out;
    EXPECT_NE(with.out.find("N/A   0.44/stdout/echo"), std::string::npos) << with.out;
    EXPECT_NE(with.out.find("the implementation declared the case not applicable (exit 77): "
                            "fake_impl.sh: cannot run this case faithfully"),
              std::string::npos)
        << with.out;
    EXPECT_NE(with.out.find("declared not applicable by the implementation (exit 77): "
                            "0.44/stdout/echo\n1 not applicable, 0 expected failures, 0 errors\n"
                            "0 passed, 0 failed, 0 skipped\n"),
              std::string::npos)
        << with.out;
    // An implementation that does run the case is judged as usual under the same file.
    EXPECT_EQ(last_line(run({"--impl", k_fake, "--case", "0.44/stdout/echo", "--capabilities",
                             caps.string()})
                            .out),
              "1 passed, 0 failed, 0 skipped");
}

TEST_F(harness_run, selection_by_tag_and_listing) {
    const auto r = run({"--list", "--tag", "syslog", "--exclude-tag", "nothing"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out,
              "0.44/syslog/devlog mock:syslog stream:stdout\n"
              "0.44/syslog/logger mock:syslog syslog\n");
    EXPECT_EQ(run({"--list", "--case", "0.44/*/echo"}).out,
              "0.44/stdout/echo stdout stream:stdout\n");
}

TEST_F(harness_run, reports_junit_and_json) {
    const auto junit =
        fs::temp_directory_path() / ("conformance-junit-" + std::to_string(getpid()) + ".xml");
    const auto json =
        fs::temp_directory_path() / ("conformance-json-" + std::to_string(getpid()) + ".json");
    run({"--impl", k_fake, "--case", "0.44/stdout", "--junit", junit.string(), "--json",
         json.string()});
    const auto x = read_file(junit);
    EXPECT_NE(x.find("<testsuite name=\"0.44/stdout\" tests=\"2\" failures=\"1\""),
              std::string::npos)
        << x;
    EXPECT_NE(x.find("<testcase classname=\"0.44.stdout\" name=\"echo\""), std::string::npos) << x;
    EXPECT_NE(x.find("<failure message=\"differs from expected/stdout"), std::string::npos) << x;
    const auto j = read_file(json);
    EXPECT_NE(j.find("\"exit_code\": 1"), std::string::npos) << j;
    EXPECT_NE(j.find("\"verdict\": \"failed\""), std::string::npos) << j;
    EXPECT_NE(j.find("\"reproduce\": "), std::string::npos) << j;
}

TEST_F(harness_run, keep_workdir_keeps_and_names_it) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/file/actions", "--keep-workdir"});
    const auto at = r.out.find("workdir kept: ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const auto dir = r.out.substr(at + 14, r.out.find('\n', at) - at - 14);
    EXPECT_TRUE(fs::exists(fs::path(dir) / "events.txt"));
    EXPECT_TRUE(fs::exists(fs::path(dir) / "falco.yaml"));
    fs::remove_all(dir);
}

// A failure shows how the implementation was started (argv, environment, config), on the
// console and in the JSON report; a kept work directory has reproduce.sh, which runs it again
// exactly as the harness did: the same output. Stdin and FIFO input.
class reproduce : public harness_run, public ::testing::WithParamInterface<const char*> {};

TEST_P(reproduce, a_kept_work_dir_replays_the_run) {
    const auto r =
        run({"--impl", "SED_UNUSED=1 " + k_fake, "--case", GetParam(), "--keep-workdir"});
    const auto at = r.out.find("workdir kept: ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const fs::path dir = r.out.substr(at + 14, r.out.find('\n', at) - at - 14);
    const auto script = dir / "reproduce.sh";
    ASSERT_TRUE(fs::exists(script));
    EXPECT_NE(fs::status(script).permissions() & fs::perms::owner_exec, fs::perms::none);
    const auto replay = dir / "replayed-stdout";
    ASSERT_EQ(std::system((script.string() + " >" + replay.string() + " 2>/dev/null").c_str()), 0);
    EXPECT_EQ(read_file(replay), read_file(dir / ".harness/stdout"));
    EXPECT_FALSE(read_file(replay).empty());
    const auto text = read_file(script);
    EXPECT_NE(text.find("{{closed_port_url}} was http://127.0.0.1:"), std::string::npos) << text;
    EXPECT_NE(
        text.find(" SED_UNUSED=1 " + std::string(CONFORMANCE_FAKE_IMPL) + " auto -c falco.yaml"),
        std::string::npos)
        << text;
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(input, reproduce,
                         ::testing::Values("0.44/stdout/mismatch", "0.44/input/fifo"),
                         [](const auto& info) {
                             return std::string(info.param).substr(5, 5) == "stdou"
                                        ? std::string("stdin")
                                        : std::string("fifo");
                         });

TEST_F(harness_run, a_failure_shows_argv_environment_and_config) {
    const auto json =
        fs::temp_directory_path() / ("conformance-failure-json-" + std::to_string(getpid()));
    const auto r =
        run({"--impl", k_fake, "--case", "0.44/stdout/mismatch", "--json", json.string()});
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("  implementation started as: cd /"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" && env -i TZ=UTC0 FALCO_HOSTNAME=golden-host PATH="), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(" " + std::string(CONFORMANCE_FAKE_IMPL) +
                         " auto -c falco.yaml\n"
                         "  with falco.yaml:\n    | # fake: sed\n"),
              std::string::npos)
        << r.out;
    const auto report = read_file(json);
    EXPECT_NE(report.find("\"invocation\": {\n"), std::string::npos) << report;
    EXPECT_NE(report.find("\"argv\": ["), std::string::npos) << report;
    EXPECT_NE(report.find("\"" + std::string(CONFORMANCE_FAKE_IMPL) + "\",\n"), std::string::npos)
        << report;
    EXPECT_NE(report.find("\"TZ\": \"UTC0\""), std::string::npos) << report;
    EXPECT_NE(report.find("\"config\": \"# fake: sed\\n\""), std::string::npos) << report;
    fs::remove(json);
}

// The signals a case sends are listed in reproduce.sh, to be sent by hand.
TEST_F(harness_run, reproduce_sh_lists_the_signals_the_case_sends) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/lifecycle/signals", "--keep-workdir"});
    const auto at = r.out.find("workdir kept: ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const fs::path dir = r.out.substr(at + 14, r.out.find('\n', at) - at - 14);
    const auto text = read_file(dir / "reproduce.sh");
    EXPECT_NE(text.find("# steps[2] (signal): the harness sent SIGUSR1 to the process: kill -USR1 "
                        "PID\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# steps[4] (signal): the harness sent SIGTERM to the process group: "
                        "kill -TERM -- -PID\n"),
              std::string::npos)
        << text;
    fs::remove_all(dir);
}

// A timeout names the limit that applied and where it came from, never a default that did not.
TEST_F(harness_run, timeout_messages_name_the_limit_in_force) {
    const auto cut = run({"--impl", "HANG_SECONDS=3604 " + k_fake, "--case",
                          "0.44/lifecycle/hang_wait_exit", "--timeout-ms", "1000"});
    EXPECT_EQ(cut.code, 1) << cut.out;
    EXPECT_NE(cut.out.find("[steps[1] (wait_exit)] the implementation did not exit within the "
                           "case timeout, 1000 ms (--timeout-ms)\n"),
              std::string::npos)
        << cut.out;
    const auto own =
        run({"--impl", "HANG_SECONDS=3604 " + k_fake, "--case", "0.44/lifecycle/hang"});
    EXPECT_NE(own.out.find("[exit] the implementation did not exit within the case timeout, 1500 "
                           "ms (timeout_ms of the case) after its input was closed (killed)\n"),
              std::string::npos)
        << own.out;
    EXPECT_FALSE(sleep_running("3604"));
}

// A case asking for a signal the harness does not send is refused by --check with file, line and
// key, never run with some other signal.
TEST_F(harness_run, check_refuses_an_unknown_signal_with_file_line_and_key) {
    const temp_root root_dir("conformance-check");
    const auto& root = root_dir.path();
    const auto dir = root / "0.44/lifecycle/bad_signal";
    fs::create_directories(dir);
    write_file(dir / "case.yaml",
               "description: d\nprovenance: [p]\nsteps:\n  - close_stdin\n"
               "  - signal: {name: STOP}\n");
    const auto r = run({"--golden", root.string(), "--check"}, false);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find((dir / "case.yaml").string() +
                         ":5: steps[1].signal.name: unknown signal STOP (must be USR1, TERM, INT "
                         "or HUP)\n0 cases valid, 1 with errors"),
              std::string::npos)
        << r.out;
}

TEST_F(harness_run, check_refuses_release_without_mock_http_with_file_line_and_key) {
    const temp_root root_dir("conformance-check");
    const auto& root = root_dir.path();
    const auto dir = root / "0.44/http/release_without_mock";
    fs::create_directories(dir);
    write_file(dir / "case.yaml",
               "description: d\nprovenance: [p]\nsteps:\n  - close_stdin\n"
               "  - release: http\n");
    const auto r = run({"--golden", root.string(), "--check"}, false);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find((dir / "case.yaml").string() +
                         ":5: steps[1].release: the case starts no mock-http (mocks.http)"),
              std::string::npos)
        << r.out;
}

TEST_F(harness_run, usage_errors_exit_2) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--impl", k_fake, "--bogus"},
             {"--impl", k_fake, "--profile", "0.99"},
             {"--case", "x"},
             {"--impl", "/nonexistent/impl"},
             {"--impl", "impl | tee"},
             {"--impl", k_fake, "--case", "0.44/nothing/here"},
             {"--impl", k_fake, "-j", "0"},
             {"--impl", k_fake, "--timeout-ms", "x"},
             {"--impl", k_fake, "--profile", "legacy"},  // no legacy cases in the test golden dir
         }) {
        const auto r = run(args);
        EXPECT_EQ(r.code, 2) << args.back() << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find("falco-conformance: "), std::string::npos) << r.err;
    }
    EXPECT_EQ(run({"--golden", "/nonexistent", "--impl", k_fake}, false).code, 2);
}

TEST_F(harness_run, the_binary_exits_with_the_documented_codes) {
    const auto status = [](const std::string& args) {
        const std::string cmd = std::string(CONFORMANCE_BINARY) +
                                " --golden " CONFORMANCE_TEST_GOLDEN " --impl '" + k_fake + "' " +
                                args + " >/dev/null 2>&1";
        const int st = std::system(cmd.c_str());
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    };
    EXPECT_EQ(status("--case 0.44/stdout/echo"), 0);
    EXPECT_EQ(status("--case 0.44/stdout/mismatch"), 1);
    EXPECT_EQ(status("--case 0.44/errors/mock_fails"), 2);
    EXPECT_EQ(status("--nonsense"), 2);
}

TEST_F(harness_run, case_timeout_option_overrides_the_case) {
    const auto r = run({"--impl", k_fake, "--case", "0.44/lifecycle/hang", "--timeout-ms", "300"});
    EXPECT_EQ(r.code, 1);
    EXPECT_LT(std::stoi(r.out.substr(r.out.find("(") + 1)), 1500) << r.out;
}

}  // namespace conformance

namespace conformance {

// SIGINT to the harness mid-case: every implementation it started is killed, exit 128+2.
// The signal is sent once the fake's `sleep 3601` runs (a condition with a deadline, not a
// fixed delay, which raced with the harness's start-up on a loaded machine).
TEST(harness_interrupt, an_interrupted_run_leaves_nothing_running) {
    const std::string impl = "HANG_SECONDS=3601 " + std::string(CONFORMANCE_FAKE_IMPL) + " auto";
    std::vector<std::string> args = {CONFORMANCE_BINARY,
                                     "--golden",
                                     CONFORMANCE_TEST_GOLDEN,
                                     "--impl",
                                     impl,
                                     "--case",
                                     "0.44/lifecycle/hang",
                                     "--timeout-ms",
                                     "60000"};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t harness = -1;
    ASSERT_EQ(posix_spawn(&harness, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!sleep_running("3601") && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling interval
    }
    const bool started = sleep_running("3601");
    ::kill(harness, SIGINT);
    int st = 0;
    ASSERT_EQ(::waitpid(harness, &st, 0), harness);
    ASSERT_TRUE(started) << "the fake implementation never started";
    ASSERT_TRUE(WIFEXITED(st));
    EXPECT_EQ(WEXITSTATUS(st), 130);
    EXPECT_FALSE(sleep_running("3601"));
}

}  // namespace conformance

namespace conformance {

TEST(harness_repeat, differing_outcomes_fail_as_nondeterministic) {
    const auto state =
        fs::temp_directory_path() / ("conformance-flaky-" + std::to_string(getpid()));
    fs::remove(state);
    std::ostringstream out, err;
    const int code =
        run_app("falco-conformance",
                {"--golden", CONFORMANCE_TEST_GOLDEN, "--impl",
                 "FLAKY_STATE=" + state.string() + " " + CONFORMANCE_FAKE_IMPL + " auto", "--case",
                 "0.44/lifecycle/flaky", "--repeat", "2"},
                out, err);
    fs::remove(state);
    EXPECT_EQ(code, 1) << out.str();
    EXPECT_NE(out.str().find("[repeat] nondeterministic: passed 1 of 2 runs"), std::string::npos)
        << out.str();
}

}  // namespace conformance

namespace conformance {

// Without mount namespaces (here: the harness as an unprivileged user), syslog cases are
// skipped with the reason, never passed; the others still run.
TEST(harness_no_namespace, syslog_cases_are_skipped_not_passed) {
    if (geteuid() != 0 || std::system("command -v setpriv >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "needs root and setpriv to drop privileges";
    }
    const auto out = fs::temp_directory_path() / ("conformance-nons-" + std::to_string(getpid()));
    const std::string cmd =
        "setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR=/tmp " +
        std::string(CONFORMANCE_BINARY) + " --golden " CONFORMANCE_TEST_GOLDEN " --impl '" +
        std::string(CONFORMANCE_FAKE_IMPL) +
        " auto' --case 0.44/syslog/logger --case 0.44/stdout/echo >" + out.string() + " 2>&1";
    const int st = std::system(cmd.c_str());
    const auto text = read_file(out);
    fs::remove(out);
    EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << text;
    EXPECT_NE(text.find("SKIP  0.44/syslog/logger"), std::string::npos) << text;
    EXPECT_NE(text.find("1 passed, 0 failed, 1 skipped\n"), std::string::npos) << text;
}

}  // namespace conformance
