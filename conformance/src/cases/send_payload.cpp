// SPDX-License-Identifier: Apache-2.0
#include "cases/send_payload.hpp"

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

std::optional<std::string> send_payloads::adapter_alerts() {
    bool sends = false;
    std::string text;
    if (std::filesystem::exists(case_.dir / "alerts.jsonl")) {
        sends = true;
        text = alerts_file();
    }
    for (const auto& s : case_.steps) {
        if (s.what == step::kind::send_raw || s.what == step::kind::send_file ||
            s.what == step::kind::send_generated) {
            sends = true;
            text += of(s);  // appended, not rebuilt per step: generated input runs to MiBs
        }
    }
    if (!sends) {
        return std::nullopt;
    }
    return text;
}

}  // namespace conformance
