// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/env_expander.hpp"

#include <cstdlib>
#include <optional>
#include <vector>

namespace falco_ref {
namespace {

std::optional<std::string> process_env(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

// Visits each node once (anchors/aliases share nodes), calling `fn` on scalar values.
class scalar_visitor {
public:
    explicit scalar_visitor(const env_expander& expander) : expander_(expander) {}

    void visit(YAML::Node node) {
        for (const auto& seen : seen_) {
            if (seen.is(node)) {
                return;
            }
        }
        seen_.push_back(node);
        if (node.IsMap()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                visit(it->second);
            }
        } else if (node.IsSequence()) {
            for (auto it = node.begin(); it != node.end(); ++it) {
                visit(*it);
            }
        } else if (node.IsScalar()) {
            node = expander_.expand(node.Scalar());
        }
    }

private:
    const env_expander& expander_;
    std::vector<YAML::Node> seen_;
};

}  // namespace

std::string env_expander::expand(std::string value) const {
    int substitutions = 0;
    std::size_t pos = value.find('$');
    while (pos != std::string::npos) {
        if (value.compare(pos, 2, "${") == 0) {
            const std::size_t close = value.find('}', pos);
            if (close == std::string::npos || ++substitutions > k_max_substitutions) {
                break;
            }
            const std::string name = value.substr(pos + 2, close - pos - 2);
            const auto replacement = process_env(name);
            // No advance: the substituted text is scanned again, as Falco does.
            value.replace(pos, close - pos + 1, replacement.value_or(""));
        } else if (value.compare(pos, 3, "$${") == 0) {
            if (value.find('}', pos) == std::string::npos) {
                break;
            }
            value.erase(pos, 1);  // "$${X}" -> "${X}", then skip past that '$'
            ++pos;
        } else {
            break;  // a bare '$' ends expansion for the rest of the scalar
        }
        pos = value.find('$', pos);
    }
    return value;
}

env_expander::read_value env_expander::expand_whole_value(const std::string& value) const {
    using kind = read_value::kind;
    if (value.size() >= 3 && value[0] == '$' && value[1] == '$') {
        // `$${X}` loses one `$`; any other `$$...` stays as written (yaml_helper.h:86-96).
        const bool braced = value[2] == '{' && value.back() == '}';
        return {kind::streamed, braced ? value.substr(1) : value};
    }
    if (value.size() >= 2 && value[0] == '$' && value[1] == '{' && value.back() == '}') {
        // The name is everything between `${` and the last `}`, unchecked (yaml_helper.h:98-108).
        if (const auto env = process_env(value.substr(2, value.size() - 3))) {
            return {kind::streamed, *env};
        }
        return {kind::unset, {}};
    }
    return {kind::as_written, {}};
}

void env_expander::expand_tree(YAML::Node& root) const {
    scalar_visitor visitor(*this);
    visitor.visit(root);
}

}  // namespace falco_ref
