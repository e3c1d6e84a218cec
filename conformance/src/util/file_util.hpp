// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// Whole-file reads and writes; reads of a missing file give "" (callers that care check
// existence first). Errors other than "missing" throw std::runtime_error naming the path.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view data);

// Complete lines only (a trailing fragment without '\n' is not a record yet), without '\n'.
std::vector<std::string> complete_lines(std::string_view text);
// Every line, the last one even without '\n' (for comparisons of final content).
std::vector<std::string> all_lines(std::string_view text);
// Every line with its '\n' kept, the last one even without it: "x" and "x\n" stay different
// (for comparisons that must see a missing final newline).
std::vector<std::string> lines_with_newlines(std::string_view text);

// The last `n` lines of `text` (for stderr tails in reports).
std::string tail_lines(std::string_view text, std::size_t n);

}  // namespace conformance
