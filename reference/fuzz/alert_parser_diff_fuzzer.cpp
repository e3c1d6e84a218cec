// SPDX-License-Identifier: Apache-2.0
// Differential libFuzzer target: every input line goes through alert_parser and through
// rapidjson_alert_parser, the RapidJSON 1.1.0 parser it replaced (reference/tests/oracle), in
// both profiles; each parser parses into an alert it reuses across inputs (as the pipeline
// does) and into a fresh one. Any difference in the accept/reject decision, in the alert, in
// the reason or in a JSON error's offset aborts (docs/RELIABILITY.md, "Fuzzing"; ci/fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "alert_parser_diff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static falco_ref::alert reused_mine[2], reused_oracle[2];
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    for (int p = 0; p < 2; ++p) {
        const falco_ref::profile& prof = falco_ref::get_profile(
            p == 0 ? falco_ref::profile_id::v0_44 : falco_ref::profile_id::legacy);
        falco_ref::alert fresh_mine, fresh_oracle;
        std::string d = falco_ref::diff::compare_parsers(prof, line, fresh_mine, fresh_oracle);
        if (d.empty()) {
            d = falco_ref::diff::compare_parsers(prof, line, reused_mine[p], reused_oracle[p]);
        }
        if (!d.empty()) {
            std::fprintf(stderr, "alert_parser_diff_fuzzer (%s): %s\n", p == 0 ? "0.44" : "legacy",
                         d.c_str());
            std::abort();
        }
    }
    return 0;
}
