// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: falco.yaml text + `-o` options -> falco_ref::config_loader, in the profiles
// 0.44, 0.36, 0.35, 0.34, 0.33 and legacy (docs/RELIABILITY.md, "Fuzzing").
//
// Input layout: byte 0 holds flags (bit 0: legacy profile, bit 1: -U, bit 2: profile 0.36 when
// bit 0 is clear, bit 3: profile 0.35 when bits 0 and 2 are clear, bit 4: profile 0.34 when bits
// 0, 2 and 3 are clear, bit 5: profile 0.33 when bits 0, 2, 3 and 4 are clear); the rest is split
// at NUL bytes: the first part is the config file, each further part (at most 8) one `-o` value.
// The file lives in a memfd, so no disk churn and nothing left behind; its path is /proc/self/fd/N.
//
// Oracle: the application catches only config_error around load() (reference/app/runner.cpp),
// so any other exception would terminate falco-outputs-ref: that is a finding, and so is a
// config_error without a message.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "falco_ref/config_loader.hpp"

namespace {

[[noreturn]] void violated(const char* what, const char* detail) {
    std::fprintf(stderr, "config_loader_fuzzer: %s: %s\n", what, detail);
    std::abort();
}

// A fixed environment, so runs are reproducible and the rescanning and self-reference paths of
// ${VAR} expansion are reachable (A -> ${B} -> text, LOOP -> ${LOOP}). Returns true.
bool set_fixed_environment() {
    ::setenv("A", "${B}", 1);
    ::setenv("B", "expanded", 1);
    ::setenv("LOOP", "${LOOP}", 1);
    ::setenv("EMPTY", "", 1);
    return true;
}

class memfd_file {
public:
    memfd_file() : fd_(::memfd_create("falco.yaml", MFD_CLOEXEC)) {
        if (fd_ < 0) {
            std::perror("memfd_create");
            std::abort();
        }
    }
    ~memfd_file() { ::close(fd_); }

    // Replaces the content; returns the path the loader opens.
    std::string write(std::string_view text) {
        if (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0) {
            std::abort();
        }
        while (!text.empty()) {
            const ssize_t n = ::write(fd_, text.data(), text.size());
            if (n <= 0) {
                std::abort();
            }
            text.remove_prefix(static_cast<std::size_t>(n));
        }
        return "/proc/self/fd/" + std::to_string(fd_);
    }

private:
    int fd_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static memfd_file file;
    [[maybe_unused]] static const bool environment_set = set_fixed_environment();
    static const falco_ref::config_loader loader{};
    if (size == 0) {
        return 0;
    }
    const std::uint8_t flags = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);

    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t nul = rest.find('\0');
        parts.push_back(rest.substr(0, nul));
        if (nul == std::string_view::npos || parts.size() == 9) {
            break;
        }
        rest.remove_prefix(nul + 1);
    }

    falco_ref::config_request request;
    request.profile = (flags & 1)    ? falco_ref::profile_id::legacy
                      : (flags & 4)  ? falco_ref::profile_id::v0_36
                      : (flags & 8)  ? falco_ref::profile_id::v0_35
                      : (flags & 16) ? falco_ref::profile_id::v0_34
                      : (flags & 32) ? falco_ref::profile_id::v0_33
                                     : falco_ref::profile_id::v0_44;
    request.unbuffered = (flags & 2) != 0;
    request.config_path = file.write(parts[0]);
    request.default_config_path = "/nonexistent/falco.yaml";
    for (std::size_t i = 1; i < parts.size(); ++i) {
        request.options.emplace_back(parts[i]);
    }
    try {
        (void)loader.load(request);
    } catch (const falco_ref::config_error& e) {
        if (std::string_view(e.what()).empty()) {
            violated("config_error without a message", "");
        }
    } catch (const std::exception& e) {
        violated("exception other than config_error escapes load()", e.what());
    }
    return 0;
}
