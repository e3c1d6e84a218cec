// SPDX-License-Identifier: Apache-2.0
// Features are computed from what a case uses: declaring a channel lacking makes every case that
// touches it not applicable, and nothing else. Proof against the whole 0.44 suite: the reference
// with one channel forced off (tests/channel_off.sh appends `-o <channel>_output.enabled=false`
// after everything the harness passes; Falco applies -o options after the config, the last one
// winning) passes every case the capabilities file leaves applicable.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "app/conformance_app.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

struct app_output {
    int code;
    std::string out;
};

app_output run_app_with(std::vector<std::string> args) {
    args.insert(args.begin(), {"--golden", CONFORMANCE_GOLDEN, "--profile", "0.44"});
    std::ostringstream out, err;
    const int code = run_app("falco-conformance", args, out, err);
    return {code, out.str() + err.str()};
}

// The ids after `prefix` at the start of a line ("N/A   0.44/x/y  (0 ms) ...").
std::set<std::string> ids_of_lines(const std::string& text, const std::string& prefix) {
    std::set<std::string> ids;
    for (const auto& line : all_lines(text)) {
        if (line.starts_with(prefix)) {
            const auto rest = line.substr(prefix.size());
            ids.insert(rest.substr(0, rest.find(' ')));
        }
    }
    return ids;
}

// The ids --list previews as not applicable (the verdict line follows the case's line).
std::set<std::string> previewed_not_applicable(const std::string& listing) {
    std::set<std::string> ids;
    const auto lines = all_lines(listing);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].starts_with("  not applicable: ")) {
            ids.insert(lines[i - 1].substr(0, lines[i - 1].find(' ')));
        }
    }
    return ids;
}

class capability_proof : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(capability_proof, a_declared_channel_covers_every_case_that_uses_it) {
#ifndef CONFORMANCE_REFERENCE
    GTEST_SKIP() << "built without the reference";
#else
    const std::string channel = GetParam();
    const auto caps = fs::temp_directory_path() /
                      ("conformance-proof-" + channel + "-" + std::to_string(getpid()));
    write_file(caps, channel + "  forced off by tests/channel_off.sh\n");
    const auto impl = std::string(CONFORMANCE_CHANNEL_OFF) + " " + channel + " " +
                      CONFORMANCE_REFERENCE + " --profile 0.44";
    const auto run = run_app_with({"--impl", impl, "--capabilities", caps.string()});
    const auto preview = run_app_with({"--list", "--capabilities", caps.string()});
    fs::remove(caps);

    EXPECT_EQ(run.code, 0) << run.out;
    const auto not_applicable = ids_of_lines(run.out, "N/A   ");
    EXPECT_FALSE(not_applicable.empty()) << run.out;
    EXPECT_TRUE(ids_of_lines(run.out, "FAIL  ").empty()) << run.out;
    EXPECT_TRUE(ids_of_lines(run.out, "ERROR ").empty()) << run.out;
    EXPECT_FALSE(ids_of_lines(run.out, "PASS  ").empty()) << run.out;
    // What --list previews is what the run does, and each of those cases uses the channel.
    EXPECT_EQ(previewed_not_applicable(preview.out), not_applicable) << preview.out;
    for (const auto& line : all_lines(preview.out)) {
        if (not_applicable.count(line.substr(0, line.find(' ')))) {
            EXPECT_NE((line + " ").find(" " + channel + " "), std::string::npos) << line;
        }
    }
#endif
}

INSTANTIATE_TEST_SUITE_P(channels, capability_proof,
                         ::testing::Values("stdout", "file", "syslog", "program", "http"));

}  // namespace conformance
