// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace falco_ref::testing {

#ifndef FALCO_OUTPUTS_REF_PATH
#error "FALCO_OUTPUTS_REF_PATH must name the falco-outputs-ref binary"
#endif

// falco-outputs-ref as a real child process: stdin is a pipe the test writes to, stdout and
// stderr are collected by a reader thread, the environment is exactly `env` plus the
// sanitizer options of the test's own environment (ci/sanitize.sh sends reports to files and
// suppresses third-party leaks there; without them a report would land in the stderr the
// test compares).
class ref_process {
public:
    ref_process(const std::vector<std::string>& args, const std::vector<std::string>& env,
                const std::string& cwd) {
        int in[2], out[2], err[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
            ::pipe2(err, O_CLOEXEC) != 0) {
            throw std::runtime_error("pipe");
        }
        std::vector<std::string> argv_s = {FALCO_OUTPUTS_REF_PATH};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::vector<char*> argv, envp;
        for (auto& a : argv_s) {
            {
                argv.push_back(a.data());
            }
        }
        argv.push_back(nullptr);
        std::vector<std::string> env_s = env;
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
            if (const char* value = std::getenv(name)) {
                env_s.push_back(std::string(name) + "=" + value);
            }
        }
        for (auto& e : env_s) {
            {
                envp.push_back(e.data());
            }
        }
        envp.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(in[0], 0);
            ::dup2(out[1], 1);
            ::dup2(err[1], 2);
            if (::chdir(cwd.c_str()) != 0) {
                ::_exit(126);
            }
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        stdin_fd_ = in[1];
        reader_ = std::thread([this, o = out[0], e = err[0]] { collect(o, e); });
    }

    ~ref_process() {
        close_stdin();
        if (!exit_code_) {
            ::kill(pid_, SIGKILL);
            wait_exit(std::chrono::seconds(10));
        }
        if (reader_.joinable()) {
            reader_.join();
        }
    }

    void write_stdin(const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
            if (n <= 0) {
                return;
            }
            done += static_cast<std::size_t>(n);
        }
    }
    // Bytes written to stdin that the process has not read yet (FIONREAD on the pipe).
    int stdin_unread() const {
        int n = -1;
        if (stdin_fd_ < 0 || ::ioctl(stdin_fd_, FIONREAD, &n) != 0) {
            return -1;
        }
        return n;
    }
    void close_stdin() {
        if (stdin_fd_ >= 0) {
            ::close(stdin_fd_);
            stdin_fd_ = -1;
        }
    }
    void signal(int sig) { ::kill(pid_, sig); }
    pid_t pid() const { return pid_; }

    // Exit status (128+n for a signal), or nullopt if still running after `deadline`.
    std::optional<int> wait_exit(std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
        if (exit_code_) {
            return exit_code_;
        }
        const auto end = std::chrono::steady_clock::now() + deadline;
        for (;;) {
            int status = 0;
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                if (reader_.joinable()) {
                    reader_.join();  // the pipes reach EOF once the process is gone
                }
                return exit_code_;
            }
            if (std::chrono::steady_clock::now() >= end) {
                return std::nullopt;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }

    std::string out() const {
        std::lock_guard lock(mutex_);
        return out_;
    }
    std::string err() const {
        std::lock_guard lock(mutex_);
        return err_;
    }

private:
    void collect(int out_fd, int err_fd) {
        pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
        int open = 2;
        char buf[65536];
        while (open > 0) {
            if (::poll(fds, 2, -1) < 0) {
                continue;
            }
            for (int i = 0; i < 2; ++i) {
                if (fds[i].fd < 0 || fds[i].revents == 0) {
                    continue;
                }
                const ssize_t n = ::read(fds[i].fd, buf, sizeof(buf));
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open;
                    continue;
                }
                std::lock_guard lock(mutex_);
                (i == 0 ? out_ : err_).append(buf, static_cast<std::size_t>(n));
            }
        }
    }

    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    std::thread reader_;
    mutable std::mutex mutex_;
    std::string out_;
    std::string err_;
    std::optional<int> exit_code_;
};

}  // namespace falco_ref::testing
