// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "falco_ref/alert.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/format/jsoncpp_1_9_writer.hpp"
#include "falco_ref/format/jsoncpp_writer.hpp"
#include "falco_ref/format/local_time_offset.hpp"
#include "falco_ref/format/nlohmann_writer.hpp"
#include "falco_ref/output_message.hpp"

namespace falco_ref {

// Turns an alert into the string every channel carries, exactly as the profile's Falco
// formats it: the text line "<time>: <Priority> <message>" or the JSON object
// (docs/spec/common.md#3-text-line, docs/spec/common.md#4-time, docs/spec/common.md#5-json,
// docs/spec/0.44.md#5-json, docs/spec/0.38.md#5-json, docs/spec/legacy.md#5-json). Uses cfg.prof,
// json_output, json_include_*, time_format_iso_8601 and hostname. Pure apart from reading the wall
// clock for the local time offset, as Falco does; safe to call from one thread at a time.
class alert_formatter {
public:
    explicit alert_formatter(const config& cfg);

    // Formats `a` into `msg`, whose line is cleared first and keeps its capacity: the reading
    // thread formats into recycled buffers (line_buffer_pool). Throws
    // nlohmann_writer::invalid_utf8 where the profile's serialiser throws.
    void format(const alert& a, output_message& msg) const;

private:
    // `<TIME>: <Priority> <message>` (0.44: falco@0.44.1:userspace/engine/formats.cpp:47-77;
    // legacy: falco@0.15.3:userspace/falco/lua/output.lua:155-188), appended to out.
    void append_text_line(std::string& out, const alert& a) const;
    void append_nlohmann_json(std::string& out, const alert& a) const;
    // The grafted layout of the profile's jsoncpp (`jsoncpp_writer` or `jsoncpp_1_9_writer`).
    template <typename Writer>
    void append_jsoncpp_json(const Writer& w, std::string& out, const alert& a) const;

    const config& cfg_;
    // The alert's own strings, with the profile's handling of ill-formed UTF-8.
    nlohmann_writer nlohmann_;
    // output_fields: in Falco they are libsinsp's JSON text, parsed again, so ill-formed UTF-8
    // never reaches nlohmann's dump there (docs/spec/0.41-0.43.md#json.utf8); replaced as in 0.44.
    nlohmann_writer nlohmann_fields_;
    jsoncpp_writer jsoncpp_;
    jsoncpp_1_9_writer jsoncpp_1_9_;
    local_time_offset offset_;
    mutable std::string text_;  // scratch for the text line inside JSON
};

}  // namespace falco_ref
