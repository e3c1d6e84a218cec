// SPDX-License-Identifier: Apache-2.0
#include "mocks/arg_parser.hpp"

#include <charconv>
#include <cstdio>
#include <exception>

namespace mocks {

arg_parser& arg_parser::flag(const std::string& name) {
    takes_value_[name] = false;
    return *this;
}

arg_parser& arg_parser::option(const std::string& name) {
    takes_value_[name] = true;
    return *this;
}

arg_parser& arg_parser::allow_positionals() {
    positionals_allowed_ = true;
    return *this;
}

void arg_parser::parse(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        if (positionals_allowed_ && name.rfind("--", 0) != 0) {
            positionals_.push_back(name);
            continue;
        }
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        const auto known = takes_value_.find(name);
        if (known == takes_value_.end()) {
            throw usage_error("unknown argument: " + args[i]);
        }
        if (!known->second) {
            if (inline_value) {
                throw usage_error(name + " takes no value");
            }
            seen_[name].emplace_back();
        } else if (inline_value) {
            seen_[name].push_back(*inline_value);
        } else if (i + 1 < args.size()) {
            seen_[name].push_back(args[++i]);
        } else {
            throw usage_error("missing value for " + name);
        }
    }
}

bool arg_parser::has(const std::string& name) const {
    return seen_.count(name) != 0;
}

std::optional<std::string> arg_parser::value(const std::string& name) const {
    const auto it = seen_.find(name);
    if (it == seen_.end()) {
        return std::nullopt;
    }
    return it->second.back();
}

std::string arg_parser::required(const std::string& name) const {
    auto v = value(name);
    if (!v) {
        throw usage_error("missing required argument " + name);
    }
    return *v;
}

std::vector<std::string> arg_parser::values(const std::string& name) const {
    const auto it = seen_.find(name);
    return it == seen_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::int64_t> arg_parser::integer(const std::string& name, std::int64_t min,
                                                std::int64_t max) const {
    const auto v = value(name);
    if (!v) {
        return std::nullopt;
    }
    return parse_integer(name, *v, min, max);
}

std::int64_t parse_integer(const std::string& what, const std::string& text, std::int64_t min,
                           std::int64_t max) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
        throw usage_error("invalid value for " + what + ": '" + text + "' (expected an integer " +
                          std::to_string(min) + ".." + std::to_string(max) + ")");
    }
    return v;
}

int run_program(const std::string& program, const std::string& usage, int argc, char** argv,
                const std::function<int(const std::vector<std::string>&)>& body) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(usage.c_str(), stdout);
            return 0;
        }
    }
    try {
        return body(args);
    } catch (const usage_error& e) {
        std::fprintf(stderr, "%s: %s\n(see %s --help)\n", program.c_str(), e.what(),
                     program.c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", program.c_str(), e.what());
        return 1;
    }
}

}  // namespace mocks
