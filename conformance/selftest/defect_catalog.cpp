// SPDX-License-Identifier: Apache-2.0
#include "defect_catalog.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "input_filter.hpp"
#include "shim/shim_settings.hpp"

namespace selftest {
namespace {

class catalog_reader {
public:
    explicit catalog_reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw std::runtime_error(source_ + ": " + where + ": " + what);
    }

    void only_keys(const YAML::Node& map, const std::string& where,
                   const std::set<std::string>& allowed) const {
        if (!map.IsMap()) {
            fail(where, "must be a map");
        }
        for (const auto& kv : map) {
            const auto key = kv.first.as<std::string>();
            if (allowed.count(key) == 0) {
                fail(where, "unknown key \"" + key + "\"");
            }
        }
    }

    std::vector<std::string> strings(const YAML::Node& node, const std::string& where) const {
        if (!node) {
            return {};
        }
        if (!node.IsSequence()) {
            fail(where, "must be a list");
        }
        std::vector<std::string> out;
        for (const auto& item : node) {
            if (!item.IsScalar()) {
                fail(where, "items must be strings");
            }
            out.push_back(item.as<std::string>());
        }
        return out;
    }

    std::vector<std::pair<std::string, std::string>> pairs(const YAML::Node& node,
                                                           const std::string& where) const {
        std::vector<std::pair<std::string, std::string>> out;
        if (!node) {
            return out;
        }
        if (!node.IsMap()) {
            fail(where, "must be a map");
        }
        for (const auto& kv : node) {
            if (!kv.second.IsScalar()) {
                fail(where + "." + kv.first.as<std::string>(), "must be a string");
            }
            out.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
        }
        return out;
    }

    std::vector<std::string> case_ids(const YAML::Node& node, const std::string& where) const {
        auto ids = strings(node, where);
        for (const auto& id : ids) {
            if (id.rfind("0.44/", 0) != 0 && id.rfind("legacy/", 0) != 0) {
                fail(where,
                     "case id \"" + id + "\" does not start with a profile (0.44/, legacy/)");
            }
        }
        return ids;
    }

    defect read_defect(const std::string& name, const YAML::Node& node) const {
        const std::string where = "defects." + name;
        // CMake registers one ctest per "  <name>:" line, so names keep to that shape.
        if (!std::regex_match(name, std::regex("[a-z0-9_]+"))) {
            fail(where, "a defect name is lower case letters, digits and '_'");
        }
        only_keys(node, where, {"what", "wrap", "cases", "spares"});
        defect d;
        d.name = name;
        if (!node["what"] || !node["what"].IsScalar() || node["what"].as<std::string>().empty()) {
            fail(where, "\"what\" (one line: the behaviour that is broken) is required");
        }
        d.what = node["what"].as<std::string>();
        const YAML::Node wrap = node["wrap"];
        if (!wrap) {
            fail(where, "\"wrap\" is required");
        }
        only_keys(wrap, where + ".wrap", {"args", "env", "input", "shim"});
        d.args = strings(wrap["args"], where + ".wrap.args");
        d.env = pairs(wrap["env"], where + ".wrap.env");
        if (wrap["input"]) {
            d.input_filter = wrap["input"].as<std::string>();
            if (!parse_input_filter(d.input_filter)) {
                fail(where + ".wrap.input", "unknown input filter \"" + d.input_filter + "\"");
            }
        }
        d.shim = pairs(wrap["shim"], where + ".wrap.shim");
        std::string error;
        if (!shim_settings::parse(d.shim_text(), &error)) {
            fail(where + ".wrap.shim", error);
        }
        if (d.args.empty() && d.env.empty() && d.input_filter.empty() && d.shim.empty()) {
            fail(where + ".wrap", "changes nothing");
        }
        d.cases = case_ids(node["cases"], where + ".cases");
        d.spares = case_ids(node["spares"], where + ".spares");
        return d;
    }

    std::vector<defect> read(const YAML::Node& root) const {
        only_keys(root, "top level", {"defects"});
        if (!root["defects"] || !root["defects"].IsMap()) {
            fail("top level", "\"defects\" must be a map of defect names");
        }
        std::vector<defect> out;
        for (const auto& kv : root["defects"]) {
            out.push_back(read_defect(kv.first.as<std::string>(), kv.second));
        }
        return out;
    }

private:
    std::string source_;
};

}  // namespace

std::string defect::shim_text() const {
    std::string text;
    for (const auto& [key, value] : shim) {
        text += key + "=" + value + "\n";
    }
    return text;
}

defect_catalog defect_catalog::parse(const std::string& yaml, const std::string& source) {
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(source + ": " + e.what());
    }
    defect_catalog catalog;
    catalog.defects_ = catalog_reader(source).read(root);
    return catalog;
}

defect_catalog defect_catalog::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error(path + ": cannot be read");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

const defect* defect_catalog::find(std::string_view name) const {
    for (const auto& d : defects_) {
        if (d.name == name) {
            return &d;
        }
    }
    return nullptr;
}

}  // namespace selftest
