// SPDX-License-Identifier: Apache-2.0
#include "cases/templater.hpp"

#include <stdexcept>

namespace conformance {

namespace {

// Calls `on_name(begin, end, name)` for each complete `{{name}}`, in order.
template <typename F>
void for_each_placeholder(std::string_view text, F&& on_name) {
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        const auto close = text.find("}}", pos + 2);
        if (close == std::string_view::npos) {
            return;
        }
        on_name(pos, close + 2, text.substr(pos + 2, close - pos - 2));
        pos = close + 2;
    }
}

}  // namespace

std::string templater::apply(std::string_view text, std::string_view where) const {
    std::string out;
    std::size_t copied = 0;
    for_each_placeholder(text, [&](std::size_t begin, std::size_t end, std::string_view name) {
        const auto it = values_.find(std::string(name));
        if (it == values_.end()) {
            throw std::runtime_error(std::string(where) + ": placeholder {{" + std::string(name) +
                                     "}} has no value in this case" +
                                     (known_names().count(std::string(name))
                                          ? " (is the mock it needs declared under mocks:?)"
                                          : " (unknown placeholder)"));
        }
        out.append(text.substr(copied, begin - copied));
        out.append(it->second);
        copied = end;
    });
    out.append(text.substr(copied));
    return out;
}

std::set<std::string> templater::placeholders(std::string_view text) {
    std::set<std::string> names;
    for_each_placeholder(
        text, [&](std::size_t, std::size_t, std::string_view name) { names.emplace(name); });
    return names;
}

const std::set<std::string>& templater::known_names() {
    static const std::set<std::string> names{
        "work",    "http_url", "https_url",     "https_localhost_url",
        "tls_dir", "capture",  "syslog_socket", "closed_port_url"};
    return names;
}

}  // namespace conformance
