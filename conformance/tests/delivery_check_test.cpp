// SPDX-License-Identifier: Apache-2.0
#include "judge/delivery_check.hpp"

#include <gtest/gtest.h>

namespace conformance {

namespace {

delivery_spec spec(std::uint64_t sent, delivery_spec::loss_rule loss) {
    delivery_spec d;
    d.sent = sent;
    d.pattern = "seq=(\\d+)$";
    d.loss = loss;
    return d;
}

// Records "x seq=<n>" for each n.
std::vector<std::string> records(std::initializer_list<int> seqs) {
    std::vector<std::string> out;
    for (const int n : seqs) {
        out.push_back("x seq=" + std::to_string(n));
    }
    return out;
}

// The detail of the failure, or "" when the check passed.
std::string detail(const delivery_spec& d, const std::vector<observed_channel>& observed) {
    const auto f = check_delivery(d, observed);
    return f ? f->message + "\n" + f->detail : "";
}

constexpr auto none = delivery_spec::loss_rule::none;
constexpr auto allowed = delivery_spec::loss_rule::allowed;
constexpr auto required = delivery_spec::loss_rule::required;

}  // namespace

TEST(delivery_check, everything_delivered_everywhere_passes_and_other_records_are_ignored) {
    auto out = records({1, 2, 3});
    out.push_back("Events detected: 3");
    EXPECT_EQ(detail(spec(3, none), {{"stdout", out}, {"http", records({1, 2, 3})}}), "");
}

TEST(delivery_check, a_lost_alert_fails_loss_none_naming_the_first_missing) {
    const auto d = detail(spec(4, none), {{"stdout", records({1, 2, 3, 4})},
                                          {"file:events.txt", records({1, 3, 4})}});
    EXPECT_NE(d.find("1 of 2 channels break the accounting of 4 alerts"), std::string::npos) << d;
    EXPECT_NE(d.find("  stdout: 4 of 4 alerts in order (seq 1..4): ok"), std::string::npos) << d;
    EXPECT_NE(
        d.find("  file:events.txt: 3 of 4 alerts in order (seq 1..4)\n    first missing seq=2"),
        std::string::npos)
        << d;
    EXPECT_NE(d.find("not the same alerts as stdout: missing here seq=2"), std::string::npos) << d;
}

TEST(delivery_check, reordered_and_duplicated_alerts_fail_even_when_loss_is_allowed) {
    auto d = detail(spec(4, allowed), {{"stdout", records({1, 3, 2, 4})}});
    EXPECT_NE(d.find("record 3: seq=2 out of order (after seq=3 in record 2)"), std::string::npos)
        << d;
    d = detail(spec(4, allowed), {{"stdout", records({1, 2, 2, 3, 4})}});
    EXPECT_NE(d.find("record 3: seq=2 duplicated (after seq=2 in record 2)"), std::string::npos)
        << d;
}

TEST(delivery_check, numbers_outside_the_sent_range_fail) {
    const auto d = detail(spec(2, allowed), {{"stdout", records({1, 2, 3})}});
    EXPECT_NE(d.find("record 3: seq=3 is outside 1..2"), std::string::npos) << d;
}

TEST(delivery_check, a_drop_is_the_same_on_every_channel) {
    const auto same = detail(spec(5, allowed), {{"stdout", records({1, 2, 5})},
                                                {"syslog", records({1, 2, 5})},
                                                {"http", records({1, 2, 5})}});
    EXPECT_EQ(same, "");
    const auto differ =
        detail(spec(5, allowed), {{"stdout", records({1, 2, 5})}, {"http", records({1, 2, 4})}});
    EXPECT_NE(differ.find("not the same alerts as stdout: missing here seq=5; only here seq=4"),
              std::string::npos)
        << differ;
}

TEST(delivery_check, loss_required_fails_when_nothing_was_lost) {
    EXPECT_EQ(detail(spec(3, required), {{"stdout", records({1, 3})}}), "");
    EXPECT_NE(detail(spec(3, required), {{"stdout", records({1, 2, 3})}})
                  .find("loss: required, but every channel received all 3 alerts"),
              std::string::npos);
}

TEST(delivery_check, records_must_equal_their_template_per_channel) {
    auto d = spec(2, none);
    d.records["*"] = "x seq={{n}}";
    d.records["syslog"] = "seq={{n}}";
    EXPECT_EQ(detail(d, {{"stdout", records({1, 2})}, {"syslog", {"seq=1", "seq=2"}}}), "");
    const auto bad =
        detail(d, {{"stdout", {"x seq=1", "y seq=2"}}, {"syslog", {"seq=1", "seq=2"}}});
    EXPECT_NE(bad.find("    record 2 differs from the template:\n      expected x seq=2\n"
                       "      got      y seq=2\n"),
              std::string::npos)
        << bad;
    std::vector<std::string> all_wrong;
    for (int n = 1; n <= 2; ++n) {
        all_wrong.push_back("z seq=" + std::to_string(n));
    }
    const auto counted = detail(d, {{"stdout", all_wrong}, {"syslog", {"seq=1", "seq=2"}}});
    EXPECT_NE(counted.find("    and 1 more differing from the template\n"), std::string::npos)
        << counted;
}

TEST(delivery_check, a_non_numeric_group_is_reported) {
    auto d = spec(2, allowed);
    d.pattern = "seq=(\\w+)";
    EXPECT_NE(detail(d, {{"stdout", {"seq=abc"}}}).find("group 1 is not a number"),
              std::string::npos);
}

}  // namespace conformance
