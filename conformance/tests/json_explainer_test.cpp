// SPDX-License-Identifier: Apache-2.0
#include "judge/json_explainer.hpp"

#include <gtest/gtest.h>

namespace conformance {

std::string explain(std::string_view e, std::string_view a) {
    return explain_json_difference(e, a).value_or("<none>");
}

TEST(json_explainer, key_order_only) {
    EXPECT_EQ(
        explain(R"({"hostname":"h","output":"o","priority":"Error"})",
                R"({"output":"o","hostname":"h","priority":"Error"})"),
        "keys out of order at $: expected hostname,output,priority got output,hostname,priority");
}

TEST(json_explainer, nested_path_and_value) {
    EXPECT_EQ(explain(R"({"output_fields":{"proc.name":"bash","evt.time":1}})",
                      R"({"output_fields":{"proc.name":"sh","evt.time":1}})"),
              R"(value differs at $.output_fields["proc.name"]: expected "bash", got "sh")");
}

TEST(json_explainer, missing_and_unexpected_keys) {
    EXPECT_EQ(explain(R"({"a":1,"tags":[]})", R"({"a":1})"), "missing key $.tags (expected [])");
    EXPECT_EQ(explain(R"({"a":1})", R"({"a":1,"source":"syscall"})"),
              R"(unexpected key $.source = "syscall")");
}

TEST(json_explainer, integer_versus_floating_point) {
    EXPECT_EQ(explain(R"({"n":2})", R"({"n":2.0})"),
              "type differs at $.n: expected integer 2, got floating point 2.0");
}

TEST(json_explainer, array_elements_and_length) {
    EXPECT_EQ(explain(R"({"t":["a","b"]})", R"({"t":["a","c"]})"),
              R"(value differs at $.t[1]: expected "b", got "c")");
    EXPECT_EQ(explain(R"({"t":["a"]})", R"({"t":["a","a"]})"),
              "array length differs at $.t: expected 1 elements, got 2");
}

TEST(json_explainer, same_value_different_serialisation) {
    const auto why = explain(R"({"m":"\u001b"})", R"({"m":"\u001B"})");
    EXPECT_NE(why.find("same JSON value, different serialisation"), std::string::npos) << why;
    EXPECT_NE(why.find("column 12"), std::string::npos) << why;
}

TEST(json_explainer, not_json_on_either_side) {
    EXPECT_EQ(explain("plain text", "other"), "<none>");
    EXPECT_EQ(explain(R"({"a":1})", R"({"a":1})"), "<none>");
    EXPECT_NE(explain(R"({"a":1})", R"({"a":1)").find("not JSON"), std::string::npos);
}

}  // namespace conformance

namespace conformance {

TEST(json_explainer, outermost_order_first_but_values_before_order) {
    EXPECT_EQ(explain(R"({"a":1,"f":{"x":1,"y":2}})", R"({"f":{"y":2,"x":1},"a":1})"),
              "keys out of order at $: expected a,f got f,a");
    EXPECT_EQ(explain(R"({"a":1,"f":{"x":1,"y":2}})", R"({"f":{"y":3,"x":1},"a":1})"),
              "value differs at $.f.y: expected 2, got 3");
    EXPECT_EQ(explain(R"({"n":null})", R"({"n":1})"),
              "type differs at $.n: expected null, got integer 1");
}

}  // namespace conformance
