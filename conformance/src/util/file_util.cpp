// SPDX-License-Identifier: Apache-2.0
#include "util/file_util.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conformance {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) {
            return {};
        }
        throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void write_file(const std::filesystem::path& path, std::string_view data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::vector<std::string> complete_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
        lines.emplace_back(text.substr(start, nl - start));
    }
    return lines;
}

std::vector<std::string> all_lines(std::string_view text) {
    auto lines = complete_lines(text);
    const auto last_nl = text.rfind('\n');
    const std::size_t tail_start = last_nl == std::string_view::npos ? 0 : last_nl + 1;
    if (tail_start < text.size()) {
        lines.emplace_back(text.substr(tail_start));
    }
    return lines;
}

std::vector<std::string> lines_with_newlines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const auto end = nl == std::string_view::npos ? text.size() : nl + 1;
        lines.emplace_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

std::string tail_lines(std::string_view text, std::size_t n) {
    const auto lines = all_lines(text);
    std::string out;
    for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i) {
        out += lines[i] + "\n";
    }
    return out;
}

}  // namespace conformance
