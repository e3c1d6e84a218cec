// SPDX-License-Identifier: Apache-2.0
#include "select/glob.hpp"

namespace conformance {

namespace {

bool match_here(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.starts_with("**")) {
            p.remove_prefix(2);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match_here(p, s.substr(i))) {
                    return true;
                }
            }
            return false;
        }
        if (p.front() == '*') {
            p.remove_prefix(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match_here(p, s.substr(i))) {
                    return true;
                }
                if (i < s.size() && s[i] == '/') {
                    return false;
                }
            }
            return false;
        }
        if (s.empty() || (p.front() == '?' ? s.front() == '/' : p.front() != s.front())) {
            return false;
        }
        p.remove_prefix(1);
        s.remove_prefix(1);
    }
    return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view id) {
    while (pattern.size() > 1 && pattern.back() == '/') {
        pattern.remove_suffix(1);
    }
    if (match_here(pattern, id)) {
        return true;
    }
    for (std::size_t slash = id.find('/'); slash != std::string_view::npos;
         slash = id.find('/', slash + 1)) {
        if (match_here(pattern, id.substr(0, slash))) {
            return true;
        }
    }
    return false;
}

}  // namespace conformance
