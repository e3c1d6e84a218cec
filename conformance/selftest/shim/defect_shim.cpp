// SPDX-License-Identifier: Apache-2.0
// libconformance_defect_shim.so: preloaded by conformance-defect into an unmodified
// implementation, it switches one deliberate defect on by interposing the C library and
// libcurl calls through which the implementation reaches its channels. What it changes comes
// from the environment variable CONFORMANCE_DEFECT_SHIM (shim_settings.hpp); without it every
// call goes straight through. It removes itself from LD_PRELOAD at load time, so the programs
// the implementation starts (a program channel's shell) run without it.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio_ext.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "shim_settings.hpp"

namespace {

using selftest::output_transform;
using selftest::shim_settings;

template <typename F>
F next_symbol(const char* name) {
    return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

// The definition the shim hides: the C library's (or libcurl's) function of that name.
#define REAL(name) static const auto real_##name = next_symbol<decltype(&::name)>(#name)

struct shim_state {
    bool active = false;
    shim_settings settings;
};

// Read once, before anything else of the shim runs (the constructor below calls it first).
const shim_state& shim() {
    static const shim_state state = [] {
        shim_state s;
        const char* text = std::getenv("CONFORMANCE_DEFECT_SHIM");
        if (text == nullptr) {
            return s;
        }
        std::string error;
        const auto parsed = shim_settings::parse(text, &error);
        if (!parsed) {
            REAL(write);
            const std::string line = "conformance defect shim: " + error + "\n";
            real_write(STDERR_FILENO, line.data(), line.size());
            std::_Exit(3);
        }
        s.active = true;
        s.settings = *parsed;
        return s;
    }();
    return state;
}

// LD_PRELOAD without this library's own entry.
void forget_preload() {
    Dl_info self{};
    const char* preload = std::getenv("LD_PRELOAD");
    if (preload == nullptr || ::dladdr(reinterpret_cast<void*>(&forget_preload), &self) == 0 ||
        self.dli_fname == nullptr) {
        return;
    }
    const std::string own = self.dli_fname;
    std::string kept;
    std::string list = preload;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find_first_of(": ", start);
        if (end == std::string::npos) {
            end = list.size();
        }
        const std::string entry = list.substr(start, end - start);
        if (!entry.empty() && entry != own) {
            kept += (kept.empty() ? "" : ":") + entry;
        }
        start = end + 1;
    }
    if (kept.empty()) {
        ::unsetenv("LD_PRELOAD");
    } else {
        ::setenv("LD_PRELOAD", kept.c_str(), 1);
    }
}

__attribute__((constructor)) void start_shim() {
    shim();
    forget_preload();
    ::unsetenv("CONFORMANCE_DEFECT_SHIM");
}

// ---- output bytes

bool transforms_output() {
    return shim().active && shim().settings.output != output_transform::none;
}

std::string transformed(std::string_view data) {
    return selftest::transform_output(shim().settings.output, data);
}

// Writes all of `data`, waiting on a non-blocking descriptor; false (errno set) on an error.
bool write_fully(int fd, std::string_view data) {
    REAL(write);
    while (!data.empty()) {
        const ssize_t n = real_write(fd, data.data(), data.size());
        if (n >= 0) {
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN) {
            return false;
        }
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, -1);
    }
    return true;
}

// ---- lose_unflushed_at_end_of_input

std::mutex g_streams_mutex;  // never taken while holding a stream's lock
std::set<FILE*> g_written_streams;
std::set<FILE*> g_doomed_streams;
bool g_end_of_input = false;

bool loses_unflushed() {
    return shim().active && shim().settings.lose_unflushed_at_end_of_input;
}

void note_written(FILE* f) {
    if (loses_unflushed() && f != stderr) {
        std::lock_guard lock(g_streams_mutex);
        g_written_streams.insert(f);
    }
}

// Complete lines in `f`'s output buffer, not written yet (glibc's FILE layout).
std::size_t pending_lines(FILE* f) {
    ::flockfile(f);
    std::size_t lines = 0;
    for (const char* p = f->_IO_write_base; p != nullptr && p < f->_IO_write_ptr; ++p) {
        lines += *p == '\n' ? 1 : 0;
    }
    ::funlockfile(f);
    return lines;
}

// At the end of the input: every stream holding two or more lines is doomed. A stream written
// line by line and flushed after each never holds two, whatever the timing.
void note_end_of_input() {
    std::lock_guard lock(g_streams_mutex);
    if (g_end_of_input) {
        return;
    }
    g_end_of_input = true;
    for (FILE* f : g_written_streams) {
        if (pending_lines(f) >= 2) {
            g_doomed_streams.insert(f);
        }
    }
}

// Discards a doomed stream's buffer, once, at its next flush or close.
void lose_if_doomed(FILE* f) {
    if (!loses_unflushed() || f == nullptr) {
        return;
    }
    {
        std::lock_guard lock(g_streams_mutex);
        if (g_doomed_streams.erase(f) == 0) {
            return;
        }
    }
    ::flockfile(f);
    ::__fpurge(f);
    ::funlockfile(f);
}

void forget_stream(FILE* f) {
    std::lock_guard lock(g_streams_mutex);
    g_written_streams.erase(f);
    g_doomed_streams.erase(f);
}

bool installs_handler(const struct sigaction& act) {
    return (act.sa_flags & SA_SIGINFO) != 0 ||
           (act.sa_handler != SIG_DFL && act.sa_handler != SIG_IGN);
}

// ---- syslog

void call_vsyslog(int priority, const char* format, ...) {
    REAL(vsyslog);
    va_list ap;
    va_start(ap, format);
    real_vsyslog(priority, format, ap);
    va_end(ap);
}

void emit_syslog(int priority, const char* format, va_list ap) {
    REAL(vsyslog);
    const shim_state& s = shim();
    if (!s.active || (!s.settings.syslog_level_off_by_one && !transforms_output())) {
        real_vsyslog(priority, format, ap);
        return;
    }
    va_list measure;
    va_copy(measure, ap);
    const int size = std::vsnprintf(nullptr, 0, format, measure);
    va_end(measure);
    std::string text(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    std::vsnprintf(text.data(), text.size() + 1, format, ap);
    if (transforms_output()) {
        text = transformed(text);
    }
    if (s.settings.syslog_level_off_by_one) {
        const int level = LOG_PRI(priority);
        priority = (priority & ~LOG_PRIMASK) | (level == LOG_DEBUG ? LOG_INFO : level + 1);
    }
    call_vsyslog(priority, "%s", text.c_str());
}

// ---- posix_spawn

template <typename Spawn>
int spawn(Spawn real, pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
          const posix_spawnattr_t* attr, char* const argv[], char* const envp[]) {
    if (!shim().active || !shim().settings.spawn_setsid) {
        return real(pid, file, actions, attr, argv, envp);
    }
    posix_spawnattr_t changed;
    if (attr != nullptr) {
        changed = *attr;
    } else {
        ::posix_spawnattr_init(&changed);
    }
    short flags = 0;
    ::posix_spawnattr_getflags(&changed, &flags);
    ::posix_spawnattr_setflags(&changed, static_cast<short>(flags | POSIX_SPAWN_SETSID));
    return real(pid, file, actions, &changed, argv, envp);
}

// ---- libcurl

using slist_append_fn = curl_slist* (*)(curl_slist*, const char*);
using slist_free_fn = void (*)(curl_slist*);

slist_free_fn slist_free() {
    return reinterpret_cast<slist_free_fn>(::dlsym(RTLD_DEFAULT, "curl_slist_free_all"));
}

// The header lists handed to libcurl, one per handle, freed at exit (a leak checker of the
// implementation would report them otherwise).
struct kept_header_lists {
    std::map<CURL*, curl_slist*> by_handle;
    ~kept_header_lists() {
        for (const auto& [handle, list] : by_handle) {
            slist_free()(list);
        }
    }
};

std::mutex g_curl_mutex;
kept_header_lists g_header_lists;
std::map<CURL*, std::string> g_bodies;

bool header_named(const std::string& line, const std::string& name) {
    return line.size() > name.size() && line[name.size()] == ':' &&
           ::strncasecmp(line.c_str(), name.c_str(), name.size()) == 0;
}

// The header list with the blanked header's value removed; kept alive as long as the handle
// may use it.
curl_slist* blanked_headers(CURL* handle, const curl_slist* list) {
    const auto append =
        reinterpret_cast<slist_append_fn>(::dlsym(RTLD_DEFAULT, "curl_slist_append"));
    const std::string& name = shim().settings.http_blank_header;
    curl_slist* copy = nullptr;
    for (const curl_slist* item = list; item != nullptr; item = item->next) {
        const std::string line = item->data;
        copy = append(copy, header_named(line, name) ? (name + ":").c_str() : line.c_str());
    }
    std::lock_guard lock(g_curl_mutex);
    curl_slist*& kept = g_header_lists.by_handle[handle];
    if (kept != nullptr) {
        slist_free()(kept);
    }
    kept = copy;
    return copy;
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t count) {
    REAL(write);
    if (!transforms_output() || fd == STDERR_FILENO || count == 0) {
        return real_write(fd, buf, count);
    }
    const std::string_view data(static_cast<const char*>(buf), count);
    const std::string out = transformed(data);
    if (out == data) {
        return real_write(fd, buf, count);
    }
    return write_fully(fd, out) ? static_cast<ssize_t>(count) : -1;
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
    REAL(writev);
    if (!transforms_output() || fd == STDERR_FILENO) {
        return real_writev(fd, iov, iovcnt);
    }
    std::string data;
    for (int i = 0; i < iovcnt; ++i) {
        data.append(static_cast<const char*>(iov[i].iov_base), iov[i].iov_len);
    }
    const std::string out = transformed(data);
    if (out == data) {
        return real_writev(fd, iov, iovcnt);
    }
    return write_fully(fd, out) ? static_cast<ssize_t>(data.size()) : -1;
}

size_t fwrite(const void* ptr, size_t size, size_t nmemb, FILE* stream) {
    REAL(fwrite);
    const shim_state& s = shim();
    if (!s.active || stream == stderr || size == 0 || nmemb == 0) {
        return real_fwrite(ptr, size, nmemb, stream);
    }
    note_written(stream);
    const std::string_view data(static_cast<const char*>(ptr), size * nmemb);
    const std::string& dropped = s.settings.drop_stdout_starting_with;
    if (stream == stdout && !dropped.empty() && data.substr(0, dropped.size()) == dropped) {
        return nmemb;
    }
    if (!transforms_output()) {
        return real_fwrite(ptr, size, nmemb, stream);
    }
    const std::string out = transformed(data);
    if (out == data) {
        return real_fwrite(ptr, size, nmemb, stream);
    }
    return real_fwrite(out.data(), 1, out.size(), stream) == out.size() ? nmemb : 0;
}

int fputc(int c, FILE* stream) {
    REAL(fputc);
    note_written(stream);
    if (c == '\n' && stream != stderr && transforms_output() &&
        shim().settings.output == output_transform::no_newline) {
        return c;
    }
    return real_fputc(c, stream);
}

int fflush(FILE* stream) {
    REAL(fflush);
    lose_if_doomed(stream);
    return real_fflush(stream);
}

int fclose(FILE* stream) {
    REAL(fclose);
    lose_if_doomed(stream);
    forget_stream(stream);
    return real_fclose(stream);
}

ssize_t read(int fd, void* buf, size_t count) {
    REAL(read);
    const ssize_t got = real_read(fd, buf, count);
    if (got == 0 && count > 0 && loses_unflushed()) {
        const int saved = errno;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
            note_end_of_input();  // the alerts input (a pipe or FIFO) has ended
        }
        errno = saved;
    }
    return got;
}

int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    REAL(sigaction);
    const shim_state& s = shim();
    if (!s.active || act == nullptr || !installs_handler(*act)) {
        return real_sigaction(sig, act, old);
    }
    if (sig != s.settings.ignore_signal) {
        return real_sigaction(sig, act, old);
    }
    struct sigaction changed = *act;
    changed.sa_flags &= ~SA_SIGINFO;
    changed.sa_handler = SIG_IGN;
    return real_sigaction(sig, &changed, old);
}

sighandler_t signal(int sig, sighandler_t handler) {
    REAL(signal);
    const shim_state& s = shim();
    if (s.active && sig == s.settings.ignore_signal && handler != SIG_DFL && handler != SIG_IGN) {
        handler = SIG_IGN;
    }
    return real_signal(sig, handler);
}

void syslog(int priority, const char* format, ...) {
    va_list ap;
    va_start(ap, format);
    emit_syslog(priority, format, ap);
    va_end(ap);
}

void vsyslog(int priority, const char* format, va_list ap) {
    emit_syslog(priority, format, ap);
}

int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                const posix_spawnattr_t* attr, char* const argv[], char* const envp[]) {
    REAL(posix_spawn);
    return spawn(real_posix_spawn, pid, path, actions, attr, argv, envp);
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                 const posix_spawnattr_t* attr, char* const argv[], char* const envp[]) {
    REAL(posix_spawnp);
    return spawn(real_posix_spawnp, pid, file, actions, attr, argv, envp);
}

CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...) {
    REAL(curl_easy_setopt);
    va_list ap;
    va_start(ap, option);
    CURLcode rc;
    // The one argument after `option` has the type its number range says (curl/curl.h).
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        rc = real_curl_easy_setopt(handle, option, va_arg(ap, long));
    } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
        rc = real_curl_easy_setopt(handle, option, va_arg(ap, curl_off_t));
    } else {
        void* value = va_arg(ap, void*);
        const shim_state& s = shim();
        if (s.active && option == CURLOPT_HTTPHEADER && value != nullptr &&
            !s.settings.http_blank_header.empty()) {
            value = blanked_headers(handle, static_cast<const curl_slist*>(value));
        } else if (option == CURLOPT_POSTFIELDS && value != nullptr && transforms_output()) {
            std::lock_guard lock(g_curl_mutex);
            std::string& body = g_bodies[handle];
            body = transformed(static_cast<const char*>(value));
            real_curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
            value = body.data();
        }
        rc = real_curl_easy_setopt(handle, option, value);
    }
    va_end(ap);
    return rc;
}

}  // extern "C"
