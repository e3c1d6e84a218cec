// SPDX-License-Identifier: Apache-2.0
#include "output_transforms.hpp"

#include <cctype>
#include <cstring>
#include <vector>

namespace selftest {
namespace {

bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A recursive walk over one JSON text that copies it, reversing the members of each object.
// Strings and scalars are copied raw (escapes included); whitespace stays where it was, the
// separators between members keep their positions.
class member_reverser {
public:
    explicit member_reverser(std::string_view text) : t_(text) {}

    bool whole(std::string& out) {
        if (!value(out)) {
            return false;
        }
        copy_ws(out);
        return pos_ == t_.size();
    }

private:
    bool value(std::string& out) {
        copy_ws(out);
        if (pos_ >= t_.size()) {
            return false;
        }
        switch (t_[pos_]) {
            case '{':
                return object(out);
            case '[':
                return array(out);
            case '"':
                return string(out);
            default:
                return scalar(out);
        }
    }

    void copy_ws(std::string& out) {
        while (pos_ < t_.size() && is_ws(t_[pos_])) {
            out.push_back(t_[pos_++]);
        }
    }

    bool string(std::string& out) {
        const std::size_t start = pos_++;
        while (pos_ < t_.size()) {
            const char c = t_[pos_++];
            if (c == '\\') {
                if (pos_ >= t_.size()) {
                    return false;
                }
                ++pos_;
            } else if (c == '"') {
                out.append(t_.substr(start, pos_ - start));
                return true;
            }
        }
        return false;
    }

    bool scalar(std::string& out) {
        const std::size_t start = pos_;
        while (pos_ < t_.size() && !is_ws(t_[pos_]) && std::strchr(",:]}", t_[pos_]) == nullptr) {
            ++pos_;
        }
        out.append(t_.substr(start, pos_ - start));
        return pos_ > start;
    }

    bool array(std::string& out) {
        out.push_back(t_[pos_++]);
        copy_ws(out);
        if (pos_ < t_.size() && t_[pos_] == ']') {
            out.push_back(t_[pos_++]);
            return true;
        }
        for (;;) {
            if (!value(out)) {
                return false;
            }
            copy_ws(out);
            if (pos_ >= t_.size()) {
                return false;
            }
            const char c = t_[pos_++];
            out.push_back(c);
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    bool object(std::string& out) {
        ++pos_;
        std::string lead;
        copy_ws(lead);
        std::vector<std::string> members;
        std::vector<std::string> separators;
        std::string tail;
        if (pos_ < t_.size() && t_[pos_] == '}') {
            ++pos_;
            out += "{" + lead + "}";
            return true;
        }
        for (;;) {
            std::string member;
            if (pos_ >= t_.size() || t_[pos_] != '"' || !string(member)) {
                return false;
            }
            copy_ws(member);
            if (pos_ >= t_.size() || t_[pos_] != ':') {
                return false;
            }
            member.push_back(t_[pos_++]);
            if (!value(member)) {
                return false;
            }
            members.push_back(std::move(member));
            std::string separator;
            copy_ws(separator);
            if (pos_ >= t_.size()) {
                return false;
            }
            const char c = t_[pos_++];
            if (c == '}') {
                tail = std::move(separator);
                break;
            }
            if (c != ',') {
                return false;
            }
            separator.push_back(c);
            copy_ws(separator);
            separators.push_back(std::move(separator));
        }
        out += "{" + lead;
        for (std::size_t i = 0; i < members.size(); ++i) {
            out += members[members.size() - 1 - i];
            if (i < separators.size()) {
                out += separators[i];
            }
        }
        out += tail + "}";
        return true;
    }

    std::string_view t_;
    std::size_t pos_ = 0;
};

std::string uppercase_escapes(std::string_view line) {
    std::string out(line);
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (out[i] != '\\') {
            continue;
        }
        if (out[i + 1] == 'u' && i + 6 <= out.size()) {
            for (std::size_t k = i + 2; k < i + 6; ++k) {
                out[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[k])));
            }
            i += 5;
        } else {
            ++i;  // an escaped character, never the start of another escape
        }
    }
    return out;
}

std::string transform_line(output_transform t, std::string_view line) {
    switch (t) {
        case output_transform::json_members_reversed: {
            const std::size_t first = line.find_first_not_of(" \t\r");
            if (first != std::string_view::npos && line[first] == '{') {
                if (auto reversed = reverse_json_members(line)) {
                    return *reversed;
                }
            }
            return std::string(line);
        }
        case output_transform::uppercase_escapes:
            return uppercase_escapes(line);
        default:
            return std::string(line);
    }
}

}  // namespace

std::optional<output_transform> parse_output_transform(std::string_view name) {
    if (name == "json_members_reversed") {
        return output_transform::json_members_reversed;
    }
    if (name == "uppercase_escapes") {
        return output_transform::uppercase_escapes;
    }
    if (name == "no_newline") {
        return output_transform::no_newline;
    }
    return std::nullopt;
}

std::optional<std::string> reverse_json_members(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    if (!member_reverser(text).whole(out)) {
        return std::nullopt;
    }
    return out;
}

std::string transform_output(output_transform t, std::string_view data) {
    if (t == output_transform::none) {
        return std::string(data);
    }
    std::string out;
    out.reserve(data.size());
    std::size_t start = 0;
    while (start < data.size()) {
        const std::size_t nl = data.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? data.size() : nl;
        out += transform_line(t, data.substr(start, end - start));
        if (nl == std::string_view::npos) {
            break;
        }
        if (t != output_transform::no_newline) {
            out.push_back('\n');
        }
        start = nl + 1;
    }
    return out;
}

}  // namespace selftest
