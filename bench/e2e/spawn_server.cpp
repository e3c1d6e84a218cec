// SPDX-License-Identifier: Apache-2.0
#include "spawn_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "mocks/dev_log_namespace.hpp"

namespace falco_bench {
namespace {

int channel_fd = -1;  // our end of the SOCK_SEQPACKET pair

enum class reply_kind : std::int32_t { started = 1, finished = 2, failed = 3 };
struct reply {
    reply_kind kind;
    std::int32_t pid;
    std::int32_t status;  // finished: wait4 status; failed: errno
    rusage usage;
};

void put_string(std::string& out, const std::string& s) {
    std::uint32_t n = std::uint32_t(s.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out += s;
}

std::string get_string(const char*& p, const char* end) {
    std::uint32_t n = 0;
    if (end - p < std::ptrdiff_t(sizeof n)) {
        throw std::runtime_error("short request");
    }
    std::memcpy(&n, p, sizeof n);
    p += sizeof n;
    if (end - p < std::ptrdiff_t(n)) {
        throw std::runtime_error("short request");
    }
    std::string s(p, n);
    p += n;
    return s;
}

void send_reply(int fd, const reply& r) {
    while (::send(fd, &r, sizeof r, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

// The helper's loop: one request at a time (falco-bench runs one implementation at a time).
[[noreturn]] void serve(int fd) {
    std::vector<char> buf(1 << 20);
    for (;;) {
        iovec iov{buf.data(), buf.size()};
        alignas(cmsghdr) char control[CMSG_SPACE(3 * sizeof(int))];
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        ssize_t n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::_exit(0);  // falco-bench is gone
        }
        int fds[3] = {-1, -1, -1};
        for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                std::memcpy(fds, CMSG_DATA(c), sizeof fds);
            }
        }

        const char* p = buf.data();
        const char* end = p + n;
        std::string work_dir = get_string(p, end);
        std::string dev_log = get_string(p, end);
        std::vector<std::string> argv_s, env_s;
        for (std::uint32_t k = 0, c = std::stoul(get_string(p, end)); k < c; ++k) {
            argv_s.push_back(get_string(p, end));
        }
        for (std::uint32_t k = 0, c = std::stoul(get_string(p, end)); k < c; ++k) {
            env_s.push_back(get_string(p, end));
        }
        std::vector<char*> argv, envp;
        for (auto& a : argv_s) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        for (auto& e : env_s) {
            envp.push_back(e.data());
        }
        envp.push_back(nullptr);

        std::function<int()> body = [&]() -> int {
            if (::dup2(fds[0], 0) < 0 || ::dup2(fds[1], 1) < 0 || ::dup2(fds[2], 2) < 0) {
                return 126;
            }
            if (::chdir(work_dir.c_str()) != 0) {
                return 126;
            }
            ::signal(SIGPIPE, SIG_DFL);
            ::execve(argv[0], argv.data(), envp.data());
            const char text[] = "falco-bench: cannot execute the implementation\n";
            [[maybe_unused]] auto ignored = ::write(2, text, sizeof text - 1);
            return 127;
        };
        pid_t pid = -1;
        int err = 0;
        try {
            if (!dev_log.empty()) {
                pid = mocks::fork_with_private_dev_log(dev_log, body);
            } else {
                pid = ::fork();
                if (pid == 0) {
                    ::_exit(body());
                }
            }
            err = errno;
        } catch (const std::exception&) {
            err = errno ? errno : EINVAL;
        }
        for (int f : fds) {
            if (f >= 0) {
                ::close(f);
            }
        }
        if (pid < 0) {
            send_reply(fd, reply{reply_kind::failed, -1, err, {}});
            continue;
        }
        send_reply(fd, reply{reply_kind::started, pid, 0, {}});
        reply done{reply_kind::finished, pid, 0, {}};
        while (::wait4(pid, &done.status, 0, &done.usage) < 0 && errno == EINTR) {
        }
        send_reply(fd, done);
    }
}

reply receive_reply() {
    reply r{};
    ssize_t n;
    while ((n = ::recv(channel_fd, &r, sizeof r, 0)) < 0 && errno == EINTR) {
    }
    if (n != ssize_t(sizeof r)) {
        throw std::runtime_error("spawn helper died");
    }
    return r;
}

}  // namespace

void spawn_server::start() {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
        throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::close(sv[0]);
        serve(sv[1]);
    }
    ::close(sv[1]);
    channel_fd = sv[0];
}

pid_t spawn_server::spawn(const request& req) {
    std::string payload;
    put_string(payload, req.work_dir);
    put_string(payload, req.dev_log_socket.value_or(""));
    put_string(payload, std::to_string(req.argv.size()));
    for (const auto& a : req.argv) {
        put_string(payload, a);
    }
    put_string(payload, std::to_string(req.env.size()));
    for (const auto& e : req.env) {
        put_string(payload, e);
    }

    int fds[3] = {req.stdin_fd, req.stdout_fd, req.stderr_fd};
    iovec iov{payload.data(), payload.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof fds)] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof fds);
    std::memcpy(CMSG_DATA(c), fds, sizeof fds);
    if (::sendmsg(channel_fd, &msg, MSG_NOSIGNAL) < 0) {
        throw std::runtime_error(std::string("spawn helper: ") + std::strerror(errno));
    }
    reply r = receive_reply();
    if (r.kind == reply_kind::failed) {
        throw std::runtime_error(std::string("fork: ") + std::strerror(r.status));
    }
    return r.pid;
}

spawn_server::result spawn_server::wait() {
    reply r = receive_reply();
    return result{r.status, r.usage};
}

long spawn_server::rss_floor_kb() {
    int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    request req;
    req.argv = {"/bin/true"};
    req.work_dir = std::string(1, '/');  // "/" trips GCC 12 -Wrestrict (PR105329)
    req.stdin_fd = req.stdout_fd = req.stderr_fd = null_fd;
    spawn(req);
    ::close(null_fd);
    return wait().usage.ru_maxrss;
}

}  // namespace falco_bench
