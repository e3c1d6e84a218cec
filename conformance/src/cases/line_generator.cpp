// SPDX-License-Identifier: Apache-2.0
#include "cases/line_generator.hpp"

#include <algorithm>
#include <stdexcept>

namespace conformance {

namespace {

constexpr unsigned k_max_width = 20;  // digits of the largest 64-bit number

std::string padded(std::uint64_t n, unsigned width) {
    auto digits = std::to_string(n);
    if (digits.size() < width) {
        digits.insert(0, width - digits.size(), '0');
    }
    return digits;
}

}  // namespace

line_template::line_template(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        const auto literal_end = open == std::string_view::npos ? text.size() : open;
        if (literal_end > pos) {
            pieces_.push_back(
                {piece::kind::text, std::string(text.substr(pos, literal_end - pos))});
        }
        if (open == std::string_view::npos) {
            break;
        }
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            throw std::invalid_argument("unterminated placeholder at byte " + std::to_string(open));
        }
        const auto name = text.substr(open + 2, close - open - 2);
        if (name == "n") {
            pieces_.push_back({piece::kind::number, ""});
        } else if (name == "fill") {
            pieces_.push_back({piece::kind::fill, ""});
            uses_fill_ = true;
        } else if (name.starts_with("n:0") && name.size() > 3 &&
                   std::all_of(name.begin() + 3, name.end(),
                               [](char c) { return c >= '0' && c <= '9'; }) &&
                   name.size() <= 5) {
            const auto width = static_cast<unsigned>(std::stoul(std::string(name.substr(3))));
            if (width == 0 || width > k_max_width) {
                throw std::invalid_argument("{{" + std::string(name) + "}}: width must be 1 to " +
                                            std::to_string(k_max_width));
            }
            pieces_.push_back({piece::kind::number, "", width});
            narrowest_width_ = narrowest_width_ == 0 ? width : std::min(narrowest_width_, width);
        } else {
            throw std::invalid_argument("unknown placeholder {{" + std::string(name) +
                                        "}} (a generated line knows {{n}}, {{n:0W}} and {{fill}})");
        }
        pos = close + 2;
    }
}

std::string line_template::render(std::uint64_t n, std::string_view fill) const {
    std::string out;
    for (const auto& p : pieces_) {
        switch (p.what) {
            case piece::kind::text:
                out += p.text;
                break;
            case piece::kind::number:
                out += padded(n, p.width);
                break;
            case piece::kind::fill:
                out += fill;
                break;
        }
    }
    return out;
}

std::string generate_lines(const generator_spec& spec) {
    const line_template line(spec.line);
    std::string fill;
    if (!spec.repeat.empty()) {
        fill.reserve(spec.bytes);
        while (fill.size() < spec.bytes) {
            fill += spec.repeat;
        }
        fill.resize(spec.bytes);
    }
    std::string out;
    for (std::uint64_t i = 0; i < spec.count; ++i) {
        out += line.render(spec.first + i, fill);
        out += '\n';
    }
    return out;
}

std::string check_generator_spec(const generator_spec& spec) {
    try {
        const line_template line(spec.line);
        const bool declared = !spec.repeat.empty() || spec.bytes > 0;
        if (line.uses_fill() && !declared) {
            return "{{fill}} needs repeat and bytes";
        }
        if (declared && !line.uses_fill()) {
            return "repeat and bytes are given but the template has no {{fill}}";
        }
        if (declared && (spec.repeat.empty() || spec.bytes % spec.repeat.size() != 0)) {
            return "bytes must be a multiple of the length of repeat (a non-empty text), so the "
                   "filler is exactly bytes long";
        }
        const auto last = spec.first + spec.count - 1;
        if (line.narrowest_width() > 0 && std::to_string(last).size() > line.narrowest_width()) {
            return "n reaches " + std::to_string(last) + ", wider than {{n:0" +
                   std::to_string(line.narrowest_width()) + "}}";
        }
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

}  // namespace conformance
