// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace falco_ref {

// Falco 0.44's configuration key paths (docs/spec/0.44.md#config.o.path;
// falco@0.44.1:userspace/engine/yaml_helper.h:366-468): `.` separates levels, `[n]` indexes,
// `[]` appends (only when writing), `\.` `\[` `\]` `\\` are literal characters. Used both to
// read keys and to apply `-o key=value`, so both behave alike, errors included.
class yaml_key_path {
public:
    // `escapes`: Falco 0.44's syntax above. `plain`: Falco 0.39 to 0.43, where a backslash is an
    // ordinary character of a key name (falco@0.43.1:userspace/engine/yaml_helper.h:366-446).
    enum class syntax { escapes, plain };

    // Walks `root` along `key` and returns the node there (possibly not yet defined; assigning
    // to it creates it). Throws std::runtime_error with Falco's text:
    // `Config error at key "<key>": Parsing error: ...`. Without a later `]` the rest of the key
    // is the index text: one that stoi rejects is Falco's `expected a numeric index` error, an
    // accepted one is an infinite loop in Falco 0.44.1 (its index search runs off the end and
    // restarts the walk), reported here as `Parsing error: missing ']' at pos <i>` instead.
    static YAML::Node resolve(YAML::Node root, const std::string& key, bool can_append,
                              syntax key_syntax = syntax::escapes);
};

}  // namespace falco_ref
