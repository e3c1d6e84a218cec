// SPDX-License-Identifier: Apache-2.0
#include "select/listed_entries.hpp"

#include <fstream>
#include <stdexcept>

namespace conformance {

std::vector<listed_entry> read_listed_entries(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::vector<listed_entry> entries;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') {
            continue;
        }
        const auto key_end = line.find_first_of(" \t", start);
        const auto reason_start = key_end == std::string::npos
                                      ? std::string::npos
                                      : line.find_first_not_of(" \t", key_end);
        const std::string where = file.string() + ":" + std::to_string(number);
        if (reason_start == std::string::npos) {
            throw std::runtime_error(where + ": entry without a reason (write `KEY  why`)");
        }
        auto reason = line.substr(reason_start);
        while (!reason.empty() && (reason.back() == '\r' || reason.back() == ' ')) {
            reason.pop_back();
        }
        entries.push_back({line.substr(start, key_end - start), reason, where});
    }
    return entries;
}

}  // namespace conformance
