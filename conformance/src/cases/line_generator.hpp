// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

// A line template of the generator (golden/README.md, `send_generated`): literal text with the
// placeholders `{{n}}` (the line's sequence number), `{{n:0W}}` (the same, zero-padded to W
// digits, so that e.g. `"time":1470327477{{n:09}}` grows with n and its text form is
// derivable) and `{{fill}}` (a long filler). Parsed once, rendered per line: 20,000 lines or a
// 10 MiB line cost one pass each.
class line_template {
public:
    // Throws std::invalid_argument naming the offending placeholder.
    explicit line_template(std::string_view text);

    std::string render(std::uint64_t n, std::string_view fill) const;

    bool uses_fill() const { return uses_fill_; }
    // The smallest zero-pad width used (0 without `{{n:0W}}`): n must fit in it, or the
    // padded field would silently grow and break the order it was meant to give.
    unsigned narrowest_width() const { return narrowest_width_; }

private:
    struct piece {
        enum class kind { text, number, fill } what;
        std::string text;    // kind::text
        unsigned width = 0;  // kind::number: zero-pad width, 0 = as is
    };
    std::vector<piece> pieces_;
    bool uses_fill_ = false;
    unsigned narrowest_width_ = 0;
};

// What `send_generated` writes, and what a `generate:` expected content consists of: `count`
// lines numbered from `first`, each the rendered template plus '\n'. The filler is `repeat`
// repeated up to exactly `bytes` bytes.
struct generator_spec {
    std::string line;  // the template, as written
    std::uint64_t first = 1;
    std::uint64_t count = 1;
    std::string repeat;
    std::uint64_t bytes = 0;
};

std::string generate_lines(const generator_spec& spec);

// Every problem of a spec, for the loader ("" when valid): template syntax, a filler declared
// but unused (or used but undeclared), a filler that cannot be exactly `bytes` long, a number
// too wide for its zero-padded field.
std::string check_generator_spec(const generator_spec& spec);

}  // namespace conformance
