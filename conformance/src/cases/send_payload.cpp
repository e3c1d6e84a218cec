// SPDX-License-Identifier: Apache-2.0
#include "cases/send_payload.hpp"

#include <algorithm>
#include <filesystem>

#include "cases/line_generator.hpp"
#include "util/file_util.hpp"

namespace conformance {

const std::string& send_payloads::alerts_file() {
    if (!alerts_file_) {
        alerts_file_ = read_file(case_.dir / "alerts.jsonl");
    }
    return *alerts_file_;
}

std::string send_payloads::of(const step& s) {
    switch (s.what) {
        case step::kind::send_raw:
            return values_.apply(s.text, s.label);
        case step::kind::send_file:
            return read_file(case_.dir / s.text);
        case step::kind::send_generated:
            return generate_lines(s.generated);
        case step::kind::send: {
            const auto lines = all_lines(alerts_file());
            std::string data;
            if (s.lines.empty()) {
                for (const auto& l : lines) {
                    data += l + "\n";
                }
            } else {
                for (const int i : s.lines) {
                    data += lines.at(static_cast<std::size_t>(i - 1)) + "\n";
                }
            }
            return data;
        }
        default:
            return {};
    }
}

namespace {

bool sends_beyond_alerts_file(const step& s) {
    return s.what == step::kind::send_raw || s.what == step::kind::send_file ||
           s.what == step::kind::send_generated;
}

}  // namespace

bool send_payloads::sends_anything(const golden_case& c) {
    return std::filesystem::exists(c.dir / "alerts.jsonl") ||
           std::any_of(c.steps.begin(), c.steps.end(), sends_beyond_alerts_file);
}

std::optional<std::string> send_payloads::adapter_alerts() {
    if (!sends_anything(case_)) {
        return std::nullopt;
    }
    std::string text;
    if (std::filesystem::exists(case_.dir / "alerts.jsonl")) {
        text = alerts_file();
    }
    for (const auto& s : case_.steps) {
        if (sends_beyond_alerts_file(s)) {
            text += of(s);  // appended, not rebuilt per step: generated input runs to MiBs
        }
    }
    return text;
}

}  // namespace conformance
