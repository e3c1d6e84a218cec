// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mocks {

// A command-line error; the message names the argument. run_program() turns it into exit 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// `--name VALUE`, `--name=VALUE` and value-less `--flag` options, as the three mocks use.
// Every value option may repeat; value() gives the last one, values() all of them.
class arg_parser {
public:
    arg_parser& flag(const std::string& name);
    arg_parser& option(const std::string& name);
    // Accepts arguments not starting with "--" (otherwise they are unknown arguments).
    arg_parser& allow_positionals();

    // Throws usage_error for an unknown argument, a missing value or a value given to a flag.
    void parse(const std::vector<std::string>& args);

    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }
    // The option's value as an integer in [min, max]; usage_error naming the option otherwise.
    std::optional<std::int64_t> integer(const std::string& name, std::int64_t min,
                                        std::int64_t max) const;

private:
    std::map<std::string, bool> takes_value_;
    std::map<std::string, std::vector<std::string>> seen_;
    bool positionals_allowed_ = false;
    std::vector<std::string> positionals_;
};

// Parses `text` as a decimal integer in [min, max]; usage_error mentioning `what` otherwise.
std::int64_t parse_integer(const std::string& what, const std::string& text, std::int64_t min,
                           std::int64_t max);

// The common main(): prints `usage` for --help (exit 0); runs `body`; a usage_error prints
// "<program>: <message>" and exits 2, any other exception "<program>: error: ..." and exits 1.
int run_program(const std::string& program, const std::string& usage, int argc, char** argv,
                const std::function<int(const std::vector<std::string>&)>& body);

}  // namespace mocks
