// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the mock syslog's parsing (docs/RELIABILITY.md, "Fuzzing"). The judge must
// not crash on what an implementation sends, whatever it is: every input is parsed as one
// datagram (syslog_message::parse) and fed as a TCP stream to tcp_framer, split into chunks
// chosen by the input itself, and each frame is parsed too.
//
// Oracle, from mocks/README.md: a message that parses as neither RFC is recorded as
// "malformed" with the reason in `error` and every parsed field null; it is never dropped. A
// recognised message has a PRI in 0..191.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "syslog_message.hpp"
#include "tcp_framer.hpp"

namespace {

[[noreturn]] void violated(const char* what) {
    std::fprintf(stderr, "mock_syslog_fuzzer: %s\n", what);
    std::abort();
}

void check(const mocks::syslog_message& m) {
    if (m.format == "malformed") {
        if (m.error.empty()) {
            violated("malformed without an error");
        }
        if (m.pri || m.timestamp || m.host || m.ident || m.pid || !m.msg.empty()) {
            violated("malformed with a parsed field");
        }
        return;
    }
    if (m.format != "rfc3164" && m.format != "rfc5424") {
        violated("unknown format");
    }
    if (!m.pri || *m.pri < 0 || *m.pri > 191) {
        violated("recognised message without a PRI in 0..191");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    check(mocks::syslog_message::parse(raw));

    // Chunk sizes come from the first byte, so the fuzzer explores split points too.
    const std::size_t chunk = size == 0 ? 1 : 1 + data[0] % 17;
    mocks::tcp_framer framer;
    for (std::size_t pos = 0; pos < raw.size(); pos += chunk) {
        for (const auto& f : framer.feed(raw.substr(pos, chunk))) {
            if (f.error.empty()) {
                check(mocks::syslog_message::parse(f.bytes));
            }
        }
    }
    for (const auto& f : framer.finish()) {
        if (f.error.empty()) {
            check(mocks::syslog_message::parse(f.bytes));
        }
    }
    return 0;
}
