// SPDX-License-Identifier: Apache-2.0
#include "cases/vocabulary.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace conformance {

TEST(vocabulary, channel_names_and_keys_read_once) {
    for (const auto* name : {"stdout", "stderr", "file", "syslog", "http", "program"}) {
        const auto ref = parse_channel_key(name);
        ASSERT_TRUE(ref) << name;
        EXPECT_EQ(channel_name(ref->kind), name);
        EXPECT_EQ(ref->key(), name);
    }
    const auto file = parse_channel_key("file:out/events.txt");
    ASSERT_TRUE(file);
    EXPECT_EQ(file->kind, channel::file);
    EXPECT_EQ(file->path, "out/events.txt");
    EXPECT_EQ(file->key(), "file:out/events.txt");
    EXPECT_EQ(file->describe(), "file out/events.txt");
    const auto eof = parse_channel_key("program_eof");
    ASSERT_TRUE(eof);
    EXPECT_EQ(eof->unit, program_unit::eof);
    EXPECT_EQ(eof->key(), "program_eof");
    EXPECT_EQ(eof->describe(), "program (eof)");
    for (const auto* bad : {"tcp", "program_reads", "program_", "Stdout", ""}) {
        EXPECT_FALSE(parse_channel_key(bad)) << bad;
    }
}

// Every signal a case may name maps to its own number; any other name is refused (no fallback).
TEST(vocabulary, signals_map_to_their_numbers_and_nothing_else) {
    const std::pair<const char*, int> expected[] = {
        {"USR1", SIGUSR1}, {"TERM", SIGTERM}, {"INT", SIGINT}, {"HUP", SIGHUP}};
    for (const auto& [name, number] : expected) {
        const auto plain = parse_signal(name);
        ASSERT_TRUE(plain) << name;
        EXPECT_EQ(signal_number(*plain), number) << name;
        EXPECT_EQ(signal_name(*plain), name);
        EXPECT_EQ(parse_signal(std::string("SIG") + name), plain);
    }
    for (const auto* bad : {"KILL", "SIGKILL", "usr1", "USR2", "SIG", ""}) {
        EXPECT_FALSE(parse_signal(bad)) << bad;
    }
    EXPECT_EQ(signal_names(), "USR1, TERM, INT or HUP");
}

}  // namespace conformance
