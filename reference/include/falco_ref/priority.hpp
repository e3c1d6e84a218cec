// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace falco_ref {

// Falco's priorities. The numeric values are the syslog levels (LOG_EMERG..LOG_DEBUG), which is
// what Falco passes to syslog(3) (falco@0.44.1:userspace/engine/falco_common.h:50-59).
enum class priority : int {
    emergency = 0,
    alert = 1,
    critical = 2,
    error = 3,
    warning = 4,
    notice = 5,
    informational = 6,
    debug = 7,
};

// "Emergency" ... "Debug": the word printed in alert lines and JSON (falco_common.cpp:20-21).
std::string_view priority_name(priority p);

// Upper-cased short form used by the 0.44 end-of-run statistics: "WARNING", "INFO", ...
// (falco@0.44.1:userspace/engine/stats_manager.cpp:40-41).
std::string_view priority_stats_name(priority p);

// 0.44 parsing: case-insensitive full name, plus "info" (falco_common.cpp:25-37).
std::optional<priority> parse_priority(std::string_view text);

// legacy (0.15.3) rule parsing: the text, lower-cased (ASCII letters only, as LuaJIT's
// string.lower), is a Lua pattern anchored at the start of each lower-cased name from Emergency
// to Debug, and the first name it matches wins; for letters alone that is a case-insensitive
// prefix ("warn", "INFO", "" is Emergency). No match, or an error of the pattern, is no
// priority (falco@0.15.3:userspace/engine/lua/rule_loader.lua:62-72).
std::optional<priority> parse_priority_pattern(std::string_view text);

inline int syslog_level(priority p) {
    return static_cast<int>(p);
}

}  // namespace falco_ref
