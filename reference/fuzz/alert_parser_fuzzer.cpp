// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: one input line -> falco_ref::alert_parser -> alert_formatter, in both
// profiles and both output modes (docs/RELIABILITY.md, "Fuzzing").
//
// Besides the sanitizers, it checks what the contract promises for any line
// (conformance/PROTOCOL.md section 2): a rejected line yields a one-line, non-empty reason (the
// application prints it after "line <N>: "), and a formatted JSON alert is one JSON Lines record:
// no raw control byte (every writer escapes them) and, in 0.44, valid UTF-8 (nlohmann's replace
// handler, docs/spec/0.44.md#json.utf8).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "falco_ref/alert.hpp"
#include "falco_ref/alert_parser.hpp"
#include "falco_ref/config.hpp"
#include "falco_ref/format/alert_formatter.hpp"
#include "falco_ref/profile.hpp"

namespace {

// Aborting makes libFuzzer save the input as a crash; the message says which promise broke.
[[noreturn]] void violated(const char* what) {
    std::fprintf(stderr, "alert_parser_fuzzer: %s\n", what);
    std::abort();
}

// RFC 3629 well-formedness (what nlohmann's replace handler guarantees).
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) {
                return false;
            }
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                return false;
            }
        }
        i += n + 1;
    }
    return true;
}

struct fixture {
    falco_ref::config cfg[4];
    falco_ref::alert_formatter* fmt[4];

    fixture() {
        // The formatter reads the wall clock's UTC offset; pin it like the golden cases do.
        ::setenv("TZ", "UTC0", 1);
        for (int i = 0; i < 4; ++i) {
            cfg[i].prof = &falco_ref::get_profile(i < 2 ? falco_ref::profile_id::v0_44
                                                        : falco_ref::profile_id::legacy);
            cfg[i].json_output = (i % 2) == 1;
            cfg[i].json_include_message_property = true;
            cfg[i].hostname = "fuzz-host";
            fmt[i] = new falco_ref::alert_formatter(cfg[i]);  // lives for the whole run
        }
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fixture fx;
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    for (int i = 0; i < 4; i += 2) {  // 0.44, legacy (text and JSON share the parse)
        const falco_ref::alert_parser parser(*fx.cfg[i].prof);
        falco_ref::alert a;
        std::string error;
        if (!parser.parse(line, a, error)) {
            if (error.empty() || error.find('\n') != std::string::npos) {
                violated("a rejected line must give a one-line reason");
            }
            continue;
        }
        for (int mode = 0; mode < 2; ++mode) {
            falco_ref::output_message msg;
            fx.fmt[i + mode]->format(a, msg);
            if (mode == 1) {
                for (const char c : msg.line) {
                    if (static_cast<unsigned char>(c) < 0x20) {
                        violated("raw control byte in a JSON alert");
                    }
                }
                if (i == 0 && !valid_utf8(msg.line)) {
                    violated("0.44 JSON alert is not valid UTF-8");
                }
            }
        }
    }
    return 0;
}
