// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conformance {

// A line of text made visible: control bytes, DEL and bytes that are not valid UTF-8 as \xNN,
// tab as \t, CR as \r, trailing blanks as \x20 — differences that are otherwise invisible in
// a terminal (CRLF, a stray NUL, U+FFFD vs the raw byte) show up as text.
std::string escape_visible(std::string_view line);

// escape_visible applied line by line, keeping the newlines (for multi-line report text).
std::string visible_text(std::string_view text);

// Line diff (Myers' O(ND) algorithm) of expected vs actual content, rendered as a unified diff.
class line_diff {
public:
    // Bounds that keep a report readable and the judge's memory small whatever an
    // implementation prints: the edit distance searched (beyond it the diff is the common prefix
    // then everything else, marked as not minimal), the diff lines shown, the bytes shown of one
    // line.
    static constexpr long k_max_edit_distance = 2000;
    static constexpr std::size_t k_max_shown_lines = 400;
    static constexpr std::size_t k_max_shown_line_bytes = 2048;

    line_diff(std::string_view expected, std::string_view actual);

    bool equal() const { return equal_; }
    // `--- <expected_label>` / `+++ <actual_label>` and @@ hunks with `context` lines around
    // each change; lines escaped with escape_visible; a missing final newline is marked.
    std::string unified(std::string_view expected_label, std::string_view actual_label,
                        std::size_t context = 3) const;
    // The first removed line paired with the first added line of the first hunk that has both
    // (without newlines): what the JSON explanation looks at.
    std::optional<std::pair<std::string, std::string>> first_changed_pair() const;

private:
    enum class op { keep, remove, insert };
    struct edit {
        op kind;
        std::size_t a;  // index in expected (keep, remove)
        std::size_t b;  // index in actual (keep, insert)
    };
    // Lines keep their '\n', so "x" and "x\n" differ and the marker can be printed.
    std::vector<std::string> a_, b_;
    void fall_back_to_prefix_diff();

    std::vector<edit> edits_;
    bool equal_ = false;
    bool approximate_ = false;  // the edit distance exceeded k_max_edit_distance
};

}  // namespace conformance
