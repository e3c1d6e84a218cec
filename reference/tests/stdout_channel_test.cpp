// SPDX-License-Identifier: Apache-2.0
// stdout buffering, observed through a pipe on a real falco-outputs-ref process; the write
// failure, on the channel itself.
#include <gtest/gtest.h>
#include <stdio_ext.h>

#include "app_test_process.hpp"
#include "channel_test_support.hpp"
#include "config_test_support.hpp"
#include "falco_ref/channels/stdout_channel.hpp"
#include "outputs_test_support.hpp"

namespace falco_ref {
namespace {

using testing::ref_process;
using testing::temp_dir;
using testing::wait_until;

const std::string k_alert =
    R"J({"time":1470327477881781397,"rule":"r","priority":"Warning","message":"m"})J"
    "\n";
const std::string k_line = "16:17:57.881781397: Warning m\n";
const std::vector<std::string> k_env = {"TZ=UTC0", "FALCO_HOSTNAME=h", "PATH=/usr/bin:/bin"};

// docs/spec/common.md#stdout.unbuffered: flushed after each alert.
TEST(stdout_channel, unbuffered_alert_is_visible_while_running) {
    temp_dir dir;
    dir.write("falco.yaml", "stdout_output: {enabled: true}\nbuffered_outputs: true\n");
    ref_process p({"-c", "falco.yaml", "-U"}, k_env, dir.path().string());
    p.write_stdin(k_alert);
    EXPECT_TRUE(wait_until([&] { return p.out() == k_line; })) << p.out();
    p.close_stdin();
    EXPECT_EQ(p.wait_exit(), 0);
}

// docs/spec/common.md#stdout.buffered: block-buffered on a pipe, flushed at STOP. Negative window:
// 500 ms after the alert was written, while the process keeps running with stdin open (one
// 31-byte line is far below the pipe buffer size stdio uses, so only a flush can show it).
TEST(stdout_channel, buffered_alert_waits_for_shutdown) {
    temp_dir dir;
    dir.write("falco.yaml", "stdout_output: {enabled: true}\nbuffered_outputs: true\n");
    ref_process p({"-c", "falco.yaml"}, k_env, dir.path().string());
    p.write_stdin(k_alert);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(p.out(), "");
    p.close_stdin();
    ASSERT_EQ(p.wait_exit(), 0);
    EXPECT_EQ(p.out().rfind(k_line + "Events detected: 1\n", 0), 0u) << p.out();
}

// A write that fails at once (unbuffered: the flush after each alert) is a failed delivery.
// Falco never checks std::cout's state (falco@0.44.1:userspace/falco/outputs_stdout.cpp:21-32),
// so nothing is logged: the worker gets no line to write.
TEST(stdout_channel, failed_write_fails_the_delivery_without_a_log_line) {
    config cfg;
    cfg.stdout_output.enabled = true;
    cfg.buffered_outputs = false;
    stdout_channel ch(cfg);
    channel_outcome failed = channel_outcome::done();
    {
        test::fd_capture full(STDOUT_FILENO, "/dev/full");
        output_message msg;
        msg.line = "16:17:57.881781397: Warning m";
        failed = ch.deliver(msg);
        __fpurge(stdout);  // nothing of it may reach the real stdout afterwards
    }
    EXPECT_EQ(failed.result(), channel_outcome::status::failed);
    EXPECT_EQ(failed.reason(), "write to stdout failed: No space left on device");
    EXPECT_EQ(failed.log_line("stdout"), std::nullopt);
}

}  // namespace
}  // namespace falco_ref
