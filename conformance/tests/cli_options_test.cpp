// SPDX-License-Identifier: Apache-2.0
#include "app/cli_options.hpp"

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

}  // namespace conformance
