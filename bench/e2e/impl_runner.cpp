// SPDX-License-Identifier: Apache-2.0
#include "impl_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "spawn_server.hpp"

namespace falco_bench {
namespace {

double seconds(const timeval& tv) {
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

void write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        // Large writes: the pipe hands the implementation as much as it will take at once.
        ssize_t n =
            ::write(fd, data.data() + done, std::min<std::size_t>(data.size() - done, 1 << 20));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;  // EPIPE: the implementation stopped reading; its exit status tells why
        }
        done += std::size_t(n);
    }
}

int open_output(const std::string& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    }
    return fd;
}

}  // namespace

std::string resolve_program(const std::string& name) {
    if (name.find('/') != std::string::npos) {
        char buf[PATH_MAX];
        if (::realpath(name.c_str(), buf)) {
            return buf;
        }
        return name;
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t colon = dirs.find(':', start);
        if (colon == std::string::npos) {
            colon = dirs.size();
        }
        std::string candidate = dirs.substr(start, colon - start) + "/" + name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = colon + 1;
    }
    return name;
}

run_measure run_implementation(const impl_launch& launch, const std::string& input) {
    run_measure m;
    int in_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    // A bigger pipe means fewer wake-ups for the reader; the default maximum allows 1 MiB.
    ::fcntl(in_pipe[1], F_SETPIPE_SZ, 1 << 20);
    int out_fd = open_output(launch.stdout_path);
    int err_fd = open_output(launch.stderr_path);

    spawn_server::request req;
    req.argv = launch.argv;
    req.argv[0] = resolve_program(req.argv[0]);
    req.env = launch.env;
    req.work_dir = launch.work_dir;
    req.dev_log_socket = launch.dev_log_socket;
    req.stdin_fd = in_pipe[0];
    req.stdout_fd = out_fd;
    req.stderr_fd = err_fd;

    auto start = std::chrono::steady_clock::now();
    pid_t pid = -1;
    try {
        pid = spawn_server::spawn(req);
    } catch (...) {
        for (int fd : {in_pipe[0], in_pipe[1], out_fd, err_fd}) {
            ::close(fd);
        }
        throw;
    }
    ::close(in_pipe[0]);
    ::close(out_fd);
    ::close(err_fd);

    std::thread writer([&] {
        write_all(in_pipe[1], input);
        ::close(in_pipe[1]);
    });
    // Watchdog: a hung implementation (a known Falco failure mode at shutdown) must not hang
    // the benchmark.
    std::mutex mu;
    std::condition_variable cv;
    bool exited = false, killed = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mu);
        if (!cv.wait_for(lock, launch.timeout, [&] { return exited; })) {
            killed = true;
            ::kill(pid, SIGKILL);
        }
    });

    spawn_server::result done = spawn_server::wait();
    int status = done.status;
    const rusage& ru = done.usage;
    auto end = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mu);
        exited = true;
    }
    cv.notify_all();
    watchdog.join();
    writer.join();

    m.wall_s = std::chrono::duration<double>(end - start).count();
    m.user_s = seconds(ru.ru_utime);
    m.sys_s = seconds(ru.ru_stime);
    m.max_rss_kb = ru.ru_maxrss;
    if (WIFEXITED(status)) {
        m.exit_code = WEXITSTATUS(status);
        if (m.exit_code != 0) {
            m.error = "exit status " + std::to_string(m.exit_code);
        }
    } else if (WIFSIGNALED(status)) {
        m.exit_code = 128 + WTERMSIG(status);
        m.error = killed
                      ? "timed out after " + std::to_string(launch.timeout.count()) + " s, killed"
                      : "killed by signal " + std::to_string(WTERMSIG(status));
    }
    return m;
}

}  // namespace falco_bench
