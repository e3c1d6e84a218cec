// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replay_value.hpp"

namespace replay {

// A rule output format as Falco 0.44.1 parses it (libs@0.25.4:userspace/libsinsp/
// eventformatter.cpp:60-160, field grammar filter/parser.cpp:30-32), reduced to what the alert
// contract's `output_template` may hold (docs/REAL-FALCO.md, "Rendering rules"):
//   - one leading `*` is the "permissive" marker and is not part of the text;
//   - `%` [width digits] field-name [ `[` argument `]` ] is a field reference, where field-name is
//     `[a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+` (longest match) and the argument is a
//     bare string without `[`, `]`, quotes or blanks;
//   - everything else is literal text. A `%` that starts no field reference (`%%`, a trailing
//     `%`, `%toupper(...)`) makes the template invalid, as it does not compile in Falco.
class output_template {
public:
    struct token {
        bool is_field = false;
        std::string text;  // literal text, or the field key: `proc.aname[2]` (no width)
        std::string base;  // field: the name without the argument: `proc.aname`
        std::optional<std::string> argument;  // field: `2`
        int width = 0;                        // field: `%20proc.name` -> 20 (0 = none)
    };

    // Throws std::invalid_argument naming the byte offset and the reason.
    static output_template parse(std::string_view text);

    const std::vector<token>& tokens() const { return tokens_; }
    bool permissive() const { return permissive_; }
    // Field keys in order of first reference, without repetition.
    std::vector<std::string> field_keys() const;

    // The message Falco would print: literal text as is, each field's value rendered by
    // value_text(), padded or cut to its width in bytes (docs/REAL-FALCO.md section 1, libsinsp's
    // `%Nfield`). `lookup` returns nullptr for a key the alert lacks: std::invalid_argument names
    // it.
    std::string render(const std::function<const replay_value*(const std::string&)>& lookup) const;

    // Text rendering of one value (docs/REAL-FALCO.md "Rendering rules"): strings raw, integers
    // in decimal, booleans true/false, null `<NA>`, a list `(a,b)`. nullopt for what libsinsp
    // renders in ways the contract does not pin (floating point, empty lists, objects).
    static std::optional<std::string> value_text(const replay_value& v);

private:
    std::vector<token> tokens_;
    bool permissive_ = false;
};

}  // namespace replay
