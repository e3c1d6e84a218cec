// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace selftest {

// A deliberate defect in what reaches the implementation's alerts input: conformance-defect
// puts a filter process between the input and the implementation.
enum class input_filter {
    // The last line of the input never arrives (every other line one line late).
    withhold_last_line,
};

// "withhold_last_line"; nullopt for anything else.
std::optional<input_filter> parse_input_filter(std::string_view name);

// withhold_last_line as a byte stream: passes lines on, always holding the newest one back
// until the next arrives, and drops it at the end of the input. A last line without '\n' is
// a line too (the contract's reader delivers it), so then that one is dropped.
class line_withholder {
public:
    // The bytes that may go on now.
    std::string feed(std::string_view data);
    // End of input: what still goes on (never the last line).
    std::string finish();

private:
    std::string pending_;  // the newest complete line and whatever follows it
};

// Copies in_fd to out_fd through the filter until the end of in_fd; then closes out_fd.
// Returns 0, or 1 when reading failed.
int run_input_filter(input_filter filter, int in_fd, int out_fd);

}  // namespace selftest
