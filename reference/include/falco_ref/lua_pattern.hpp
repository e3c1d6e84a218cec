// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace falco_ref {

// What `string.find(subject, "^" .. pattern)` gives in LuaJIT 2.0.3, the Lua that Falco 0.15.3
// bundles: a match at the start of `subject`, no match, or a Lua error raised by the matcher
// (a malformed pattern such as `a%` or `[a`, `)` without `(`, a capture left open by a match,
// an unknown back-reference, more than 32 captures, more than 200 nested calls).
// luajit@2.0.3:src/lib_string.c:170-451 is the matcher, lib_string.c:511-559 the call.
enum class lua_find_outcome { match, no_match, error };

// `pattern` is what follows the `^` anchor: a further `^` in it is a literal character. The
// pattern ends at its first NUL byte, as the C matcher reads it; `subject` may hold any byte.
lua_find_outcome lua_find_at_start(std::string_view subject, std::string_view pattern);

}  // namespace falco_ref
