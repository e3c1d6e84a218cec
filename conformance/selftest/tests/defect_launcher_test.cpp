// SPDX-License-Identifier: Apache-2.0
// conformance-defect around small programs (the probe, cat, env, echo): each way of wrapping
// changes what it names. The probe makes one interposed call at a time.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const char* const k_catalog = R"(defects:
  reversed: {what: w, wrap: {shim: {output: json_members_reversed}}}
  no_newline: {what: w, wrap: {shim: {output: no_newline}}}
  ignore_usr1: {what: w, wrap: {shim: {ignore_signal: USR1}}}
  setsid: {what: w, wrap: {shim: {spawn_setsid: "true"}}}
  lose: {what: w, wrap: {shim: {lose_unflushed_at_end_of_input: "true"}}}
  drop_stats: {what: w, wrap: {shim: {drop_stdout_starting_with: "Events detected: "}}}
  withhold: {what: w, wrap: {input: withhold_last_line}}
  args_env: {what: w, wrap: {args: ["-o", "x=1"], env: {TZ: UTC0}}}
)";

struct run_result {
    int status = -1;
    std::string out;
};

// Runs argv with `input` on its stdin (then closed) and returns its exit status and stdout.
run_result run(const std::vector<std::string>& argv, const std::string& input = "") {
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) {
        return {};
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        for (int fd : {in[0], in[1], out[0], out[1]}) {
            ::close(fd);
        }
        std::vector<char*> raw;
        for (const auto& a : argv) {
            raw.push_back(const_cast<char*>(a.c_str()));
        }
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    [[maybe_unused]] const ssize_t w = ::write(in[1], input.data(), input.size());
    ::close(in[1]);
    run_result r;
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof(buf))) > 0;) {
        r.out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

class defect_launcher_test : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("selftest-launcher-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        std::ofstream(dir_ / "defects.yaml") << k_catalog;
    }
    void TearDown() override { fs::remove_all(dir_); }

    // The program under one defect of the test catalog ("" = the probe without any).
    run_result with(const std::string& defect, std::vector<std::string> program,
                    const std::string& input = "") {
        if (defect.empty()) {
            return run(program, input);
        }
        std::vector<std::string> argv = {SELFTEST_LAUNCHER, "--catalog",
                                         (dir_ / "defects.yaml").string(), defect, "--"};
        argv.insert(argv.end(), program.begin(), program.end());
        return run(argv, input);
    }
    run_result probe(const std::string& defect, const std::string& what,
                     const std::string& text = "", const std::string& input = "") {
        return with(defect, {SELFTEST_PROBE, what, text}, input);
    }

    fs::path dir_;
};

TEST_F(defect_launcher_test, output_transform_reaches_fwrite_write_and_writev) {
    const std::string json = R"({"a":1,"b":2})";
    for (const char* call : {"fwrite", "write", "writev"}) {
        EXPECT_EQ(probe("", call, json).out, json + "\n") << call;
        EXPECT_EQ(probe("reversed", call, json).out, "{\"b\":2,\"a\":1}\n") << call;
        EXPECT_EQ(probe("no_newline", call, json).out, json) << call;
    }
}

TEST_F(defect_launcher_test, ignore_signal_turns_a_handler_into_sig_ign) {
    EXPECT_EQ(probe("", "sigusr1").out, "handled\n");
    const auto r = probe("ignore_usr1", "sigusr1");
    EXPECT_EQ(r.status, 0);  // ignored, not fatal
    EXPECT_EQ(r.out, "not handled\n");
}

TEST_F(defect_launcher_test, spawn_setsid_gives_the_child_its_own_session) {
    EXPECT_EQ(probe("", "session").out, "same session\n");
    EXPECT_EQ(probe("setsid", "session").out, "own session\n");
}

TEST_F(defect_launcher_test, the_shim_is_not_inherited_by_spawned_programs) {
    const auto env = probe("setsid", "child-env").out;
    EXPECT_EQ(env.find("CONFORMANCE_DEFECT_SHIM"), std::string::npos) << env;
    EXPECT_EQ(env.find("conformance_defect_shim"), std::string::npos) << env;
}

TEST_F(defect_launcher_test, lose_unflushed_spares_streams_flushed_line_by_line) {
    EXPECT_EQ(probe("", "flush-at-eof", "buffered").out, "one\ntwo\nafter\n");
    EXPECT_EQ(probe("lose", "flush-at-eof", "buffered").out, "after\n");
    EXPECT_EQ(probe("lose", "flush-at-eof", "per-line").out, "one\ntwo\nafter\n");
}

TEST_F(defect_launcher_test, drop_stdout_starting_with_drops_that_write_only) {
    EXPECT_EQ(probe("drop_stats", "two-writes", "Events detected: 1\n").out, "tail\n");
    EXPECT_EQ(probe("drop_stats", "two-writes", "Events: 1\n").out, "Events: 1\ntail\n");
}

TEST_F(defect_launcher_test, input_filter_withholds_the_last_line_of_stdin) {
    EXPECT_EQ(with("withhold", {"/bin/cat"}, "1\n2\n3\n").out, "1\n2\n");
}

TEST_F(defect_launcher_test, input_filter_takes_over_an_alerts_path) {
    const auto path = dir_ / "alerts.txt";
    std::ofstream(path) << "1\n2\n3\n";
    // The launcher replaces the path after `--alerts` with /dev/fd/N ($2 of the shell).
    const auto r =
        with("withhold", {"/bin/sh", "-c", "cat \"$2\"", "sh", "--alerts", path.string()});
    EXPECT_EQ(r.out, "1\n2\n");
}

TEST_F(defect_launcher_test, args_and_env) {
    // The arguments come after the program's own ($1 $2 of the shell).
    EXPECT_EQ(with("args_env", {"/bin/sh", "-c", "echo \"TZ=$TZ $1 $2\"", "sh"}).out,
              "TZ=UTC0 -o x=1\n");
}

TEST_F(defect_launcher_test, unknown_defect_is_a_usage_error) {
    EXPECT_EQ(with("nope", {"/bin/true"}).status, 2);
}

}  // namespace
