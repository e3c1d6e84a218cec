// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace falco_ref {

// Skips the bytes that a JSON string writer copies unchanged: anything but control bytes
// (< 0x20), '"' and '\\', and, when `stop_at_high` is set, bytes >= 0x80 (which nlohmann must
// check for UTF-8 validity). Looks at 8 bytes at a time; most alert text is such a run.
// Returns the first byte that needs attention, or `end`.
inline const unsigned char* skip_plain_run(const unsigned char* p, const unsigned char* end,
                                           bool stop_at_high) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    const std::uint64_t high_mask = stop_at_high ? ~std::uint64_t{0} : ~k_highs;
    while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        // Per byte, the high bit of each term is set when (for bytes < 0x80) the byte is below
        // 0x20, equals '"', equals '\\'; `w` itself flags bytes >= 0x80. Bytes >= 0x80 can set
        // false alarms in the first three terms, which only costs a byte-wise look.
        const std::uint64_t below_space = w - k_ones * 0x20;
        const std::uint64_t quote = (w ^ (k_ones * '"')) - k_ones;
        const std::uint64_t backslash = (w ^ (k_ones * '\\')) - k_ones;
        const std::uint64_t flags =
            ((below_space | quote | backslash) & ~w & k_highs) | (w & k_highs & high_mask);
        if (flags != 0) {
            break;
        }
        p += 8;
    }
    return p;
}

// The whole run: 8-byte steps, then byte by byte with the writer's own table (`is_plain`) for
// at most a word before trying 8-byte steps again.
template <typename IsPlain>
const unsigned char* skip_plain_bytes(const unsigned char* p, const unsigned char* end,
                                      bool stop_at_high, IsPlain is_plain) {
    for (;;) {
        p = skip_plain_run(p, end, stop_at_high);
        const unsigned char* const stop = end - p > 8 ? p + 8 : end;
        while (p != stop && is_plain(*p)) {
            ++p;
        }
        if (p == end || !is_plain(*p)) {
            return p;
        }
    }
}

// Appends `s` quoted: plain runs (per `is_plain`) copied in one go, every other byte handed to
// `special(out, p, end)`, which appends its escape and returns where plain text may resume.
template <typename IsPlain, typename Special>
void append_quoted(std::string& out, std::string_view s, bool stop_at_high, IsPlain is_plain,
                   Special special) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = p + s.size();
    out.push_back('"');
    while (p != end) {
        const auto* run = p;
        p = skip_plain_bytes(p, end, stop_at_high, is_plain);
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
        if (p != end) {
            p = special(out, p, end);
        }
    }
    out.push_back('"');
}

}  // namespace falco_ref
