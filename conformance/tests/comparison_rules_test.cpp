// SPDX-License-Identifier: Apache-2.0
// What the harness compares (conformance/PROTOCOL.md, section 7), one rule per case: the cases
// in tests/comparison drive the fake implementation (tests/fakes/fake_impl.sh) so that each
// passes only if the harness applies the rule's tolerance (log prefixes removed, statistics
// groups as sets, only listed keys, ...) and fails only if it applies the rule's strictness
// (byte for byte, complete lines, exact counts, ...). A failing case must fail for the reason
// named here, not another one.
#include <gtest/gtest.h>

#include <csignal>
#include <sstream>

#include "app/conformance_app.hpp"

namespace conformance {

namespace {

struct comparison {
    const char* id;      // below tests/comparison/0.44/
    const char* rule;    // the section 7 rule the case stands for
    const char* report;  // "" when the case must pass; else a line of the failure report
};

std::string run_case(const std::string& id, int& code) {
    std::ostringstream out, err;
    code = run_app("falco-conformance",
                   {"--golden", CONFORMANCE_TEST_COMPARISON, "--impl",
                    std::string(CONFORMANCE_FAKE_IMPL) + " auto", "--case", "0.44/" + id},
                   out, err);
    return out.str() + err.str();
}

void PrintTo(const comparison& c, std::ostream* os) {
    *os << c.id;
}

class comparison_rule : public ::testing::TestWithParam<comparison> {
protected:
    static void SetUpTestSuite() { std::signal(SIGPIPE, SIG_IGN); }
};

}  // namespace

TEST_P(comparison_rule, is_applied) {
    const auto& c = GetParam();
    int code = -1;
    const auto output = run_case(c.id, code);
    if (*c.report == '\0') {
        EXPECT_EQ(code, 0) << c.rule << "\n" << output;
        EXPECT_NE(output.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << output;
    } else {
        EXPECT_EQ(code, 1) << c.rule << "\n" << output;
        EXPECT_NE(output.find(c.report), std::string::npos) << c.rule << "\n" << output;
    }
}

INSTANTIATE_TEST_SUITE_P(
    protocol_section_7, comparison_rule,
    ::testing::Values(
        comparison{"exit/code", "the exit status equals exit_code", ""},
        comparison{"exit/code_differs", "the exit status equals exit_code (default 0)",
                   "[exit] expected exit code 0, exited with code 3"},
        comparison{"stdout/exact", "stdout byte for byte", ""},
        comparison{"stdout/one_byte_differs", "stdout byte for byte",
                   "[stdout] differs from expected/stdout (expected 2 lines, 4 bytes; got 2 "
                   "lines, 5 bytes)"},
        comparison{"stdout/stats_groups_as_sets", "stdout_stats: unordered sorts the groups", ""},
        comparison{"stdout/stats_groups_ordered_by_default", "without stdout_stats, in order",
                   "[stdout] differs from expected/stdout (expected 8 lines, 118 bytes; got 8 "
                   "lines, 118 bytes)"},
        comparison{"stdout/stats_other_lines_ordered", "only the statistics groups are sorted",
                   "[stdout] differs from expected/stdout (expected 9 lines, 120 bytes; got 9 "
                   "lines, 120 bytes)"},
        comparison{"stdout/stats_interleaved",
                   "stdout_stats: interleaved, alert lines and statistics each in order", ""},
        comparison{"stdout/stats_interleaved_needs_the_key", "without stdout_stats, in order",
                   "[stdout] differs from expected/stdout (expected 8 lines, 105 bytes; got 8 "
                   "lines, 105 bytes)"},
        comparison{
            "stdout/stats_interleaved_alert_reordered",
            "stdout_stats: interleaved keeps the order of the alert lines",
            "[stdout] is no interleaving of the alert lines and the statistics of expected/stdout "
            "(expected 3 alert lines and 5 statistics lines; got 8 lines): line 3 is "
            "neither the next alert line nor the next statistics line"},
        comparison{
            "stdout/stats_interleaved_stats_line_moved",
            "stdout_stats: interleaved keeps the order of the statistics lines",
            "[stdout] is no interleaving of the alert lines and the statistics of expected/stdout "
            "(expected 3 alert lines and 5 statistics lines; got 8 lines): line 4 is "
            "neither the next alert line nor the next statistics line"},
        comparison{
            "stdout/stats_interleaved_line_twice",
            "stdout_stats: interleaved takes each expected line once",
            "[stdout] is no interleaving of the alert lines and the statistics of expected/stdout "
            "(expected 3 alert lines and 5 statistics lines; got 9 lines): line 6 is "
            "neither the next alert line nor the next statistics line"},
        comparison{
            "stdout/stats_interleaved_block_missing",
            "stdout_stats: interleaved needs the statistics block",
            "[stdout] is no interleaving of the alert lines and the statistics of expected/stdout "
            "(expected 3 alert lines and 5 statistics lines; got 3 lines): it ends with "
            "5 expected lines missing, among them `Events detected: 3`"},
        comparison{"stdout/stats_interleaved_tail",
                   "stdout_tail with interleaved: other alert lines before and among the "
                   "statistics",
                   ""},
        comparison{
            "stdout/stats_interleaved_tail_alert_too_early",
            "stdout_tail with interleaved: nothing but the tail after its alert lines",
            "[stdout] does not end with an interleaving of the alert lines and the statistics "
            "of expected/tail (expected 1 alert lines and 5 statistics lines; got 8 lines): "
            "it ends with 1 expected lines missing, among them `a3`"},
        comparison{
            "stdout/stats_interleaved_tail_block_missing",
            "stdout_tail with interleaved: the statistics block is needed",
            "[stdout] does not end with an interleaving of the alert lines and the statistics "
            "of expected/tail (expected 1 alert lines and 5 statistics lines; got 3 lines): "
            "it ends with 5 expected lines missing, among them `Events detected: 3`"},
        comparison{"stdout/stats_interleaved_check", "a check step on stdout with interleaved", ""},
        comparison{
            "stdout/stats_interleaved_check_differs", "a check step on stdout with interleaved",
            "[stdout] is no interleaving of the alert lines and the statistics of expected/check "
            "(expected 3 alert lines and 5 statistics lines; got 8 lines): line 1 is "
            "neither the next alert line nor the next statistics line"},
        comparison{"stdout/stats_interleaved_delivery",
                   "delivery accounting and counts with the statistics among the alert lines", ""},
        comparison{"stdout/stats_interleaved_delivery_lost",
                   "delivery accounting with the statistics among the alert lines",
                   "[delivery] 1 of 1 channels break the accounting of 4 alerts"},
        comparison{"stdout/tail", "stdout_tail: stdout ends with these bytes", ""},
        comparison{"stdout/tail_differs", "stdout_tail: stdout ends with these bytes",
                   "[stdout] does not end with expected/tail"},
        comparison{"stdout/not_empty", "stdout_empty: no byte at all",
                   "[stdout] expected nothing on stdout, got 1 bytes"},
        comparison{"stderr/prefixes_removed", "the three log timestamp prefixes are removed", ""},
        comparison{"stderr/other_prefix_kept", "no other prefix is removed",
                   "[stderr] no line matches /^message$/"},
        comparison{"stderr/prefix_removed_once", "one prefix is removed, once",
                   "[stderr] no line matches /^twice$/"},
        comparison{"stderr/line_number", "line <N>: searched in a line, not followed by a digit",
                   ""},
        comparison{"stderr/line_number_longer", "line <N>: line 23 does not name line 2",
                   "[stderr] no line matches /line 2([^0-9]|$)/"},
        comparison{"stderr/absent_present", "stderr_absent: no line may match",
                   "[stderr] a line matches /libcurl failed/, which must be absent: libcurl "
                   "failed to perform call"},
        comparison{"stderr/fragment_is_no_line", "stderr records are complete lines",
                   "[stderr] no line matches /no newline/"},
        comparison{"stderr/count", "count: the number of stderr lines", ""},
        comparison{"stderr/count_differs", "count: the number of stderr lines",
                   "[stderr] expected 1 records, got 2"},
        comparison{"file/exact", "a file byte for byte", ""},
        comparison{"file/one_byte_differs", "a file byte for byte",
                   "[file events.txt] differs from expected/events.txt"},
        comparison{"file/absent_present", "files_absent: the path does not exist",
                   "[file events.txt] exists, but the case expects it absent"},
        comparison{"syslog/listed_keys_only", "syslog: only the listed keys", ""},
        comparison{"syslog/key_differs", "syslog: a listed key is compared",
                   "[syslog] differs from expected/syslog.jsonl (expected 1 lines, 33 bytes; got "
                   "1 lines, 33 bytes)"},
        comparison{"syslog/record_count_differs", "syslog: one record per message",
                   "[syslog] differs from expected/syslog.jsonl (expected 1 lines, 20 bytes; got "
                   "2 lines, 40 bytes)"},
        comparison{"http/header_names_any_case", "http: listed headers, names in any case", ""},
        comparison{"http/header_must_be_absent", "http: headers_absent",
                   "+{\"headers_absent\":[\"Content-Type (present: application/json)\"]}"},
        comparison{"http/connections_differ", "http_connections: exact",
                   "[http] expected 1 TCP connections, the mock accepted 2"},
        comparison{"program/stdin_and_eof", "program: the bytes read and the end of input", ""},
        comparison{"program/stdin_differs", "program: the bytes read",
                   "+{\"stdin\":\"{\\\"a\\\":1}\\n\"}"}),
    [](const auto& info) {
        std::string name = info.param.id;
        for (auto& c : name) {
            if (c == '/') {
                c = '_';
            }
        }
        return name;
    });

}  // namespace conformance
