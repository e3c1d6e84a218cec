// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace falco_bench {

// A command-line error; main() prints it with the usage and exits 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct bench_options {
    std::vector<std::string> impl;  // the implementation's command prefix, split
    std::string impl_text;          // as given, for the report
    // A second implementation run on the same alerts and sinks, alternating with the first
    // (--vs); empty when there is none.
    std::vector<std::string> vs_impl;
    std::string vs_impl_text;
    std::string profile = "0.44";
    std::uint64_t alerts = 200000;
    // Per-channel alert counts that override `alerts` (slow channels would take minutes).
    std::map<std::string, std::uint64_t> caps{{"program_nokeep", 2000}, {"http", 50000}};
    std::vector<std::string> channels{"stdout",  "file",           "file_nokeep", "syslog",
                                      "program", "program_nokeep", "http"};
    bool json_format = false;  // json_output: true
    // buffered_outputs for every channel; unset: each channel's own (stdout vs
    // stdout_unbuffered, ...).
    std::optional<bool> buffered_outputs;
    bool output_templates = false;   // contract lines carry output_template (for adapters)
    std::size_t fields_bytes = 120;  // output_fields of each alert: 5 fields, ~453 B lines
    unsigned repeat = 1;             // runs per channel and side; medians reported
    unsigned timeout_s = 300;        // per implementation run; SIGKILL after
    std::optional<std::string> json_path, markdown_path, svg_path;
    std::optional<std::string> work_dir;  // default: a fresh directory under $TMPDIR
    bool keep_work = false;
    bool skip_baseline = false;
    // Write the generated alerts (contract JSON Lines) to this file and exit: the same input
    // for profiling an implementation by hand.
    std::optional<std::string> dump_alerts_path;

    std::uint64_t alerts_for(const std::string& channel) const;
    bool has_vs() const { return !vs_impl.empty(); }
};

// Throws usage_error.
bench_options parse_options(const std::vector<std::string>& args);

// Splits "CMD [ARGS]" like a shell would for plain words: whitespace separates, '...' and
// "..." quote, backslash escapes the next character. No expansion of any kind.
std::vector<std::string> split_command(const std::string& text);

extern const char* const usage_text;

}  // namespace falco_bench
