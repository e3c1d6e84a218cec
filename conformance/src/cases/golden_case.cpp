// SPDX-License-Identifier: Apache-2.0
#include "cases/golden_case.hpp"

#include <algorithm>

namespace conformance {

std::vector<std::string> golden_case::features() const {
    std::vector<std::string> out = tags;
    out.insert(out.end(), requires_features.begin(), requires_features.end());
    out.insert(out.end(), alert_features.begin(), alert_features.end());
    if (syslog_mock) {
        out.push_back("mock:syslog");
    }
    if (http_mock) {
        out.push_back("mock:http");
        if (http_mock->tls != "false") {
            out.push_back("tls");
            out.push_back("tls:" + http_mock->tls);
        }
    }
    if (config && config->find("{{capture}}") != std::string::npos) {
        out.push_back("mock:capture");
    }
    for (const auto& a : args) {
        if (a == "-d" || a == "--daemon") {
            out.push_back("daemon");
        }
    }
    if (daemon) {
        out.push_back("daemon");
    }
    if (input_fifo) {
        out.push_back("input:fifo");
    }
    for (const auto& s : steps) {
        if (s.what == step::kind::signal) {
            out.push_back("signal:" + s.signal_name);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace conformance
