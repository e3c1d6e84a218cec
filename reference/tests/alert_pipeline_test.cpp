// SPDX-License-Identifier: Apache-2.0
// alert_pipeline: a line of the contract (conformance/PROTOCOL.md section 2) to the outputs
// queue. Expected: the text line (falco@0.44.1:userspace/engine/formats.cpp:47-77) and the
// statistics (falco@0.44.1:userspace/engine/stats_manager.cpp:33-52).
#include "falco_ref/alert_pipeline.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "falco_ref/logger.hpp"
#include "outputs_test_support.hpp"

namespace falco_ref {
namespace {

using testing::recording_channel;
using testing::stderr_capture;

const std::string k_warning =
    R"J({"time":1470327477881781397,"rule":"r1","priority":"Warning","message":"w"})J";
const std::string k_debug =
    R"J({"time":1470327477881781397,"rule":"r2","priority":"Debug","message":"d"})J";

struct pipeline_run {
    explicit pipeline_run(config c) : cfg(std::move(c)) {
        auto ch = std::make_unique<recording_channel>("stdout");
        channel_ = ch.get();
        std::vector<std::unique_ptr<channel>> chans;
        chans.push_back(std::move(ch));
        outs = std::make_unique<outputs>(std::move(chans), outputs_settings{});
        pipeline = std::make_unique<alert_pipeline>(cfg, *outs);
    }
    // The lines delivered, once everything pushed has gone through the worker.
    std::vector<std::string> delivered() {
        outs->stop();
        return channel_->calls();
    }
    config cfg;
    std::unique_ptr<outputs> outs;
    std::unique_ptr<alert_pipeline> pipeline;
    recording_channel* channel_ = nullptr;
};

TEST(alert_pipeline, formats_valid_lines_and_reports_bad_ones_with_their_number) {
    configure_logger(logger_settings{true, false, log_level::info, false});
    stderr_capture err;
    config cfg;
    cfg.hostname = "h";
    pipeline_run run(cfg);
    run.pipeline->handle_line(k_warning, 1);
    run.pipeline->handle_line("not json", 2);
    run.pipeline->handle_line(" \t\r", 3);  // blank: ignored, not an error
    EXPECT_EQ(
        run.delivered(),
        (std::vector<std::string>{"stdout:deliver:16:17:57.881781397: Warning w", "stdout:close"}));
    EXPECT_EQ(err.count("falco-outputs-ref: line 2: "), 1u) << err.text();
    EXPECT_EQ(err.count("line 3"), 0u) << err.text();
    EXPECT_EQ(run.pipeline->statistics().render(),
              "Events detected: 1\nRule counts by severity:\n   WARNING: 1\n"
              "Triggered rules by rule name:\n   r1: 1\n");
}

TEST(alert_pipeline, an_alert_below_priority_is_neither_delivered_nor_counted) {
    config cfg;
    cfg.min_priority = priority::warning;
    pipeline_run run(cfg);
    run.pipeline->handle_line(k_debug, 1);
    EXPECT_EQ(run.delivered(), (std::vector<std::string>{"stdout:close"}));
    EXPECT_EQ(run.pipeline->statistics().render(),
              "Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n");
}

// docs/spec/0.36.md#ratelimit.bucket: with rate 0 there is no limiter, whatever max_burst says;
// legacy's bucket never refills at rate 0 (docs/spec/legacy.md#ratelimit.bucket). Either way a
// limited alert is counted.
TEST(alert_pipeline, rate_zero_turns_the_limiter_off_in_0_36_only) {
    for (const profile_id id : {profile_id::v0_36, profile_id::legacy}) {
        config cfg;
        cfg.prof = &get_profile(id);
        cfg.outputs_rate = 0;
        cfg.outputs_max_burst = 1;
        pipeline_run run(cfg);
        for (int line = 1; line <= 3; ++line) {
            run.pipeline->handle_line(k_warning, line);
        }
        const std::size_t expected_calls = id == profile_id::v0_36 ? 3 + 1 : 1 + 1;  // + close
        EXPECT_EQ(run.delivered().size(), expected_calls) << profile_name(id);
        EXPECT_EQ(run.pipeline->statistics().render().rfind("Events detected: 3\n", 0), 0u);
    }
}

// docs/spec/0.36.md#ratelimit.bucket: a rate other than 0 starts the bucket full at max_burst.
// The bucket gains one token per second here, so the assertion holds while the four lines are
// handled within a second of the pipeline's construction (the window of this test).
TEST(alert_pipeline, a_rate_limits_to_max_burst_at_first_in_0_36) {
    config cfg;
    cfg.prof = &get_profile(profile_id::v0_36);
    cfg.outputs_rate = 1;
    cfg.outputs_max_burst = 2;
    pipeline_run run(cfg);
    for (int line = 1; line <= 4; ++line) {
        run.pipeline->handle_line(k_warning, line);
    }
    EXPECT_EQ(run.delivered().size(), 2u + 1u);  // + close
    EXPECT_EQ(run.pipeline->statistics().render().rfind("Events detected: 4\n", 0), 0u);
}

}  // namespace
}  // namespace falco_ref
