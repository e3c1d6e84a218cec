// SPDX-License-Identifier: Apache-2.0
#include "run/impl_process.hpp"

#include "run/child_registry.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <mocks/dev_log_namespace.hpp>
#include <mocks/records.hpp>

namespace conformance {

namespace {

constexpr auto k_poll = std::chrono::milliseconds(5);

int remaining_ms(clock_type::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

std::vector<char*> c_strings(const std::vector<std::string>& in) {
    std::vector<char*> out;
    for (const auto& s : in) {
        out.push_back(const_cast<char*>(s.c_str()));
    }
    out.push_back(nullptr);
    return out;
}

void make_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
}

// Orphans of the implementation's group (a daemonised child, program children of a killed
// implementation) are re-parented to the harness instead of init, so they can be reaped and
// waited for: a container's init may not reap at all.
void become_subreaper() {
    static std::once_flag once;
    std::call_once(once, [] { prctl(PR_SET_CHILD_SUBREAPER, 1); });
}

[[noreturn]] void child_fail(int fd, const char* stage, int err) {
    const char* text = std::strerror(err);
    (void)!write(fd, stage, std::strlen(stage));
    (void)!write(fd, ": ", 2);
    (void)!write(fd, text, std::strlen(text));
    _exit(127);
}

}  // namespace

std::string resolve_program(const std::string& word, const std::string& path_env) {
    if (word.find('/') != std::string::npos) {
        return access(word.c_str(), X_OK) == 0 ? std::filesystem::absolute(word).string() : "";
    }
    std::size_t start = 0;
    while (start <= path_env.size()) {
        const auto colon = path_env.find(':', start);
        const auto dir =
            path_env.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        const auto candidate = (dir.empty() ? std::string(".") : dir) + "/" + word;
        struct stat st {};
        if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        if (colon == std::string::npos) {
            break;
        }
        start = colon + 1;
    }
    return "";
}

impl_process::impl_process(const launch_spec& spec)
    : stdout_path_(spec.stdout_path), stderr_path_(spec.stderr_path) {
    become_subreaper();
    int in[2], out[2], err[2], report[2];
    make_pipe(in);
    make_pipe(out);
    make_pipe(err);
    make_pipe(report);
    make_pipe(stop_fds_);
    const auto argv = c_strings(spec.argv);
    const auto envp = c_strings(spec.env);
    const std::string cwd = spec.cwd.string();
    // Prepared here: between fork and exec the child may only make system calls.
    std::optional<mocks::private_dev_log> dev_log;
    if (spec.dev_log) {
        dev_log.emplace(*spec.dev_log);
    }

    pid_ = child_registry::instance().fork_group([&] {
        // Child of a multi-threaded harness (-j, reader threads): system calls only.
        if (dev_log && !dev_log->enter(report[1])) {
            _exit(127);
        }
        ::umask(static_cast<mode_t>(spec.umask));
        if (chdir(cwd.c_str()) != 0) {
            child_fail(report[1], "chdir to the work dir", errno);
        }
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
            child_fail(report[1], "dup2", errno);
        }
        // Keep only 0-2 and the report pipe (which closes itself at exec).
        if (report[1] != 3 && dup3(report[1], 3, O_CLOEXEC) < 0) {
            child_fail(report[1], "dup3", errno);
        }
        close_range(4, ~0U, 0);
        // Ignored signals stay ignored across exec; the implementation must start with defaults.
        for (const int sig :
             {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT, SIGCHLD}) {
            signal(sig, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        execve(argv[0], argv.data(), envp.data());
        child_fail(3, "exec", errno);
    });
    const int fork_errno = errno;
    for (const int fd : {in[0], out[1], err[1], report[1]}) {
        close(fd);
    }
    if (pid_ < 0) {
        for (const int fd : {in[1], out[0], err[0], report[0], stop_fds_[0], stop_fds_[1]}) {
            close(fd);
        }
        throw std::runtime_error(std::string("fork: ") + std::strerror(fork_errno));
    }
    groups_.push_back(pid_);
    std::string failure;
    char buf[256];
    for (ssize_t n; (n = read(report[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            break;
        }
        failure.append(buf, static_cast<std::size_t>(n));
    }
    close(report[0]);
    stdin_fd_ = in[1];
    fcntl(stdin_fd_, F_SETFL, O_NONBLOCK);
    if (spec.input_record) {
        record_fd_ =
            open(spec.input_record->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
    out_fd_ = out[0];
    err_fd_ = err[0];
    reader_ = std::thread([this] { read_loop(); });
    if (!failure.empty()) {
        terminate();
        throw std::runtime_error("cannot start the implementation: " + failure);
    }
}

impl_process::~impl_process() {
    terminate();
}

void impl_process::read_loop() {
    const int out_file =
        open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int err_file =
        open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    pollfd fds[3] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}, {stop_fds_[0], POLLIN, 0}};
    char buf[65536];
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        if (poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[2].revents) {
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !fds[i].revents) {
                continue;
            }
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                (void)!write(i == 0 ? out_file : err_file, buf, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                (i == 0 ? out_eof_ : err_eof_) = true;
            }
        }
    }
    close(out_file);
    close(err_file);
}

std::string impl_process::write_input(std::string_view data, const time_limit& limit) {
    const auto deadline = limit.at;
    int fd = stdin_fd_;
    if (fifo_) {
        // O_NONBLOCK open of a FIFO for writing fails with ENXIO until a reader has it open.
        int last_errno = 0;
        mocks::wait_until(
            [&] {
                fifo_fd_ = open(fifo_->c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
                last_errno = errno;
                return fifo_fd_ >= 0 || last_errno != ENXIO;
            },
            std::chrono::milliseconds(remaining_ms(deadline)), k_poll);
        if (fifo_fd_ < 0) {
            return "cannot open the alerts FIFO " + fifo_->string() + " for writing within " +
                   limit.describe() + ": " + std::strerror(last_errno);
        }
        fd = fifo_fd_;
    }
    if (fd < 0) {
        return "the input is already closed";
    }
    while (!data.empty()) {
        const ssize_t n = write(fd, data.data(), data.size());
        if (n > 0) {
            if (record_fd_ >= 0) {
                (void)!write(record_fd_, data.data(), static_cast<std::size_t>(n));
            }
            data.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EPIPE) {
            return "the implementation closed its input (EPIPE)";
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            return std::string("write: ") + std::strerror(errno);
        }
        pollfd p{fd, POLLOUT, 0};
        if (poll(&p, 1, remaining_ms(deadline)) == 0) {
            return "the implementation does not read its input: the pipe stayed full for " +
                   limit.describe();
        }
    }
    return "";
}

void impl_process::close_input() {
    for (int* fd : {&stdin_fd_, &fifo_fd_}) {
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    }
    // With a FIFO that was never opened, the reader would wait for a writer forever: open and
    // close once so it sees EOF (ENXIO: nobody reads it, nothing to do).
    if (fifo_) {
        const int fd = open(fifo_->c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            close(fd);
        }
        fifo_.reset();
    }
}

void impl_process::reap() {
    for (const pid_t group : groups_) {
        int st = 0;
        pid_t got;
        while ((got = waitpid(-group, &st, WNOHANG)) > 0) {
            reaped_[got] = st;
        }
    }
}

bool impl_process::exited(pid_t pid) {
    if (!reaped_.count(pid)) {
        reap();
        int st = 0;
        if (!reaped_.count(pid) && waitpid(pid, &st, WNOHANG) == pid) {
            reaped_[pid] = st;
        }
    }
    return reaped_.count(pid) > 0;
}

bool impl_process::wait_exit(pid_t pid, clock_type::time_point deadline) {
    return mocks::wait_until([&] { return exited(pid); },
                             std::chrono::milliseconds(remaining_ms(deadline)), k_poll);
}

std::optional<int> impl_process::status(pid_t pid) const {
    const auto it = reaped_.find(pid);
    return it == reaped_.end() ? std::nullopt : std::optional<int>(it->second);
}

void impl_process::adopt_group(pid_t pgid) {
    groups_.push_back(pgid);
    child_registry::instance().add_group(pgid);
}

bool impl_process::group_empty() const {
    for (const pid_t group : groups_) {
        if (kill(-group, 0) == 0) {
            return false;
        }
    }
    return true;
}

bool impl_process::drain(clock_type::time_point deadline) {
    return mocks::wait_until([this] { return out_eof_.load() && err_eof_.load(); },
                             std::chrono::milliseconds(remaining_ms(deadline)), k_poll);
}

void impl_process::terminate() {
    if (terminated_) {
        return;
    }
    terminated_ = true;
    close_input();
    for (const pid_t group : groups_) {
        kill(-group, SIGKILL);
    }
    // Killed processes become zombies until reaped; the group is empty once all are reaped.
    mocks::wait_until(
        [this] {
            reap();
            return group_empty() && exited();
        },
        std::chrono::seconds(5), k_poll);
    for (const pid_t group : groups_) {
        child_registry::instance().remove_group(group);
    }
    drain(clock_type::now() + std::chrono::seconds(1));
    (void)!write(stop_fds_[1], "x", 1);
    if (reader_.joinable()) {
        reader_.join();
    }
    for (int* fd : {&out_fd_, &err_fd_, &stop_fds_[0], &stop_fds_[1], &record_fd_}) {
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    }
}

}  // namespace conformance
