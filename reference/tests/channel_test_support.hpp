// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the syslog, program and http channel tests.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "falco_ref/config.hpp"
#include "falco_ref/logger.hpp"
#include "falco_ref/output_message.hpp"

namespace falco_ref::test {

// A private directory under /tmp, removed with everything in it.
class temp_dir {
public:
    temp_dir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "falco-ref-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = tmpl;
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// `fd` (stdout or stderr) redirected to a file while alive, so that logger lines (one write(2)
// each), libcurl's echo and what spawned children inherit can be checked.
class fd_capture {
public:
    fd_capture(int fd, const std::string& path) : fd_(fd), path_(path) {
        std::fflush(nullptr);
        saved_ = ::dup(fd_);
        const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
        ::dup2(file, fd_);
        ::close(file);
    }
    ~fd_capture() { restore(); }
    fd_capture(const fd_capture&) = delete;
    fd_capture& operator=(const fd_capture&) = delete;

    std::string text() const { return read_file(path_); }
    void restore() {
        if (saved_ >= 0) {
            std::fflush(nullptr);
            ::dup2(saved_, fd_);
            ::close(saved_);
            saved_ = -1;
        }
    }

private:
    int fd_;
    std::string path_;
    int saved_ = -1;
};

// What every channel test starts with: the binary ignores SIGPIPE process-wide, and the
// logger writes to stderr only (never to the host's syslog).
inline void prepare_process() {
    ::signal(SIGPIPE, SIG_IGN);
    logger_settings s;
    s.to_stderr = true;
    s.to_syslog = false;
    s.level = log_level::debug;
    configure_logger(s);
}

inline output_message make_message(priority p, const std::string& line) {
    output_message m;
    m.prio = p;
    m.line = line;
    return m;
}

inline config make_config(profile_id id) {
    config cfg;
    cfg.prof = &get_profile(id);
    cfg.buffered_outputs = cfg.prof->buffered_outputs_default;
    return cfg;
}

// Single-quotes `s` for /bin/sh.
inline std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

}  // namespace falco_ref::test
