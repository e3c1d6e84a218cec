// SPDX-License-Identifier: Apache-2.0
#include "cases/line_generator.hpp"

#include <gtest/gtest.h>

namespace conformance {

TEST(line_generator, numbers_padded_numbers_and_filler) {
    const line_template t(R"({"time":1470327477{{n:09}},"message":"seq={{n}} {{fill}}"})");
    EXPECT_EQ(t.render(42, "ab"), R"({"time":1470327477000000042,"message":"seq=42 ab"})");
    EXPECT_TRUE(t.uses_fill());
    EXPECT_EQ(t.narrowest_width(), 9u);
}

TEST(line_generator, lines_are_numbered_from_first_each_with_a_newline) {
    generator_spec g;
    g.line = "a{{n}}";
    g.first = 9;
    g.count = 3;
    EXPECT_EQ(generate_lines(g), "a9\na10\na11\n");
}

TEST(line_generator, the_filler_is_exactly_bytes_long) {
    generator_spec g;
    g.line = "<{{fill}}>";
    g.repeat = "xyz";
    g.bytes = 9;
    EXPECT_EQ(generate_lines(g), "<xyzxyzxyz>\n");
    g.bytes = 10 * 1024 * 1024;
    g.repeat = "x";
    EXPECT_EQ(generate_lines(g).size(), 10u * 1024 * 1024 + 3);
}

TEST(line_generator, invalid_specs_say_why) {
    const auto problem = [](std::string line, std::uint64_t count = 1, std::string repeat = "",
                            std::uint64_t bytes = 0) {
        generator_spec g;
        g.line = std::move(line);
        g.count = count;
        g.repeat = std::move(repeat);
        g.bytes = bytes;
        return check_generator_spec(g);
    };
    EXPECT_EQ(problem("{{n}}"), "");
    EXPECT_NE(problem("{{work}}").find("unknown placeholder {{work}}"), std::string::npos);
    EXPECT_NE(problem("{{n").find("unterminated placeholder"), std::string::npos);
    EXPECT_NE(problem("{{n:00}}").find("width must be 1 to 20"), std::string::npos);
    EXPECT_NE(problem("{{fill}}").find("{{fill}} needs repeat and bytes"), std::string::npos);
    EXPECT_NE(problem("x", 1, "a", 3).find("has no {{fill}}"), std::string::npos);
    EXPECT_NE(problem("{{fill}}", 1, "ab", 3).find("multiple of the length"), std::string::npos);
    EXPECT_EQ(problem("{{n:02}}", 99), "");
    EXPECT_NE(problem("{{n:02}}", 100).find("n reaches 100, wider than {{n:02}}"),
              std::string::npos);
}

}  // namespace conformance
