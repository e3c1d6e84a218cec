// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace falco_ref {

// `${VAR}` expansion of Falco 0.44 config values (docs/spec/0.44.md#153-environment-variables;
// falco@0.44.1:userspace/engine/yaml_helper.h:313-364): `${NAME}` becomes the variable's value
// or disappears when unset, `$${X}` becomes the literal `${X}`, a `${` without `}` leaves the
// rest as is, a `$` followed by anything else ends expansion for the rest of the scalar, and
// substituted text is scanned again.
class env_expander {
public:
    // Variables are looked up in the process environment when a value is expanded.

    // A value that keeps referring to itself (A='${A}') loops forever in Falco; we stop after
    // k_max_substitutions and leave the rest of the scalar unexpanded.
    static constexpr int k_max_substitutions = 10000;

    std::string expand(std::string value) const;

    // Expands every scalar value of the document (not map keys; null nodes stay null).
    void expand_tree(YAML::Node& root) const;

    // Falco 0.36's expansion of one value when its key is read
    // (docs/spec/0.36.md#config.env.expand, docs/spec/0.36.md#config.env.escape;
    // falco@0.36.2:userspace/falco/yaml_helper.h:76-111): only a whole `${NAME}` is replaced,
    // `$$` at the start of a value of three bytes or more escapes it.
    struct read_value {
        enum class kind {
            as_written,  // no `$$` or `${...}`: the node converts as yaml-cpp converts it
            streamed,    // `text` is converted by reading one item from a std::stringstream
            unset,       // `${NAME}` with NAME unset: the key's default
        };
        kind what = kind::as_written;
        std::string text;
    };
    read_value expand_whole_value(const std::string& value) const;
};

}  // namespace falco_ref
