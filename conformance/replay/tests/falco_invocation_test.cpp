// SPDX-License-Identifier: Apache-2.0
// Expected values: conformance/PROTOCOL.md#1-starting-the-implementation (harness arguments),
// docs/spec/common.md#config.o.order (-o: last wins), docs/spec/0.44.md#config.o.path (`[]`
// appends, `[0]` selects), docs/REAL-FALCO.md section 2 (Falco's command line).
#include "falco_invocation.hpp"

#include <gtest/gtest.h>

using replay::falco_invocation;

TEST(falco_invocation, harness_arguments_pass_through_after_the_adapters) {
    const auto inv =
        falco_invocation::build({"/opt/falco",
                                 "/p/libfalco_replay.so",
                                 "/w/.falco-replay/rules.yaml",
                                 {"-c", "falco.yaml", "-o", "json_output=true", "-U"}});
    const std::vector<std::string> expected = {"/opt/falco",
                                               "--disable-source",
                                               "syscall",
                                               "-r",
                                               "/w/.falco-replay/rules.yaml",
                                               "-o",
                                               "load_plugins[0]=falco_replay",
                                               "-o",
                                               "plugins[0].name=falco_replay",
                                               "-o",
                                               "plugins[0].library_path=/p/libfalco_replay.so",
                                               "-o",
                                               "plugins[0].open_params=-",
                                               "-c",
                                               "falco.yaml",
                                               "-o",
                                               "json_output=true",
                                               "-U"};
    EXPECT_EQ(inv.argv(), expected);
    EXPECT_EQ(inv.alerts_input(), "-");
}

TEST(falco_invocation, alerts_path_goes_to_the_plugin) {
    const auto inv = falco_invocation::build(
        {"f", "p.so", "r.yaml", {"-c", "falco.yaml", "--alerts", "alerts.fifo"}});
    EXPECT_EQ(inv.alerts_input(), "alerts.fifo");
    for (const auto& a : inv.argv()) {
        EXPECT_NE(a, "--alerts");
    }
    EXPECT_EQ(inv.argv()[12], "plugins[0].open_params=alerts.fifo");
}

// Falco 0.44 has no -d/--daemon: they pass through, and Falco's own option parser refuses them
// (docs/spec/0.44.md#daemon.fork), which is the behaviour a case checks.
TEST(falco_invocation, daemon_options_pass_through_to_falco) {
    const auto inv = falco_invocation::build({"f", "p", "r", {"-c", "x", "-d"}});
    EXPECT_EQ(inv.argv().back(), "-d");
    const auto long_form = falco_invocation::build({"f", "p", "r", {"--daemon"}});
    EXPECT_EQ(long_form.argv().back(), "--daemon");
}

// Falco 0.44.1 still has -P/--pidfile (falco@0.44.1:userspace/falco/app/options.cpp:161).
TEST(falco_invocation, pidfile_passes_through_to_falco) {
    const auto inv = falco_invocation::build({"f", "p", "r", {"-c", "x", "-P", "falco.pid"}});
    const std::vector<std::string> tail(inv.argv().end() - 4, inv.argv().end());
    EXPECT_EQ(tail, (std::vector<std::string>{"-c", "x", "-P", "falco.pid"}));
}
