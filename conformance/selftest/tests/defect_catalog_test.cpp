// SPDX-License-Identifier: Apache-2.0
// defects.yaml is read strictly: a typo never turns into a defect that changes nothing.
#include "defect_catalog.hpp"

#include <gtest/gtest.h>

namespace selftest {
namespace {

TEST(defect_catalog, the_shipped_catalog_loads_and_every_defect_has_cases) {
    const auto catalog = defect_catalog::load(SELFTEST_DEFECTS_FILE);
    ASSERT_FALSE(catalog.defects().empty());
    for (const auto& d : catalog.defects()) {
        EXPECT_FALSE(d.cases.empty()) << d.name;
    }
    const defect* d = catalog.find("keep_alive_ignored");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->args, (std::vector<std::string>{"-o", "file_output.keep_alive=true"}));
}

void expect_rejected(const std::string& yaml, const std::string& fragment) {
    try {
        defect_catalog::parse(yaml, "t.yaml");
        ADD_FAILURE() << "accepted: " << yaml;
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(defect_catalog, mistakes_are_named) {
    expect_rejected("defects: {d: {what: w, wrap: {shim: {outptu: no_newline}}}}",
                    "defects.d.wrap.shim: shim key \"outptu\"");
    expect_rejected("defects: {d: {what: w, wrap: {shim: {output: sideways}}}}", "\"sideways\"");
    expect_rejected("defects: {d: {what: w, wrap: {input: backwards}}}", "unknown input filter");
    expect_rejected("defects: {d: {what: w, wrap: {}}}", "changes nothing");
    expect_rejected("defects: {d: {wrap: {env: {TZ: UTC0}}}}", "\"what\"");
    expect_rejected("defects: {D-1: {what: w, wrap: {env: {TZ: UTC0}}}}", "defect name");
    expect_rejected("defects: {d: {what: w, wrap: {env: {TZ: UTC0}}, cases: [file/x]}}",
                    "does not start with a profile");
    expect_rejected("defects: {d: {what: w, wrap: {env: {TZ: UTC0}}, kases: []}}",
                    "unknown key \"kases\"");
}

TEST(defect_catalog, shim_settings_travel_as_lines) {
    const auto catalog = defect_catalog::parse(
        "defects: {d: {what: w, wrap: {shim: {output: no_newline, ignore_signal: USR1}}}}", "t");
    EXPECT_EQ(catalog.find("d")->shim_text(), "output=no_newline\nignore_signal=USR1\n");
}

}  // namespace
}  // namespace selftest
