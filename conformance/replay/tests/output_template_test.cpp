// SPDX-License-Identifier: Apache-2.0
// Expected values: docs/REAL-FALCO.md section 1, which cites
// libs@0.25.4:userspace/libsinsp/eventformatter.cpp:60-160 and
// libs@0.25.4:userspace/libsinsp/filter/parser.cpp:30-32, and docs/spec/0.44.md.
#include "output_template.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

using replay::output_template;
using replay::replay_value;

namespace {

replay_value str(std::string s) {
    replay_value v;
    v.what = replay_value::kind::string;
    v.text = std::move(s);
    return v;
}
replay_value i64(std::int64_t n) {
    replay_value v;
    v.what = replay_value::kind::int64;
    v.int64 = n;
    return v;
}
replay_value u64(std::uint64_t n) {
    replay_value v;
    v.what = replay_value::kind::uint64;
    v.uint64 = n;
    return v;
}
replay_value boolean(bool b) {
    replay_value v;
    v.what = replay_value::kind::boolean;
    v.boolean = b;
    return v;
}

std::string render(const std::string& tmpl, const std::map<std::string, replay_value>& fields) {
    return output_template::parse(tmpl).render([&](const std::string& k) -> const replay_value* {
        const auto it = fields.find(k);
        return it == fields.end() ? nullptr : &it->second;
    });
}

}  // namespace

// The example of docs/spec/0.44.md#51-layout: rule output with %proc.cmdline = "cat /dev/null".
TEST(output_template, profile_example_renders) {
    EXPECT_EQ(render("An open was seen (command=%proc.cmdline)",
                     {{"proc.cmdline", str("cat /dev/null")}}),
              "An open was seen (command=cat /dev/null)");
}

// parser.cpp:31 RGX_FIELDNAME needs at least one dot; ')' and a dot not followed by a letter
// end the name (longest match).
TEST(output_template, field_name_grammar) {
    const auto t = output_template::parse("x=%proc.name. y=%fd.name)");
    ASSERT_EQ(t.tokens().size(), 5u);
    EXPECT_EQ(t.tokens()[1].text, "proc.name");
    EXPECT_EQ(t.tokens()[2].text, ". y=");
    EXPECT_EQ(t.tokens()[3].text, "fd.name");
    EXPECT_EQ(t.tokens()[4].text, ")");
    EXPECT_EQ(t.field_keys(), (std::vector<std::string>{"proc.name", "fd.name"}));
}

// docs/spec/common.md#json.fields.keys: the key is the field as written, argument included.
TEST(output_template, indexed_field_key_keeps_argument) {
    const auto t = output_template::parse("a=%proc.aname[2]");
    ASSERT_EQ(t.tokens().size(), 2u);
    EXPECT_EQ(t.tokens()[1].text, "proc.aname[2]");
    EXPECT_EQ(t.tokens()[1].base, "proc.aname");
    EXPECT_EQ(*t.tokens()[1].argument, "2");
    EXPECT_EQ(render("a=%proc.aname[2]", {{"proc.aname[2]", str("bash")}}), "a=bash");
}

// docs/REAL-FALCO.md section 1 (libsinsp's `%Nfield`): resize(N, ' ') in bytes; the key has no
// digits.
TEST(output_template, width_pads_and_cuts_bytes) {
    EXPECT_EQ(render("[%6proc.name]", {{"proc.name", str("cat")}}), "[cat   ]");
    EXPECT_EQ(render("[%2proc.name]", {{"proc.name", str("cat")}}), "[ca]");
    EXPECT_EQ(output_template::parse("%20proc.name").field_keys()[0], "proc.name");
}

// eventformatter.cpp:61-66: one leading '*' is the permissive marker, removed from the text.
TEST(output_template, leading_star_is_eaten_once) {
    EXPECT_EQ(render("*hello", {}), "hello");
    EXPECT_EQ(render("**hello", {}), "*hello");
    EXPECT_TRUE(output_template::parse("*x").permissive());
}

// eventformatter.cpp:88-90 (trailing %), and '%%' / '% ' compile to no field in Falco
// (docs/REAL-FALCO.md section 1: `%%` fails to compile).
TEST(output_template, percent_without_field_is_invalid) {
    EXPECT_THROW(output_template::parse("100%"), std::invalid_argument);
    EXPECT_THROW(output_template::parse("100%% sure"), std::invalid_argument);
    EXPECT_THROW(output_template::parse("a % b"), std::invalid_argument);
    EXPECT_THROW(output_template::parse("%proc"), std::invalid_argument);  // no dot
    EXPECT_THROW(output_template::parse("%toupper(proc.name)"), std::invalid_argument);
    EXPECT_THROW(output_template::parse("%12"), std::invalid_argument);
}

// docs/REAL-FALCO.md section 1, "Values in text": strings raw, integers decimal, bool
// true/false, null <NA>, list (a,b,c).
TEST(output_template, value_rendering) {
    EXPECT_EQ(render("%a.b", {{"a.b", str("raw \xff\"bytes\"\n")}}), "raw \xff\"bytes\"\n");
    EXPECT_EQ(render("%a.b", {{"a.b", i64(-9223372036854775807LL - 1)}}), "-9223372036854775808");
    EXPECT_EQ(render("%a.b", {{"a.b", u64(18446744073709551615ULL)}}), "18446744073709551615");
    EXPECT_EQ(render("%a.b %c.d", {{"a.b", boolean(true)}, {"c.d", boolean(false)}}), "true false");
    EXPECT_EQ(render("%a.b", {{"a.b", replay_value{}}}), "<NA>");
    replay_value list;
    list.what = replay_value::kind::array;
    list.items = {str("a"), str("b")};
    EXPECT_EQ(render("%a.b", {{"a.b", list}}), "(a,b)");
}

TEST(output_template, undefined_renderings_are_refused) {
    replay_value f;
    f.what = replay_value::kind::floating;
    f.floating = 0.5;
    EXPECT_THROW(render("%a.b", {{"a.b", f}}), std::invalid_argument);
    replay_value empty_list;
    empty_list.what = replay_value::kind::array;
    EXPECT_THROW(render("%a.b", {{"a.b", empty_list}}), std::invalid_argument);
    EXPECT_THROW(render("%a.b", {}), std::invalid_argument);  // not in output_fields
}
