// SPDX-License-Identifier: Apache-2.0
#include "cases/templater.hpp"

#include <gtest/gtest.h>

namespace conformance {

TEST(templater, replaces_every_occurrence) {
    const templater t({{"work", "/tmp/w"}, {"http_url", "http://127.0.0.1:1/"}});
    EXPECT_EQ(t.apply("a {{work}}/x {{work}} {{http_url}}", "config"),
              "a /tmp/w/x /tmp/w http://127.0.0.1:1/");
}

TEST(templater, leaves_text_without_placeholders_alone) {
    const templater t(std::map<std::string, std::string>{});
    EXPECT_EQ(t.apply("{ a: 1 } {{ unterminated", "config"), "{ a: 1 } {{ unterminated");
}

TEST(templater, a_missing_value_names_the_placeholder_and_where) {
    const templater t(std::map<std::string, std::string>{{"work", "/w"}});
    try {
        t.apply("url: {{https_url}}", "config");
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("config: placeholder {{https_url}}"),
                  std::string::npos);
        EXPECT_NE(std::string(e.what()).find("mocks:"), std::string::npos);
    }
}

TEST(templater, lists_placeholders) {
    EXPECT_EQ(templater::placeholders("{{a}} {{b}} {{a}}"), (std::set<std::string>{"a", "b"}));
}

}  // namespace conformance
