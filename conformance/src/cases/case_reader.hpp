// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/vocabulary.hpp"

namespace conformance {

// A schema violation; `what()` is "<file>:<line>: <key path>: <message>".
struct schema_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Where a case names a channel; each place accepts its own forms of the one vocabulary
// (cases/vocabulary.hpp): a step names a bare channel (its path and unit are keys of their own),
// `expect.count` a channel key, `expect.delivery.channels` the channels that carry alerts.
enum class channel_place { step, count, delivery };

// Reads the values of one case.yaml; every accessor names the key path it is reading, so an
// error says where (file, line, key). Throws schema_error.
class case_reader {
public:
    case_reader(std::filesystem::path file, std::filesystem::path case_dir)
        : file_(std::move(file)), dir_(std::move(case_dir)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& key,
                           const std::string& message) const;

    // `map` is a mapping whose keys are all in `allowed`.
    void only_keys(const YAML::Node& map, const std::string& key,
                   const std::set<std::string>& allowed) const;

    // A missing key of a const map is a "zombie" node: every accessor below checks for it
    // first, since touching its type throws yaml-cpp's InvalidNode, which names no key.
    void present(const YAML::Node& node, const std::string& key) const;

    std::string scalar(const YAML::Node& node, const std::string& key) const;
    bool boolean(const YAML::Node& node, const std::string& key) const;
    std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const;
    // The strings with their lines, for messages about one of them (--check's citations).
    std::vector<located_text> located_strings(const YAML::Node& node, const std::string& key) const;
    std::vector<std::string> regexes(const YAML::Node& node, const std::string& key) const;
    unsigned mode(const YAML::Node& node, const std::string& key) const;  // octal: 0755

    template <typename T>
    T number(const YAML::Node& node, const std::string& key, T min_value) const {
        present(node, key);
        T value{};
        try {
            value = node.as<T>();
        } catch (const YAML::Exception&) {
            fail(node, key, "must be an integer");
        }
        if (value < min_value) {
            fail(node, key, "must be at least " + std::to_string(min_value));
        }
        return value;
    }

    // A path relative to the case directory that must exist (expected files).
    std::string case_file(const YAML::Node& node, const std::string& key) const;
    // A path relative to the work directory (never absolute, never escaping it).
    std::string work_path(const YAML::Node& node, const std::string& key) const;

    // A channel name as `place` accepts it (file:<path> paths checked like work_path).
    channel_ref channel(const YAML::Node& node, const std::string& key, channel_place place) const;

    // A generator (`send_generated`, `generate:` items), bounded so that a typo (an extra
    // zero) cannot eat the machine's memory.
    generator_spec generator(const YAML::Node& map, const std::string& key) const;
    // An expected content: a file of the case, or `{generate: [generator, ...]}`.
    expected_content expected(const YAML::Node& node, const std::string& key) const;

    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path file_;
    std::filesystem::path dir_;
};

// The generator keys shared by `send_generated` and `generate:` expected contents.
const std::set<std::string>& generator_keys();

}  // namespace conformance
