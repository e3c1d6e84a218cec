// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace falco_ref {

// How a profile's Falco reads a key (yaml_key_path). The defaults are Falco 0.44's.
struct key_path_dialect {
    // Falco 0.44's escapes; false: Falco 0.36 to 0.43, where a backslash is an ordinary
    // character of a key name (falco@0.43.1:userspace/engine/yaml_helper.h:366-446).
    bool escapes = true;
    // Falco 0.36: the index text goes to std::stoi unguarded, so there is no `[]` and a
    // rejected index is the error `stoi` (falco@0.36.2:userspace/falco/yaml_helper.h:200-203).
    bool index_by_stoi = false;
    // yaml-cpp 0.7.0+ words a subscript of a scalar with the position and the key; the
    // yaml-cpp 0.6.2 of Falco 0.36 as the bare `operator[] call on a scalar`
    // (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/exceptions.h:227-228).
    bool subscript_error_has_position = true;
};

// Falco 0.44's configuration key paths (docs/spec/0.44.md#config.o.path;
// falco@0.44.1:userspace/engine/yaml_helper.h:366-468): `.` separates levels, `[n]` indexes,
// `[]` appends (only when writing), `\.` `\[` `\]` `\\` are literal characters. Used both to
// read keys and to apply `-o key=value`, so both behave alike, errors included.
class yaml_key_path {
public:
    using dialect = key_path_dialect;

    // Walks `root` along `key` and returns the node there (possibly not yet defined; assigning
    // to it creates it). Throws std::runtime_error with Falco's text:
    // `Config error at key "<key>": Parsing error: ...`. Without a later `]` the rest of the key
    // is the index text: one that stoi rejects is Falco's `expected a numeric index` error
    // (`stoi` with index_by_stoi), an accepted one is an infinite loop in Falco 0.36.2 and
    // 0.44.1 (its index search runs off the end and restarts the walk), reported here as
    // `Parsing error: missing ']' at pos <i>` instead.
    static YAML::Node resolve(YAML::Node root, const std::string& key, bool can_append,
                              const dialect& rules = {});
};

}  // namespace falco_ref
