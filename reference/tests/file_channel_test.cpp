// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/file_channel.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "config_test_support.hpp"
#include "falco_ref/config_loader.hpp"

namespace falco_ref {
namespace {

using testing::read_file;
using testing::temp_dir;
namespace fs = std::filesystem;

class file_channel_test : public ::testing::Test {
protected:
    config make_config(profile_id p, bool keep_alive, bool buffered) {
        config cfg;
        cfg.prof = &get_profile(p);
        cfg.file_output.enabled = true;
        cfg.file_output.filename = path_;
        cfg.file_output.keep_alive = keep_alive;
        cfg.buffered_outputs = buffered;
        return cfg;
    }
    static output_message msg(const std::string& line) {
        output_message m;
        m.line = line;
        return m;
    }
    temp_dir dir_;
    std::string path_ = dir_.file("events.txt");
};

// docs/spec/0.44.md#file.startup: lazy, nothing happens at init.
TEST_F(file_channel_test, opens_lazily_044) {
    file_channel ch(make_config(profile_id::v0_44, false, false));
    EXPECT_FALSE(fs::exists(path_));
    ch.deliver(msg("a"));
    EXPECT_EQ(read_file(path_), "a\n");
}

// docs/spec/common.md#file.keep_alive.false: open, append, close per alert, so a file renamed
// away between two alerts is recreated by the next one and gets only that alert.
TEST_F(file_channel_test, keep_alive_false_reopens_per_alert) {
    dir_.write("events.txt", "old\n");  // appended to, never truncated
    file_channel ch(make_config(profile_id::v0_44, false, true));
    ch.deliver(msg("a"));
    EXPECT_EQ(read_file(path_), "old\na\n");  // visible at once: closed after the write
    fs::rename(path_, path_ + ".1");
    ch.deliver(msg("b"));
    EXPECT_EQ(read_file(path_), "b\n");
    EXPECT_EQ(read_file(path_ + ".1"), "old\na\n");
    ch.close();
}

// docs/spec/common.md#file.keep_alive.true: the file stays open; unbuffered = a write per alert,
// so the renamed file keeps receiving.
TEST_F(file_channel_test, keep_alive_true_keeps_the_file_open) {
    file_channel ch(make_config(profile_id::v0_44, true, false));
    ch.deliver(msg("a"));
    EXPECT_EQ(read_file(path_), "a\n");
    fs::rename(path_, path_ + ".1");
    ch.deliver(msg("b"));
    EXPECT_FALSE(fs::exists(path_));
    EXPECT_EQ(read_file(path_ + ".1"), "a\nb\n");
    ch.close();
}

// docs/spec/common.md#file.buffered: buffered keep_alive is flushed only when the buffer fills, on
// reopen and at close. Window of the negative check: right after deliver() returned, with 2 bytes
// pending in a BUFSIZ (8 KiB) buffer; deliver is synchronous, so nothing can still arrive.
TEST_F(file_channel_test, buffered_keep_alive_shows_nothing_before_close) {
    file_channel ch(make_config(profile_id::v0_44, true, true));
    ch.deliver(msg("a"));
    EXPECT_TRUE(fs::exists(path_));
    EXPECT_EQ(read_file(path_), "");
    ch.close();
    EXPECT_EQ(read_file(path_), "a\n");
}

// Rotation (docs/spec/common.md#file.append, docs/spec/0.44.md#file.reopen;
// falco@0.44.1:falco.yaml:837-851): rename, SIGUSR1 reopen, nothing lost or
// duplicated.
TEST_F(file_channel_test, rename_then_reopen_loses_and_duplicates_nothing) {
    file_channel ch(make_config(profile_id::v0_44, true, true));
    ch.deliver(msg("a"));
    ch.deliver(msg("b"));
    fs::rename(path_, path_ + ".1");
    ch.reopen();
    EXPECT_EQ(read_file(path_ + ".1"), "a\nb\n");  // flushed by the reopen
    EXPECT_TRUE(fs::exists(path_));                // recreated at once
    ch.deliver(msg("c"));
    ch.close();
    EXPECT_EQ(read_file(path_ + ".1"), "a\nb\n");
    EXPECT_EQ(read_file(path_), "c\n");
}

// docs/spec/0.44.md#file.reopen: regardless of keep_alive, opened immediately.
TEST_F(file_channel_test, reopen_creates_the_file_even_without_keep_alive_044) {
    file_channel ch(make_config(profile_id::v0_44, false, true));
    ch.reopen();
    EXPECT_TRUE(fs::exists(path_));
    ch.deliver(msg("a"));
    EXPECT_EQ(read_file(path_), "a\n");
}

// The handle a reopen made is the one the next alert goes to (then closed), as the stream
// Falco reopened is: a file renamed in between still gets that alert.
TEST_F(file_channel_test, keep_alive_false_writes_the_next_alert_to_the_reopened_handle_044) {
    file_channel ch(make_config(profile_id::v0_44, false, true));
    ch.reopen();
    fs::rename(path_, path_ + ".1");
    ch.deliver(msg("a"));
    EXPECT_EQ(read_file(path_ + ".1"), "a\n");
    ch.deliver(msg("b"));  // closed after "a": opened by name again
    EXPECT_EQ(read_file(path_), "b\n");
}

// fopen and std::ofstream create with 0666 minus the umask; so do the per-alert opens of
// keep_alive false (both profiles), whatever the buffering.
TEST_F(file_channel_test, created_file_mode_is_0666_minus_umask) {
    struct umask_guard {
        mode_t saved = ::umask(027);
        ~umask_guard() { ::umask(saved); }
    } guard;
    for (const bool buffered : {true, false}) {
        fs::remove(path_);
        file_channel ch(make_config(profile_id::v0_44, false, buffered));
        ch.deliver(msg("a"));
        struct stat st {};
        ASSERT_EQ(::stat(path_.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0640u) << "buffered=" << buffered;
    }
    fs::remove(path_);
    {
        file_channel ch(make_config(profile_id::legacy, false, true));  // creates at start-up
        fs::remove(path_);
        ch.deliver(msg("a"));
        struct stat st {};
        ASSERT_EQ(::stat(path_.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0640u) << "legacy";
        EXPECT_EQ(read_file(path_), "a\n");
    }
}

// docs/spec/legacy.md#file.reopen: only a keep_alive file reacts.
TEST_F(file_channel_test, reopen_is_a_no_op_without_keep_alive_legacy) {
    file_channel ch(make_config(profile_id::legacy, false, true));
    fs::remove(path_);  // created by the start-up check
    ch.reopen();
    EXPECT_FALSE(fs::exists(path_));
}

// docs/spec/0.44.md#file.error: a failed delivery the worker logs as Falco's worker logs the
// exception (falco@0.44.1:userspace/falco/outputs_file.cpp:28-30, falco_outputs.cpp:303-311),
// retried at the next alert, whatever keep_alive.
TEST_F(file_channel_test, open_failure_fails_the_delivery_and_retries_044) {
    for (const bool keep_alive : {false, true}) {
        const std::string dir = dir_.file(keep_alive ? "later_kept" : "later");
        config cfg = make_config(profile_id::v0_44, keep_alive, false);
        cfg.file_output.filename = dir + "/events.txt";
        file_channel ch(cfg);
        const channel_outcome failed = ch.deliver(msg("a"));
        EXPECT_EQ(failed.result(), channel_outcome::status::failed);
        EXPECT_EQ(failed.log_line("file"),
                  "file: failed to open output file " + dir + "/events.txt\n");
        fs::create_directory(dir);
        EXPECT_TRUE(ch.deliver(msg("b")).ok());
        EXPECT_TRUE(ch.close().ok());
        EXPECT_EQ(read_file(dir + "/events.txt"), "b\n");
    }
}

// The same failure at SIGUSR1 (0.44 reopens at once, outputs_file.cpp:49-52).
TEST_F(file_channel_test, reopen_failure_is_reported_like_an_open_failure_044) {
    file_channel ch(make_config(profile_id::v0_44, true, false));
    EXPECT_TRUE(ch.deliver(msg("a")).ok());
    fs::remove(path_);
    fs::create_directory(path_);
    EXPECT_EQ(ch.reopen().log_line("file"), "file: failed to open output file " + path_ + "\n");
}

// A write error is a failed delivery that Falco would not notice: counted, not logged.
TEST_F(file_channel_test, write_error_fails_the_delivery_without_a_log_line) {
    for (const bool keep_alive : {false, true}) {
        config cfg = make_config(profile_id::v0_44, keep_alive, false);
        cfg.file_output.filename = "/dev/full";
        file_channel ch(cfg);
        const channel_outcome failed = ch.deliver(msg("a"));
        EXPECT_EQ(failed.result(), channel_outcome::status::failed) << keep_alive;
        EXPECT_EQ(failed.reason(), "write failed: No space left on device");
        EXPECT_EQ(failed.log_line("file"), std::nullopt);
        ch.close();
    }
}

// docs/spec/legacy.md#file.startup: the file is created at start-up; failure is fatal.
TEST_F(file_channel_test, startup_check_creates_or_fails_legacy) {
    file_channel ch(make_config(profile_id::legacy, false, true));
    EXPECT_TRUE(fs::exists(path_));
    EXPECT_EQ(read_file(path_), "");

    config bad = make_config(profile_id::legacy, false, true);
    bad.file_output.filename = dir_.file("missing/x");
    try {
        file_channel never(bad);
        FAIL();
    } catch (const config_error& e) {
        EXPECT_EQ(std::string(e.what()), "Error with file output: " + dir_.file("missing/x") +
                                             ": No such file or directory");
    }
}

// docs/spec/legacy.md#file.error: fatal; the application reports the reason as
// "Runtime error: <reason>. Exiting.", so the worker logs nothing.
TEST_F(file_channel_test, runtime_open_failure_is_fatal_legacy) {
    file_channel ch(make_config(profile_id::legacy, false, true));
    fs::remove(path_);
    fs::create_directory(path_);  // now a directory: opening it for writing fails
    const channel_outcome fatal = ch.deliver(msg("a"));
    EXPECT_EQ(fatal.result(), channel_outcome::status::fatal);
    EXPECT_EQ(fatal.reason(), "Error invoking function output: Error with file output: " + path_ +
                                  ": Is a directory");
    EXPECT_EQ(fatal.log_line("file"), std::nullopt);
}

}  // namespace
}  // namespace falco_ref
