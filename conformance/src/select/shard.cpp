// SPDX-License-Identifier: Apache-2.0
#include "select/shard.hpp"

#include <charconv>
#include <stdexcept>

#include "util/content_hash.hpp"

namespace conformance {

namespace {

// FNV-1a's low bits depend only on the low bits of the input bytes; the modulo below looks
// at little else, so the hash is mixed first (the finaliser of MurmurHash3).
std::uint64_t mixed(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

bool parse_unsigned(std::string_view text, unsigned& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

shard_spec shard_spec::parse(std::string_view text) {
    shard_spec s;
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || !parse_unsigned(text.substr(0, slash), s.index) ||
        !parse_unsigned(text.substr(slash + 1), s.count) || s.index < 1 || s.index > s.count) {
        throw std::invalid_argument("--shard needs K/N with 1 <= K <= N, got '" +
                                    std::string(text) + "'");
    }
    return s;
}

bool shard_spec::contains(std::string_view case_id) const {
    return mixed(fnv1a_64(case_id)) % count == index - 1;
}

}  // namespace conformance
