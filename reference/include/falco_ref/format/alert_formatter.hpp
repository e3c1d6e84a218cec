// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "falco_ref/alert.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/output_message.hpp"

namespace falco_ref {

// Turns an alert into the string every channel carries, exactly as the profile's Falco
// formats it: the text line "<time>: <Priority> <message>" or the JSON object (profile-0.44.md
// 1.a-1.c, legacy-profile.md 2.a-2.b). Uses cfg.prof, json_output, json_include_*,
// time_format_iso_8601 and hostname. Pure apart from reading the wall clock for the local
// time offset, as Falco does; safe to call from one thread at a time.
class alert_formatter {
public:
    explicit alert_formatter(const config& cfg);

    output_message format(const alert& a) const;

private:
    const config& cfg_;
};

}  // namespace falco_ref
