// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conformance {

// The --impl string, split the way a POSIX shell splits a simple command, without running a
// shell: the implementation is exec'ed directly, so its PID is the one the harness signals and
// no `sh` sits between the harness and the process group.
//
// Rules (conformance/README.md, "The --impl string"):
//   - blanks separate words; 'single quotes' keep everything literally;
//   - "double quotes" keep everything except \" \\ \$ \` (backslash escapes those);
//   - outside quotes a backslash escapes the next character;
//   - leading NAME=VALUE words are environment assignments for the implementation;
//   - no expansion ($VAR, ~, globs) and no operators: an unquoted | & ; < > ( ) is an error
//     (write `sh -c '...'` explicitly if you need a shell).
struct impl_command {
    std::vector<std::pair<std::string, std::string>> env;
    std::vector<std::string> argv;

    // Throws std::invalid_argument with the reason (unterminated quote, operator, empty).
    static impl_command parse(std::string_view text);
};

// Quotes one word for a POSIX shell (single quotes; a bare word when that is safe), for the
// reproduce line printed on failure.
std::string shell_quote(std::string_view word);

}  // namespace conformance
