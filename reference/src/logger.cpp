// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/logger.hpp"

#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <mutex>
#include <string>
#include <unordered_map>

namespace falco_ref {
namespace {

constexpr std::size_t k_repeat_log_burst = 10;
constexpr std::chrono::seconds k_repeat_log_window{10};
// Bounds the bookkeeping when many distinct messages repeat (e.g. one per file name).
constexpr std::size_t k_repeat_log_max_keys = 1024;

struct repeat_state {
    std::size_t logged = 0;
    std::size_t suppressed = 0;
    std::chrono::steady_clock::time_point last_summary{};
    log_level level = log_level::error;
};

std::mutex g_mutex;
logger_settings g_settings;
bool g_day_padded_with_space = false;
std::unordered_map<std::string, repeat_state> g_repeats;

// falco@0.44.1:userspace/engine/logger.cpp:117-137: ISO form on gmtime, else asctime-like
// local time. C locale names are what strftime gives us: the reference never calls setlocale.
std::string timestamp_prefix(bool iso8601) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    char buf[64];
    std::size_t n = 0;
    if (iso8601) {
        if (gmtime_r(&now, &tm) != nullptr) {
            n = std::strftime(buf, sizeof(buf), "%FT%T%z", &tm);
        }
    } else {
        localtime_r(&now, &tm);
        // `%e` is asctime()'s space-padded day (docs/spec/0.39-0.40.md#log.prefix).
        n = std::strftime(buf, sizeof(buf),
                          g_day_padded_with_space ? "%a %b %e %H:%M:%S %Y" : "%a %b %d %H:%M:%S %Y",
                          &tm);
    }
    return std::string(buf, n);
}

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;  // nowhere left to report a failing stderr
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Caller holds g_mutex.
void emit_locked(log_level level, std::string_view message) {
    if (level > g_settings.level) {
        return;
    }
    // One copy serves both sinks, as in Falco: syslog takes one trailing newline off it, and
    // stderr adds one only when it is missing, so a message ending in two newlines keeps both on
    // stderr when syslog is off (docs/spec/0.44.md#log.newline).
    std::string body(message);
    if (g_settings.to_syslog) {
        if (!body.empty() && body.back() == '\n') {
            body.pop_back();
        }
        ::syslog(static_cast<int>(level), "%s", body.c_str());
    }
    if (g_settings.to_stderr) {
        std::string line = timestamp_prefix(g_settings.iso8601_timestamps);
        line += ": ";
        line += body;
        if (body.empty() || body.back() != '\n') {
            line += '\n';
        }
        write_all(STDERR_FILENO, line);  // one write per line keeps threads from interleaving
    }
}

std::string summary_line(const std::string& message, std::size_t suppressed) {
    return "last message repeated " + std::to_string(suppressed) + " more times: " + message;
}

}  // namespace

void configure_logger(const logger_settings& settings) {
    std::lock_guard lock(g_mutex);
    g_settings = settings;
    if (settings.to_syslog) {
        // Falco never calls openlog and its binary is named falco; we name the ident explicitly
        // so our own executable name does not leak (docs/spec/common.md#syslog.call).
        ::openlog("falco", 0, LOG_USER);
    }
}

void set_log_day_padded_with_space(bool space) {
    std::lock_guard lock(g_mutex);
    g_day_padded_with_space = space;
}

logger_settings current_logger_settings() {
    std::lock_guard lock(g_mutex);
    return g_settings;
}

void log(log_level level, std::string_view message) {
    std::lock_guard lock(g_mutex);
    emit_locked(level, message);
}

void log_repeatable(log_level level, std::string_view message) {
    std::lock_guard lock(g_mutex);
    if (g_repeats.size() >= k_repeat_log_max_keys && !g_repeats.contains(std::string(message))) {
        g_repeats.clear();
    }
    repeat_state& st = g_repeats[std::string(message)];
    st.level = level;
    if (st.logged < k_repeat_log_burst) {
        ++st.logged;
        emit_locked(level, message);
        if (st.logged == k_repeat_log_burst) {
            st.last_summary = std::chrono::steady_clock::now();
        }
        return;
    }
    ++st.suppressed;
    const auto now = std::chrono::steady_clock::now();
    if (now - st.last_summary >= k_repeat_log_window) {
        emit_locked(level, summary_line(std::string(message), st.suppressed));
        st.suppressed = 0;
        st.last_summary = now;
    }
}

void flush_repeated_logs() {
    std::lock_guard lock(g_mutex);
    for (auto& [message, st] : g_repeats) {
        if (st.suppressed > 0) {
            emit_locked(st.level, summary_line(message, st.suppressed));
            st.suppressed = 0;
        }
    }
}

void write_stderr(std::string_view text) {
    write_all(STDERR_FILENO, text);
}

}  // namespace falco_ref
