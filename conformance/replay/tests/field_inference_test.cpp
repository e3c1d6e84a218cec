// SPDX-License-Identifier: Apache-2.0
// Expected values: docs/REAL-FALCO.md sections 2 and 3: plugin fields are strings, non-negative
// 64-bit integers and booleans (negative and floating-point values can only be strings); only the
// built-in evt.* names clash; indexed fields need an argument declaration.
#include "field_inference.hpp"

#include <gtest/gtest.h>

#include <variant>

#include "alert_reader.hpp"

using replay::alert_reader;
using replay::field_inference;
using replay::output_template;
using replay::replay_alert;

namespace {

replay_alert alert(const std::string& fields, const std::string& tmpl) {
    auto r = alert_reader::read(R"({"time":1,"rule":"r","priority":"Debug","message":"m",)"
                                R"("output_fields":)" +
                                fields + R"(,"output_template":")" + tmpl + "\"}");
    return std::get<replay_alert>(r);
}

std::vector<std::string> add(field_inference& fi, const std::string& fields,
                             const std::string& tmpl) {
    const auto a = alert(fields, tmpl);
    return fi.add(a, output_template::parse(tmpl));
}

}  // namespace

TEST(field_inference, types_from_values) {
    field_inference fi;
    EXPECT_TRUE(add(fi,
                    R"({"user.name":"root","proc.pid":42,"fd.ino":18446744073709551615,)"
                    R"("proc.is_exe_writable":true,"container.name":null})",
                    "%user.name %proc.pid %fd.ino %proc.is_exe_writable %container.name")
                    .empty());
    const auto f = fi.fields();
    ASSERT_EQ(f.size(), 5u);
    EXPECT_EQ(f[0].name, "user.name");
    EXPECT_EQ(f[0].type, "string");
    EXPECT_EQ(f[1].type, "uint64");
    EXPECT_EQ(f[2].type, "uint64");
    EXPECT_EQ(f[3].type, "bool");
    EXPECT_EQ(f[4].type, "string");  // only null seen: any type prints <NA> / null
}

TEST(field_inference, null_then_typed_value) {
    field_inference fi;
    EXPECT_TRUE(add(fi, R"({"proc.pid":null})", "%proc.pid").empty());
    EXPECT_TRUE(add(fi, R"({"proc.pid":7})", "%proc.pid").empty());
    EXPECT_EQ(fi.fields()[0].type, "uint64");
}

TEST(field_inference, what_a_plugin_cannot_carry) {
    field_inference fi;
    EXPECT_EQ(add(fi, R"({"fd.num":-1})", "%fd.num").size(), 1u);
    EXPECT_EQ(add(fi, R"({"x.f":0.5})", "%x.f").size(), 1u);
    EXPECT_EQ(add(fi, R"({"proc.args":["a"]})", "%proc.args").size(), 1u);
    EXPECT_EQ(add(fi, R"({"x.s":"nul\u0000"})", "%x.s").size(), 1u);
    EXPECT_EQ(add(fi, R"({})", "%proc.name").size(), 1u);  // no value at all
}

TEST(field_inference, one_type_per_field) {
    field_inference fi;
    EXPECT_TRUE(add(fi, R"({"proc.pid":1})", "%proc.pid").empty());
    EXPECT_EQ(add(fi, R"({"proc.pid":"1"})", "%proc.pid").size(), 1u);
}

TEST(field_inference, argument_declared_on_base_name) {
    field_inference fi;
    EXPECT_TRUE(
        add(fi, R"({"proc.aname[2]":"bash","proc.aname":"sh"})", "%proc.aname[2] %proc.aname")
            .empty());
    const auto f = fi.fields();
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].name, "proc.aname");
    EXPECT_TRUE(f[0].has_argument);
}

TEST(field_inference, evt_fields_are_falcos) {
    field_inference fi;
    // evt.time is computed by Falco from the event timestamp: nothing to declare.
    EXPECT_TRUE(add(fi, R"({"evt.time":"16:17:57.881781397"})", "%evt.time").empty());
    EXPECT_TRUE(fi.fields().empty());
    // evt.type of a plugin event is Falco's, not the alert's.
    EXPECT_EQ(add(fi, R"({"evt.type":"open"})", "%evt.type").size(), 1u);
}
