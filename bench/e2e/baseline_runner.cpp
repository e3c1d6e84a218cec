// SPDX-License-Identifier: Apache-2.0
#include "baseline_runner.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace falco_bench {
namespace {

double seconds(const timeval& tv) {
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

std::string errno_text(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

bool write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += std::size_t(n);
    }
    return true;
}

std::string write_per_line(const std::string& path, const std::vector<std::string>& lines) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        return errno_text("open");
    }
    for (const auto& l : lines) {
        if (!write_all(fd, l)) {
            ::close(fd);
            return errno_text("write");
        }
    }
    ::close(fd);
    return {};
}

std::string open_write_close(const std::string& path, const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) {
            return errno_text("open");
        }
        bool ok = write_all(fd, l);
        ::close(fd);
        if (!ok) {
            return errno_text("write");
        }
    }
    return {};
}

std::string unix_datagram(const std::string& path, const std::vector<std::string>& datagrams) {
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return errno_text("socket");
    }
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    for (const auto& d : datagrams) {
        // Blocking sendto on a unix datagram socket waits while the receiver's queue is
        // full, so nothing is dropped: the loop runs at the receiver's pace at worst.
        while (::sendto(fd, d.data(), d.size(), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr),
                        sizeof addr) < 0) {
            if (errno != EINTR) {
                ::close(fd);
                return errno_text("sendto");
            }
        }
    }
    ::close(fd);
    return {};
}

std::string pipe_write(const std::string& program, const std::vector<std::string>& lines) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) {
        return errno_text("pipe");
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        return errno_text("fork");
    }
    if (pid == 0) {
        ::dup2(p[0], 0);
        ::signal(SIGPIPE, SIG_DFL);
        ::execl("/bin/sh", "sh", "-c", program.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(p[0]);
    std::string error;
    for (const auto& l : lines) {
        if (!write_all(p[1], l)) {
            error = errno_text("write");
            break;
        }
    }
    ::close(p[1]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (error.empty() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        error = "program exited abnormally";
    }
    return error;
}

std::string popen_per_line(const std::string& program, const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
        FILE* f = ::popen(program.c_str(), "w");
        if (!f) {
            return errno_text("popen");
        }
        std::fwrite(l.data(), 1, l.size(), f);
        if (::pclose(f) != 0) {
            return "program exited abnormally";
        }
    }
    return {};
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
    return size * n;
}

CURL* make_handle(const std::string& url, curl_slist* headers) {
    CURL* h = curl_easy_init();
    if (!h) {
        return nullptr;
    }
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    return h;
}

std::string post_lines(const baseline_target& t, const std::vector<std::string>& lines,
                       bool reuse) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    curl_slist* headers = curl_slist_append(
        nullptr, t.json_content ? "Content-Type: application/json" : "Content-Type: text/plain");
    std::string error;
    CURL* h = reuse ? make_handle(t.url, headers) : nullptr;
    for (const auto& l : lines) {
        if (!reuse) {
            h = make_handle(t.url, headers);
        }
        if (!h) {
            error = "curl_easy_init failed";
            break;
        }
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, l.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(l.size()));
        CURLcode rc = curl_easy_perform(h);
        if (!reuse) {
            curl_easy_cleanup(h);
            h = nullptr;
        }
        if (rc != CURLE_OK) {
            error = std::string("libcurl: ") + curl_easy_strerror(rc);
            break;
        }
    }
    if (h) {
        curl_easy_cleanup(h);
    }
    curl_slist_free_all(headers);
    return error;
}

}  // namespace

run_measure run_baseline(baseline_kind kind, const baseline_target& target,
                         const std::vector<std::string>& payloads) {
    run_measure m;
    rusage self0{}, kids0{}, self1{}, kids1{};
    ::getrusage(RUSAGE_THREAD, &self0);
    ::getrusage(RUSAGE_CHILDREN, &kids0);
    auto start = std::chrono::steady_clock::now();
    switch (kind) {
        case baseline_kind::write_per_line:
            m.error = write_per_line(target.file_path, payloads);
            break;
        case baseline_kind::open_write_close:
            m.error = open_write_close(target.file_path, payloads);
            break;
        case baseline_kind::unix_datagram:
            m.error = unix_datagram(target.socket_path, payloads);
            break;
        case baseline_kind::pipe_write:
            m.error = pipe_write(target.program, payloads);
            break;
        case baseline_kind::popen_per_line:
            m.error = popen_per_line(target.program, payloads);
            break;
        case baseline_kind::curl_reuse:
            m.error = post_lines(target, payloads, true);
            break;
        case baseline_kind::curl_new_handle:
            m.error = post_lines(target, payloads, false);
            break;
        case baseline_kind::none:
            m.error = "no baseline loop for this channel";
            break;
    }
    auto end = std::chrono::steady_clock::now();
    ::getrusage(RUSAGE_THREAD, &self1);
    ::getrusage(RUSAGE_CHILDREN, &kids1);
    m.wall_s = std::chrono::duration<double>(end - start).count();
    m.user_s = seconds(self1.ru_utime) - seconds(self0.ru_utime) + seconds(kids1.ru_utime) -
               seconds(kids0.ru_utime);
    m.sys_s = seconds(self1.ru_stime) - seconds(self0.ru_stime) + seconds(kids1.ru_stime) -
              seconds(kids0.ru_stime);
    return m;
}

}  // namespace falco_bench
