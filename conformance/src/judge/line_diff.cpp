// SPDX-License-Identifier: Apache-2.0
#include "judge/line_diff.hpp"

#include <cstdio>
#include <map>

#include "util/file_util.hpp"

namespace conformance {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    return buf;
}

// The first k_max_shown_line_bytes of a line, cut before a UTF-8 continuation byte so a
// character is not split into bytes that would show as \xNN.
std::string_view shortened(std::string_view line) {
    if (line.size() <= line_diff::k_max_shown_line_bytes) {
        return line;
    }
    std::size_t cut = line_diff::k_max_shown_line_bytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return line.substr(0, cut);
}

}  // namespace

std::string escape_visible(std::string_view line) {
    auto content_end = line.size();
    while (content_end > 0 && (line[content_end - 1] == ' ' || line[content_end - 1] == '\t')) {
        --content_end;
    }
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (i >= content_end) {
            out += c == ' ' ? "\\x20" : "\\t";
            ++i;
        } else if (c == '\t') {
            out += "\\t", ++i;
        } else if (c == '\r') {
            out += "\\r", ++i;
        } else if (c < 0x20 || c == 0x7F) {
            out += hex_byte(c), ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c), ++i;
        } else if (const auto n = utf8_length(line, i); n > 0) {
            out.append(line.substr(i, n));
            i += n;
        } else {
            out += hex_byte(c), ++i;
        }
    }
    return out;
}

line_diff::line_diff(std::string_view expected, std::string_view actual)
    : a_(lines_with_newlines(expected)), b_(lines_with_newlines(actual)) {
    equal_ = a_ == b_;
    const auto n = static_cast<long>(a_.size());
    const auto m = static_cast<long>(b_.size());
    const long max = n + m;
    // Myers: v[k] = furthest x on diagonal k; keep every round's v to walk the path back. Only
    // diagonals -d..d matter before round d, so each round keeps that slice: O(D^2) memory,
    // not O(D * (N + M)), and D is capped so a wildly different output cannot exhaust memory.
    std::vector<long> v(2 * max + 2, 0);
    std::vector<std::vector<long>> trace;
    long found_d = -1;
    for (long d = 0; d <= max && found_d < 0; ++d) {
        if (d > k_max_edit_distance) {
            fall_back_to_prefix_diff();
            return;
        }
        trace.emplace_back(v.begin() + (max - d), v.begin() + (max + d + 1));
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? v[k + 1 + max]
                                                                              : v[k - 1 + max] + 1;
            long y = x - k;
            while (x < n && y < m && a_[x] == b_[y]) {
                ++x, ++y;
            }
            v[k + max] = x;
            if (x >= n && y >= m) {
                found_d = d;
                break;
            }
        }
    }
    // Walk back from (n, m): trace[d] is v as it was before round d.
    long x = n;
    long y = m;
    std::vector<edit> reversed;
    const auto keep_to = [&](long px, long py) {
        while (x > px && y > py) {
            --x, --y;
            reversed.push_back(
                {op::keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
        }
    };
    for (long d = found_d; d > 0; --d) {
        const auto& slice = trace[d];  // diagonal k is at index k + d
        const auto pv = [&](long k) { return slice[k + d]; };
        const long k = x - y;
        const bool down = k == -d || (k != d && pv(k - 1) < pv(k + 1));
        const long prev_k = down ? k + 1 : k - 1;
        const long prev_x = pv(prev_k);
        const long prev_y = prev_x - prev_k;
        // The snake after the move, then the move itself.
        keep_to(down ? prev_x : prev_x + 1, down ? prev_y + 1 : prev_y);
        if (down) {
            --y;
            reversed.push_back(
                {op::insert, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
        } else {
            --x;
            reversed.push_back(
                {op::remove, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
        }
    }
    keep_to(0, 0);
    edits_.assign(reversed.rbegin(), reversed.rend());
}

void line_diff::fall_back_to_prefix_diff() {
    // Not a minimal diff: the common prefix, then everything else removed and added. The report
    // shows the start of it (unified() caps its length), which is where the reader looks first.
    approximate_ = true;
    edits_.clear();
    std::size_t i = 0;
    while (i < a_.size() && i < b_.size() && a_[i] == b_[i]) {
        edits_.push_back({op::keep, i, i});
        ++i;
    }
    for (std::size_t r = i; r < a_.size(); ++r) {
        edits_.push_back({op::remove, r, i});
    }
    for (std::size_t r = i; r < b_.size(); ++r) {
        edits_.push_back({op::insert, a_.size(), r});
    }
}

std::string line_diff::unified(std::string_view expected_label, std::string_view actual_label,
                               std::size_t context) const {
    std::string out =
        "--- " + std::string(expected_label) + "\n+++ " + std::string(actual_label) + "\n";
    if (equal_) {
        return out;
    }
    std::size_t shown = 0;
    const auto show = [&shown](char prefix, const std::string& line) {
        ++shown;
        const bool has_nl = !line.empty() && line.back() == '\n';
        const std::string_view content(line.data(), line.size() - (has_nl ? 1 : 0));
        std::string text = std::string(1, prefix) + escape_visible(shortened(content));
        if (content.size() > k_max_shown_line_bytes) {
            text += " [... " + std::to_string(content.size() - shortened(content).size()) +
                    " more bytes]";
        }
        text += "\n";
        if (!has_nl) {
            text += "\\ No newline at end of file\n";
        }
        return text;
    };
    if (approximate_) {
        out += "(more than " + std::to_string(k_max_edit_distance) +
               " lines differ: not a minimal diff; the first difference and what follows it)\n";
    }
    std::size_t i = 0;
    while (i < edits_.size()) {
        if (edits_[i].kind == op::keep) {
            ++i;
            continue;
        }
        // A hunk: from `context` keeps before the change to `context` keeps after the last
        // change that is within 2*context keeps of the previous one.
        std::size_t start = i >= context ? i - context : 0;
        while (start < i && edits_[start].kind != op::keep) {
            ++start;
        }
        std::size_t end = i;
        std::size_t keeps = 0;
        for (std::size_t j = i; j < edits_.size(); ++j) {
            if (edits_[j].kind == op::keep) {
                if (++keeps > 2 * context) {
                    break;
                }
            } else {
                keeps = 0;
                end = j;
            }
        }
        const std::size_t stop = std::min(edits_.size(), end + 1 + context);
        std::size_t a_start = edits_[start].a, b_start = edits_[start].b, a_len = 0, b_len = 0;
        std::string body;
        for (std::size_t j = start; j < stop; ++j) {
            if (shown == k_max_shown_lines) {
                body += "[... diff cut after " + std::to_string(k_max_shown_lines) + " lines]\n";
                j = stop;
                i = edits_.size();
                break;
            }
            const auto& e = edits_[j];
            if (e.kind == op::keep) {
                body += show(' ', a_[e.a]);
                ++a_len, ++b_len;
            } else if (e.kind == op::remove) {
                body += show('-', a_[e.a]);
                ++a_len;
            } else {
                body += show('+', b_[e.b]);
                ++b_len;
            }
        }
        // Unified-diff convention: an empty range starts at the line before it.
        const auto range = [](std::size_t first, std::size_t len) {
            return std::to_string(len == 0 ? first : first + 1) + "," + std::to_string(len);
        };
        out += "@@ -" + range(a_start, a_len) + " +" + range(b_start, b_len) + " @@\n" + body;
        i = std::max(i, stop);
    }
    return out;
}

std::optional<std::pair<std::string, std::string>> line_diff::first_changed_pair() const {
    const auto strip = [](std::string s) {
        if (!s.empty() && s.back() == '\n') {
            s.pop_back();
        }
        return s;
    };
    for (std::size_t i = 0; i < edits_.size(); ++i) {
        if (edits_[i].kind != op::remove) {
            continue;
        }
        for (std::size_t j = i + 1; j < edits_.size() && edits_[j].kind != op::keep; ++j) {
            if (edits_[j].kind == op::insert) {
                return std::pair{strip(a_[edits_[i].a]), strip(b_[edits_[j].b])};
            }
        }
    }
    return std::nullopt;
}

std::string visible_text(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const auto end = nl == std::string_view::npos ? text.size() : nl;
        out += escape_visible(text.substr(start, end - start));
        if (nl != std::string_view::npos) {
            out += '\n';
        }
        start = end + 1;
    }
    return out;
}

}  // namespace conformance
