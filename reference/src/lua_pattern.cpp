// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/lua_pattern.hpp"

#include <array>
#include <cstddef>
#include <cstring>
#include <string>

// A port of LuaJIT 2.0.3's pattern matcher (luajit@2.0.3:src/lib_string.c:170-451) for an
// anchored find. The pointer walk over NUL-terminated strings is kept as it is there: the
// subject's terminating NUL is read at its end (`%f`, `%b`), and the pattern ends at its NUL.
namespace falco_ref {
namespace {

constexpr char k_escape = '%';
constexpr int k_max_captures = 32;  // LUA_MAXCAPTURES, luajit@2.0.3:src/luaconf.h:93
constexpr int k_max_depth = 200;    // LJ_MAX_XLEVEL, luajit@2.0.3:src/lj_def.h:61
constexpr std::ptrdiff_t k_capture_unfinished = -1;
constexpr std::ptrdiff_t k_capture_position = -2;

// A Lua error raised by the matcher (luajit@2.0.3:src/lj_errmsg.h:90-98); the caller only
// needs to know that one was raised.
struct pattern_error {};

// LuaJIT's own ASCII character table, not the C library's (luajit@2.0.3:src/lj_char.c:20-40,
// src/lj_char.h:11-23): bytes from 0x80 belong to no class.
enum char_bits : unsigned {
    k_cntrl = 0x01,
    k_space = 0x02,
    k_punct = 0x04,
    k_digit = 0x08,
    k_xdigit = 0x10,
    k_upper = 0x20,
    k_lower = 0x40,
    k_alpha = k_lower | k_upper,
    k_alnum = k_alpha | k_digit,
    k_graph = k_alnum | k_punct,
};

unsigned bits_of(unsigned char c) {
    if (c >= 0x80) {
        return 0;
    }
    if (c >= '0' && c <= '9') {
        return k_digit | k_xdigit;
    }
    if (c >= 'a' && c <= 'z') {
        return k_lower | (c <= 'f' ? k_xdigit : 0U);
    }
    if (c >= 'A' && c <= 'Z') {
        return k_upper | (c <= 'F' ? k_xdigit : 0U);
    }
    if (c == ' ') {
        return k_space;
    }
    if (c >= '\t' && c <= '\r') {
        return k_cntrl | k_space;
    }
    if (c < ' ' || c == 0x7F) {
        return k_cntrl;
    }
    return k_punct;
}

// The class letters by their low five bits: a c d g l p s u w x (lib_string.c:226-230).
// LuaJIT 2.0.3 knows %g, which Lua 5.1 does not.
constexpr std::array<unsigned, 32> make_class_map() {
    std::array<unsigned, 32> map{};
    map['a' & 0x1f] = k_alpha;
    map['c' & 0x1f] = k_cntrl;
    map['d' & 0x1f] = k_digit;
    map['g' & 0x1f] = k_graph;
    map['l' & 0x1f] = k_lower;
    map['p' & 0x1f] = k_punct;
    map['s' & 0x1f] = k_space;
    map['u' & 0x1f] = k_upper;
    map['w' & 0x1f] = k_alnum;
    map['x' & 0x1f] = k_xdigit;
    return map;
}
constexpr std::array<unsigned, 32> k_class_map = make_class_map();

unsigned char uchar(char c) {
    return static_cast<unsigned char>(c);
}

// lib_string.c:232-244: `%x` for a letter x is a class (upper case negates it), `%z` the
// NUL byte; `%` before anything else is that character itself.
bool match_class(int c, int cl) {
    if ((cl & 0xc0) == 0x40) {
        const unsigned t = k_class_map[static_cast<std::size_t>(cl & 0x1f)];
        if (t != 0) {
            const bool in = (bits_of(static_cast<unsigned char>(c)) & t) != 0;
            return (cl & 0x20) != 0 ? in : !in;
        }
        if (cl == 'z') {
            return c == 0;
        }
        if (cl == 'Z') {
            return c != 0;
        }
    }
    return cl == c;
}

// lib_string.c:246-267: `p` is the `[`, `ec` the closing `]`.
bool match_bracket_class(int c, const char* p, const char* ec) {
    bool sig = true;
    if (*(p + 1) == '^') {
        sig = false;
        ++p;
    }
    while (++p < ec) {
        if (*p == k_escape) {
            ++p;
            if (match_class(c, uchar(*p))) {
                return sig;
            }
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if (uchar(*(p - 2)) <= c && c <= uchar(*p)) {
                return sig;
            }
        } else if (uchar(*p) == c) {
            return sig;
        }
    }
    return !sig;
}

// lib_string.c:269-277.
bool single_match(int c, const char* p, const char* ep) {
    switch (*p) {
        case '.':
            return true;
        case k_escape:
            return match_class(c, uchar(*(p + 1)));
        case '[':
            return match_bracket_class(c, p, ep - 1);
        default:
            return uchar(*p) == c;
    }
}

// lib_string.c:205-224: the end of the single-character class starting at `p`.
const char* class_end(const char* p) {
    switch (*p++) {
        case k_escape:
            if (*p == '\0') {
                throw pattern_error{};  // malformed pattern (ends with '%')
            }
            return p + 1;
        case '[':
            if (*p == '^') {
                ++p;
            }
            do {
                if (*p == '\0') {
                    throw pattern_error{};  // malformed pattern (missing ']')
                }
                if (*(p++) == k_escape && *p != '\0') {
                    ++p;
                }
            } while (*p != ']');
            return p + 1;
        default:
            return p;
    }
}

// The MatchState of lib_string.c:173-183 with the functions that use it.
class matcher {
public:
    matcher(const char* subject, std::size_t size) : src_init_(subject), src_end_(subject + size) {}

    // lib_string.c:368-451: the end of the match of `p` from `s`, or nullptr.
    const char* match(const char* s, const char* p) {
        if (++depth_ > k_max_depth) {
            throw pattern_error{};  // pattern too complex
        }
        s = match_here(s, p);
        --depth_;
        return s;
    }

    // lib_string.c:477-502: find() pushes every capture, and one left open is an error.
    void check_captures_closed() const {
        for (int i = 0; i < level_; ++i) {
            if (captures_[static_cast<std::size_t>(i)].len == k_capture_unfinished) {
                throw pattern_error{};  // unfinished capture
            }
        }
    }

private:
    struct capture {
        const char* init = nullptr;
        std::ptrdiff_t len = 0;
    };

    const char* match_here(const char* s, const char* p) {
        for (;;) {
            switch (*p) {
                case '(':
                    if (*(p + 1) == ')') {
                        return start_capture(s, p + 2, k_capture_position);
                    }
                    return start_capture(s, p + 1, k_capture_unfinished);
                case ')':
                    return end_capture(s, p + 1);
                case '\0':
                    return s;
                case '$':
                    if (*(p + 1) == '\0') {
                        return s == src_end_ ? s : nullptr;
                    }
                    break;
                case k_escape:
                    if (*(p + 1) == 'b') {
                        s = match_balance(s, p + 2);
                        if (s == nullptr) {
                            return nullptr;
                        }
                        p += 4;
                        continue;
                    }
                    if (*(p + 1) == 'f') {
                        p += 2;
                        if (*p != '[') {
                            throw pattern_error{};  // missing '[' after '%f' in pattern
                        }
                        const char* ep = class_end(p);
                        const char previous = s == src_init_ ? '\0' : *(s - 1);
                        if (match_bracket_class(uchar(previous), p, ep - 1) ||
                            !match_bracket_class(uchar(*s), p, ep - 1)) {
                            return nullptr;
                        }
                        p = ep;
                        continue;
                    }
                    if ((bits_of(uchar(*(p + 1))) & k_digit) != 0) {
                        s = match_capture(s, uchar(*(p + 1)));
                        if (s == nullptr) {
                            return nullptr;
                        }
                        p += 2;
                        continue;
                    }
                    break;
                default:
                    break;
            }
            // A pattern item: a single-character class and its quantifier.
            const char* ep = class_end(p);
            const bool m = s < src_end_ && single_match(uchar(*s), p, ep);
            switch (*ep) {
                case '?':
                    if (m) {
                        if (const char* res = match(s + 1, ep + 1)) {
                            return res;
                        }
                    }
                    p = ep + 1;
                    continue;
                case '*':
                    return max_expand(s, p, ep);
                case '+':
                    return m ? max_expand(s + 1, p, ep) : nullptr;
                case '-':
                    return min_expand(s, p, ep);
                default:
                    if (!m) {
                        return nullptr;
                    }
                    ++s;
                    p = ep;
                    continue;
            }
        }
    }

    // lib_string.c:281-300.
    const char* match_balance(const char* s, const char* p) const {
        if (*p == '\0' || *(p + 1) == '\0') {
            throw pattern_error{};  // unbalanced pattern
        }
        if (*s != *p) {
            return nullptr;
        }
        const char b = *p;
        const char e = *(p + 1);
        int cont = 1;
        while (++s < src_end_) {
            if (*s == e) {
                if (--cont == 0) {
                    return s + 1;
                }
            } else if (*s == b) {
                ++cont;
            }
        }
        return nullptr;
    }

    // lib_string.c:302-315.
    const char* max_expand(const char* s, const char* p, const char* ep) {
        std::ptrdiff_t i = 0;
        while (s + i < src_end_ && single_match(uchar(*(s + i)), p, ep)) {
            ++i;
        }
        for (; i >= 0; --i) {
            if (const char* res = match(s + i, ep + 1)) {
                return res;
            }
        }
        return nullptr;
    }

    // lib_string.c:317-329.
    const char* min_expand(const char* s, const char* p, const char* ep) {
        for (;;) {
            if (const char* res = match(s, ep + 1)) {
                return res;
            }
            if (s < src_end_ && single_match(uchar(*s), p, ep)) {
                ++s;
            } else {
                return nullptr;
            }
        }
    }

    // lib_string.c:331-343.
    const char* start_capture(const char* s, const char* p, std::ptrdiff_t what) {
        if (level_ >= k_max_captures) {
            throw pattern_error{};  // too many captures
        }
        captures_[static_cast<std::size_t>(level_)] = {s, what};
        ++level_;
        const char* res = match(s, p);
        if (res == nullptr) {
            --level_;
        }
        return res;
    }

    // lib_string.c:345-354, with capture_to_close of lib_string.c:196-203.
    const char* end_capture(const char* s, const char* p) {
        int l = level_ - 1;
        while (l >= 0 && captures_[static_cast<std::size_t>(l)].len != k_capture_unfinished) {
            --l;
        }
        if (l < 0) {
            throw pattern_error{};  // invalid pattern capture
        }
        auto& c = captures_[static_cast<std::size_t>(l)];
        c.len = s - c.init;
        const char* res = match(s, p);
        if (res == nullptr) {
            c.len = k_capture_unfinished;
        }
        return res;
    }

    // lib_string.c:356-366, with check_capture of lib_string.c:188-194.
    const char* match_capture(const char* s, int l) const {
        l -= '1';
        if (l < 0 || l >= level_ ||
            captures_[static_cast<std::size_t>(l)].len == k_capture_unfinished) {
            throw pattern_error{};  // invalid capture index
        }
        const auto& c = captures_[static_cast<std::size_t>(l)];
        const auto len = static_cast<std::size_t>(c.len);
        if (static_cast<std::size_t>(src_end_ - s) >= len && std::memcmp(c.init, s, len) == 0) {
            return s + len;
        }
        return nullptr;
    }

    const char* src_init_;
    const char* src_end_;
    int level_ = 0;
    int depth_ = 0;
    std::array<capture, k_max_captures> captures_{};
};

}  // namespace

lua_find_outcome lua_find_at_start(std::string_view subject, std::string_view pattern) {
    const std::string text(subject);  // NUL-terminated, as a Lua string is
    const std::string body(pattern.substr(0, pattern.find('\0')));
    try {
        matcher m(text.c_str(), text.size());
        if (m.match(text.c_str(), body.c_str()) == nullptr) {
            return lua_find_outcome::no_match;
        }
        m.check_captures_closed();
        return lua_find_outcome::match;
    } catch (const pattern_error&) {
        return lua_find_outcome::error;
    }
}

}  // namespace falco_ref
