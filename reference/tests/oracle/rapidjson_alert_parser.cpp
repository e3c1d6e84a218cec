// SPDX-License-Identifier: Apache-2.0
// The RapidJSON 1.1.0 alert parser the reference used before its hand-written one
// (reference/src/alert_parser.cpp), kept unchanged in behaviour as the oracle of the
// differential test and fuzzer: only the conversions shared through alert_values.hpp moved out.
#include "rapidjson_alert_parser.hpp"

#include "falco_ref/alert_values.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace falco_ref {
namespace {

// Objects and arrays nested deeper than this are rejected. The parser is iterative, so this
// bounds memory and work, not the call stack; no real alert comes close.
constexpr std::size_t k_max_depth = 512;

// RapidJSON 1.1.0 rejects a high surrogate escape without its pair but encodes a lone low
// surrogate escape (\uDC00-\uDFFF) as if it were a character (reader.h, ParseStringToStream),
// so those are found here. In valid JSON a backslash only starts an escape inside a string.
std::size_t find_lone_low_surrogate(std::string_view s) {
    auto hex4 = [&](std::size_t pos) -> long {
        if (pos + 4 > s.size()) {
            return -1;
        }
        long v = 0;
        for (std::size_t i = pos; i < pos + 4; ++i) {
            const char c = s[i];
            const int d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    };
    for (std::size_t i = s.find('\\'); i != std::string_view::npos && i + 1 < s.size();
         i = s.find('\\', i)) {
        if (s[i + 1] != 'u') {
            i += 2;
            continue;
        }
        const long cp = hex4(i + 2);
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return i;
        }
        // A high surrogate was checked by RapidJSON to be followed by its low half.
        i += cp >= 0xD800 && cp <= 0xDBFF ? 12 : 6;
    }
    return std::string_view::npos;
}

// An open object or array inside output_fields.
struct field_frame {
    json_value::object* object;
    json_value::array* array;
};

// Storage the parser keeps from one line to the next so that a steady stream of alerts
// allocates nothing: the open-container stack, the pending key, and the map nodes of the
// previous alert's output_fields, whose keys and string values keep their capacity.
struct parse_scratch {
    // More spare nodes than this are freed (an exceptionally wide alert is not kept around).
    static constexpr std::size_t k_max_spare_nodes = 256;

    std::string buffer;  // the NUL-terminated copy of the line RapidJSON reads
    std::vector<field_frame> fields;
    std::string field_key;
    std::vector<json_value::object::node_type> spare_nodes;

    // Empties `obj`, keeping its nodes for reuse.
    void recycle(json_value::object& obj) {
        while (!obj.empty()) {
            auto node = obj.extract(obj.begin());
            if (spare_nodes.size() < k_max_spare_nodes) {
                spare_nodes.push_back(std::move(node));
            }
        }
    }
};

// SAX handler that fills an alert straight from the parser's events (no DOM).
class alert_builder {
public:
    alert_builder(const profile& prof, alert& out, std::string& error, parse_scratch& scratch)
        : prof_(prof),
          out_(out),
          error_(error),
          fields_(scratch.fields),
          field_key_(scratch.field_key),
          scratch_(scratch) {
        fields_.clear();
    }

    bool Null() { return scalar(json_value(nullptr)); }
    bool Bool(bool b) { return scalar(json_value(b)); }
    bool Int(int v) { return integer(v); }
    bool Int64(std::int64_t v) { return integer(v); }
    bool Uint(unsigned v) { return integer(static_cast<std::int64_t>(v)); }
    bool Uint64(std::uint64_t v) {
        if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return integer(static_cast<std::int64_t>(v));
        }
        if (key_ == key::time) {
            return fail_time();
        }
        return scalar(json_value(v));
    }
    bool Double(double v) { return scalar(json_value(v)); }
    // Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted exactly by
    // convert_json_number (alert_values.hpp).
    bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
        json_number n;
        if (!convert_json_number(std::string_view(s, len), n)) {
            return false;
        }
        switch (n.k) {
            case json_number::kind::signed_integer:
                return Int64(n.i);
            case json_number::kind::unsigned_integer:
                return Uint64(n.u);
            case json_number::kind::floating_point:
                break;
        }
        return Double(n.d);
    }

    bool String(const char* s, rapidjson::SizeType len, bool) {
        const std::string_view text(s, len);
        if (!fields_.empty()) {
            put_field([&](json_value& slot) {
                if (auto* str = std::get_if<std::string>(&slot.get())) {
                    str->assign(text);  // a recycled node's string keeps its capacity
                } else {
                    slot = json_value(std::string(text));
                }
            });
            return true;
        }
        if (skip_depth_ > 0) {
            return true;
        }
        if (in_tags_) {
            if (tags_used_ < out_.tags.size()) {
                out_.tags[tags_used_].assign(text);
            } else {
                out_.tags.emplace_back(text);
            }
            ++tags_used_;
            return true;
        }
        switch (key_) {
            case key::time:
                if (!parse_rfc3339(text, out_.time_ns)) {
                    return fail_time();
                }
                seen_time_ = true;
                return true;
            case key::rule:
                out_.rule.assign(text);
                seen_rule_ = true;
                return true;
            case key::priority: {
                const auto p = parse_rule_priority(prof_, text);
                if (!p) {
                    return fail("\"priority\" is not a known priority name");
                }
                out_.prio = *p;
                out_.priority_text.assign(text);
                seen_priority_ = true;
                return true;
            }
            case key::source:
                out_.source.assign(text);
                return true;
            case key::message:
                out_.message.assign(text);
                seen_message_ = true;
                return true;
            case key::tags:
            case key::output_fields:
                return fail_type();
            case key::none:
                return depth_ == 0 ? fail("not a JSON object") : true;
            case key::other:
                return true;
        }
        return true;
    }

    bool StartObject() {
        if (!enter()) {
            return false;
        }
        if (depth_ == 1) {
            return true;  // the alert itself
        }
        if (!fields_.empty()) {
            fields_.push_back(frame_of(add_field(json_value(json_value::object{}))));
            return true;
        }
        if (skip_depth_ > 0 || key_ == key::other) {
            ++skip_depth_;
            return true;
        }
        if (key_ == key::output_fields) {
            scratch_.recycle(out_.output_fields);  // a repeated key: the last one wins
            fields_.push_back({&out_.output_fields, nullptr});
            return true;
        }
        return fail_type();
    }

    bool Key(const char* s, rapidjson::SizeType len, bool) {
        const std::string_view name(s, len);
        if (!fields_.empty()) {
            field_key_.assign(name);
        } else if (skip_depth_ == 0) {
            key_ = classify(name);
        }
        return true;
    }

    bool EndObject(rapidjson::SizeType) {
        --depth_;
        if (!fields_.empty()) {
            fields_.pop_back();
        } else if (skip_depth_ > 0) {
            --skip_depth_;
        }
        return true;
    }

    bool StartArray() {
        if (!enter()) {
            return false;
        }
        if (depth_ == 1) {
            return fail("not a JSON object");
        }
        if (!fields_.empty()) {
            fields_.push_back(frame_of(add_field(json_value(json_value::array{}))));
            return true;
        }
        if (skip_depth_ > 0 || key_ == key::other) {
            ++skip_depth_;
            return true;
        }
        if (key_ == key::tags && !in_tags_) {
            tags_used_ = 0;  // a repeated key: the last one wins
            in_tags_ = true;
            return true;
        }
        return fail_type();
    }

    bool EndArray(rapidjson::SizeType) {
        --depth_;
        if (!fields_.empty()) {
            fields_.pop_back();
        } else if (skip_depth_ > 0) {
            --skip_depth_;
        } else {
            in_tags_ = false;
        }
        return true;
    }

    // After a successful parse: the required keys.
    bool complete() {
        if (!seen_time_) {
            return fail("missing key \"time\"");
        }
        if (!seen_rule_) {
            return fail("missing key \"rule\"");
        }
        if (!seen_priority_) {
            return fail("missing key \"priority\"");
        }
        if (!seen_message_) {
            return fail("missing key \"message\"");
        }
        return true;
    }

    bool failed() const { return failed_; }

    // After parsing, successful or not: drops the tags a previous alert left beyond this
    // one's.
    void trim_tags() { out_.tags.resize(tags_used_); }

private:
    enum class key { none, time, rule, priority, source, tags, message, output_fields, other };

    using frame = field_frame;

    static key classify(std::string_view name) {
        if (name == "time") {
            return key::time;
        }
        if (name == "rule") {
            return key::rule;
        }
        if (name == "priority") {
            return key::priority;
        }
        if (name == "source") {
            return key::source;
        }
        if (name == "tags") {
            return key::tags;
        }
        if (name == "message") {
            return key::message;
        }
        if (name == "output_fields") {
            return key::output_fields;
        }
        return key::other;
    }

    static std::string_view key_name(key k) {
        switch (k) {
            case key::time:
                return "time";
            case key::rule:
                return "rule";
            case key::priority:
                return "priority";
            case key::source:
                return "source";
            case key::tags:
                return "tags";
            case key::message:
                return "message";
            case key::output_fields:
                return "output_fields";
            default:
                return "";
        }
    }

    static frame frame_of(json_value& v) {
        return {std::get_if<json_value::object>(&v.get()),
                std::get_if<json_value::array>(&v.get())};
    }

    bool enter() {
        if (++depth_ > k_max_depth) {
            return fail("nesting deeper than " + std::to_string(k_max_depth) + " levels");
        }
        return true;
    }

    json_value& add_field(json_value v) {
        return put_field([&](json_value& slot) { slot = std::move(v); });
    }

    // Adds a member (key field_key_; a repeated key replaces the value in place) or an array
    // element to the innermost open container, and lets `set` write its value. Members of
    // output_fields itself reuse the previous alert's nodes.
    template <typename Set>
    json_value& put_field(Set&& set) {
        const frame& top = fields_.back();
        if (top.array) {
            json_value& slot = top.array->emplace_back();
            set(slot);
            return slot;
        }
        json_value::object& obj = *top.object;
        const auto at = obj.lower_bound(field_key_);
        if (at != obj.end() && at->first == field_key_) {
            set(at->second);
            return at->second;
        }
        auto& spare = scratch_.spare_nodes;
        if (&obj == &out_.output_fields && !spare.empty()) {
            json_value::object::node_type node = std::move(spare.back());
            spare.pop_back();
            node.key().assign(field_key_);
            set(node.mapped());
            return obj.insert(at, std::move(node))->second;
        }
        const auto added = obj.emplace_hint(at, std::piecewise_construct,
                                            std::forward_as_tuple(field_key_), std::tuple<>());
        set(added->second);
        return added->second;
    }

    bool integer(std::int64_t v) {
        if (fields_.empty() && skip_depth_ == 0 && !in_tags_ && key_ == key::time) {
            if (v < 0) {
                return fail_time();
            }
            out_.time_ns = v;
            seen_time_ = true;
            return true;
        }
        return scalar(json_value(v));
    }

    bool scalar(json_value v) {
        if (!fields_.empty()) {
            add_field(std::move(v));
            return true;
        }
        if (skip_depth_ > 0 || (key_ == key::other && !in_tags_)) {
            return true;
        }
        if (depth_ == 0) {
            return fail("not a JSON object");
        }
        if (key_ == key::time) {
            return fail_time();
        }
        return fail_type();
    }

    bool fail_time() {
        return fail("\"time\" must be an integer (0 <= t < 2^63) or an RFC 3339 string");
    }

    bool fail_type() {
        if (in_tags_) {
            return fail("\"tags\" must be an array of strings");
        }
        switch (key_) {
            case key::tags:
                return fail("\"tags\" must be an array of strings");
            case key::output_fields:
                return fail("\"output_fields\" must be an object");
            case key::time:
                return fail_time();
            default:
                return fail("\"" + std::string(key_name(key_)) + "\" must be a string");
        }
    }

    bool fail(std::string reason) {
        if (!failed_) {
            error_ = std::move(reason);
            failed_ = true;
        }
        return false;
    }

    const profile& prof_;
    alert& out_;
    std::string& error_;
    std::size_t depth_ = 0;
    key key_ = key::none;
    std::size_t skip_depth_ = 0;  // inside the value of an unknown key
    bool in_tags_ = false;
    std::size_t tags_used_ = 0;   // tags of this alert so far (out_.tags may hold more)
    std::vector<frame>& fields_;  // open containers of output_fields
    std::string& field_key_;      // pending key in the innermost output_fields object
    parse_scratch& scratch_;
    bool seen_time_ = false, seen_rule_ = false, seen_priority_ = false, seen_message_ = false;
    bool failed_ = false;
};

}  // namespace

bool rapidjson_alert_parser::parse(std::string_view line, alert& out, std::string& error) const {
    thread_local parse_scratch scratch;
    out.source = "syscall";
    scratch.recycle(out.output_fields);

    // RapidJSON's vectorised string scan (RAPIDJSON_SSE2, set for this library in
    // CMakeLists.txt) works on a NUL-terminated stream, so the line is copied into a reused
    // buffer, which is then parsed in place (strings are unescaped where they stand instead of
    // being copied once more onto the parser's stack); a raw NUL inside the line would end that
    // stream early, and is invalid JSON anyway (RFC 8259 section 7: control characters must be
    // escaped).
    if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
        error = "invalid JSON at offset " +
                std::to_string(static_cast<const char*>(nul) - line.data()) +
                ": raw NUL byte (must be escaped as \\u0000)";
        return false;
    }
    std::string& buffer = scratch.buffer;
    // SSE2 scans load aligned 16-byte blocks, up to 15 bytes past the NUL: keep them allocated.
    buffer.reserve(line.size() + 16);
    buffer.assign(line);
    rapidjson::InsituStringStream stream(buffer.data());

    // The parser's stack (nesting states) lives in a pool that starts on this
    // stack frame, so a typical alert costs no allocation for it.
    char pool[4096];
    rapidjson::MemoryPoolAllocator<> allocator(pool, sizeof pool);
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>>
        reader(&allocator, 1024);
    alert_builder builder(prof_, out, error, scratch);
    // Iterative: deep nesting cannot overflow the call stack. Numbers as strings: converted
    // exactly in RawNumber. No kParseValidateEncodingFlag: raw bytes stay as they are.
    constexpr unsigned k_flags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseInsituFlag;
    const rapidjson::ParseResult result = reader.Parse<k_flags>(stream, builder);
    builder.trim_tags();
    if (builder.failed()) {
        return false;
    }
    if (result.IsError()) {
        error = "invalid JSON at offset " + std::to_string(result.Offset()) + ": " +
                rapidjson::GetParseError_En(result.Code());
        return false;
    }
    if (const std::size_t at = find_lone_low_surrogate(line); at != std::string_view::npos) {
        error = "invalid JSON at offset " + std::to_string(at) +
                ": lone low surrogate escape (\\uDC00-\\uDFFF without a preceding high half)";
        return false;
    }
    return builder.complete();
}

}  // namespace falco_ref
