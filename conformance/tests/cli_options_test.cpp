// SPDX-License-Identifier: Apache-2.0
#include "app/cli_options.hpp"
#include "cases/profile_catalog.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace conformance {

// Cases are independent (own work directory, mocks on ephemeral ports, own process group, own
// /dev/log namespace): by default as many run at once as there are CPUs.
TEST(cli_options, jobs_default_to_the_number_of_cpus) {
    const auto o = cli_options::parse({"--impl", "x"});
    EXPECT_EQ(o.jobs, std::max(1u, std::thread::hardware_concurrency()));
    EXPECT_EQ(cli_options::parse({"--impl", "x", "-j", "3"}).jobs, 3u);
    EXPECT_EQ(cli_options::parse({"--impl", "x", "-j1"}).jobs, 1u);
}

// --profile takes a profile name, a Falco minor or a release (docs/spec/README.md, "Profiles").
TEST(cli_options, profile_names_minors_and_releases_map_to_their_profile) {
    const std::pair<const char*, const char*> cases[] = {
        {"0.44", "0.44"},        {"0.44.0", "0.44"},      {"0.42", "0.41-0.43"},
        {"0.41.3", "0.41-0.43"}, {"0.39.2", "0.39-0.40"}, {"0.38.0", "0.38"},
        {"0.36", "0.36"},        {"0.36.1", "0.36"},      {"0.36.2", "0.36"},
        {"0.37", "0.37"},        {"0.37.0", "0.37"},      {"0.37.1", "0.37"},
        {"0.35", "0.35"},        {"0.35.0", "0.35"},      {"0.35.1", "0.35"},
        {"0.34", "0.34"},        {"0.34.0", "0.34"},      {"0.34.1", "0.34"},
        {"0.33", "0.33"},        {"0.33.0", "0.33"},      {"0.33.1", "0.33"},
        {"0.15.3", "legacy"},    {"legacy", "legacy"},
    };
    for (const auto& [text, profile] : cases) {
        EXPECT_EQ(cli_options::parse({"--impl", "x", "--profile", text}).profile, profile) << text;
    }
}

// Falco 0.36.0 differs from 0.36.1 when the queue is full (docs/spec/0.36.md#1-profile): no
// profile covers it, nor a minor without a profile.
TEST(cli_options, releases_no_profile_covers_are_rejected_with_the_table) {
    for (const char* text : {"0.36.0", "0.32.3", "0.45", "0.36.x", "0.36-0.38", "0.37-0.38"}) {
        EXPECT_FALSE(resolve_profile(text).has_value()) << text;
        try {
            cli_options::parse({"--impl", "x", "--profile", text});
            ADD_FAILURE() << text << " was accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("  0.36        Falco 0.36.1 and 0.36.2 (0.36 from "
                                                 "0.36.1)\n"),
                      std::string::npos)
                << e.what();
        }
    }
}

}  // namespace conformance
