// SPDX-License-Identifier: Apache-2.0
#include "cases/profile_view.hpp"

#include <algorithm>

#include "cases/profile_catalog.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace {

namespace fs = std::filesystem;

bool same_node(const YAML::Node& a, const YAML::Node& b) {
    return YAML::Dump(a) == YAML::Dump(b);
}

// A scalar that names a regular file of the case directory (an expected file).
bool names_case_file(const case_reader& r, const YAML::Node& n) {
    if (!n.IsScalar() || n.Scalar().empty() || fs::path(n.Scalar()).is_absolute()) {
        return false;
    }
    std::error_code ec;
    return fs::is_regular_file(r.dir() / n.Scalar(), ec);
}

YAML::Node merged(const case_reader& r, const YAML::Node& base, const YAML::Node& over,
                  const std::string& key) {
    if (over.IsMap() && base.IsMap()) {
        YAML::Node out(YAML::NodeType::Map);
        for (const auto& item : base) {
            out[item.first.Scalar()] = item.second;
        }
        for (const auto& item : over) {
            const auto name = item.first.Scalar();
            const auto sub = key + "." + name;
            if (item.second.IsNull()) {
                if (!base[name]) {
                    r.fail(item.second, sub, "removes a key the case does not have");
                }
                out.remove(name);
            } else if (base[name]) {
                out[name] = merged(r, base[name], item.second, sub);
            } else {
                out[name] = item.second;
            }
        }
        return out;
    }
    if (same_node(base, over)) {
        r.fail(over, key, "is the same as the case's own value: the override hides nothing");
    }
    if (names_case_file(r, base) && names_case_file(r, over) &&
        read_file(r.dir() / base.Scalar()) == read_file(r.dir() / over.Scalar())) {
        r.fail(over, key,
               over.Scalar() + " has the same bytes as " + base.Scalar() +
                   ": the override hides nothing");
    }
    return over;
}

}  // namespace

std::vector<std::string> case_profiles(const case_reader& r, const YAML::Node& root,
                                       const std::string& home) {
    if (!root["profiles"]) {
        return {home};
    }
    const auto names = r.strings(root["profiles"], "profiles");
    if (names.empty()) {
        r.fail(root["profiles"], "profiles", "needs at least one profile");
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto key = "profiles[" + std::to_string(i) + "]";
        if (!find_profile(names[i])) {
            r.fail(root["profiles"][i], key,
                   "'" + names[i] + "' is no profile; the profiles are:\n" + profile_table());
        }
        if (std::find(names.begin(), names.begin() + i, names[i]) != names.begin() + i) {
            r.fail(root["profiles"][i], key, names[i] + " is listed twice");
        }
    }
    if (std::find(names.begin(), names.end(), home) == names.end()) {
        r.fail(root["profiles"], "profiles",
               "must include " + home + ", the profile of the directory the case lives in");
    }
    return names;
}

YAML::Node profile_view(const case_reader& r, const YAML::Node& root,
                        const std::vector<std::string>& profiles, const std::string& profile) {
    const auto& all = root["by_profile"];
    if (!all) {
        return root;
    }
    if (!all.IsMap()) {
        r.fail(all, "by_profile", "must be a mapping profile -> what differs in it");
    }
    for (const auto& item : all) {
        const auto name = item.first.Scalar();
        if (std::find(profiles.begin(), profiles.end(), name) == profiles.end()) {
            r.fail(item.first, "by_profile." + name, name + " is not one of the case's profiles");
        }
        if (!item.second.IsMap() || item.second.size() == 0) {
            r.fail(item.second, "by_profile." + name, "must be a non-empty mapping");
        }
    }
    const auto& over = all[profile];
    if (!over) {
        return root;
    }
    const auto key = "by_profile." + profile;
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& item : root) {
        out[item.first.Scalar()] = item.second;
    }
    for (const auto& item : over) {
        const auto name = item.first.Scalar();
        const auto sub = key + "." + name;
        if (name == "profiles" || name == "by_profile") {
            r.fail(item.first, sub, "cannot be overridden");
        }
        if (name == "provenance") {
            YAML::Node list(YAML::NodeType::Sequence);
            for (const auto& line : root["provenance"]) {
                list.push_back(line);
            }
            for (const auto& line : item.second) {
                list.push_back(line);
            }
            out["provenance"] = list;
        } else if (name == "description") {
            out["description"] =
                root["description"].Scalar() + " " + profile + ": " + item.second.Scalar();
        } else if (item.second.IsNull()) {
            if (!root[name]) {
                r.fail(item.second, sub, "removes a key the case does not have");
            }
            out.remove(name);
        } else if (root[name]) {
            out[name] = merged(r, root[name], item.second, sub);
        } else {
            out[name] = item.second;
        }
    }
    return out;
}

}  // namespace conformance
