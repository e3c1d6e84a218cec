// SPDX-License-Identifier: Apache-2.0
#include "mocks/mock_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "mocks/install_layout.hpp"
#include "mocks/records.hpp"

namespace mocks {

std::string mock_syslog_path() {
    return installed_or_built(MOCKS_INSTALL_DIR "/mock-syslog", MOCKS_MOCK_SYSLOG_PATH);
}
std::string mock_http_path() {
    return installed_or_built(MOCKS_INSTALL_DIR "/mock-http", MOCKS_MOCK_HTTP_PATH);
}
std::string capture_path() {
    return installed_or_built(MOCKS_INSTALL_DIR "/capture", MOCKS_CAPTURE_PATH);
}

namespace {

std::string read_whole(int fd) {
    std::string out;
    char buf[4096];
    ::lseek(fd, 0, SEEK_SET);
    ssize_t n = 0;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

int exit_code(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

}  // namespace

mock_process mock_process::start(const std::vector<std::string>& argv,
                                 std::chrono::milliseconds timeout) {
    if (argv.empty()) {
        throw std::invalid_argument("mock_process::start: empty argv");
    }
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    // stderr goes to an anonymous file rather than a pipe: it can never fill up and block the
    // mock, and it is still there to quote when the start fails.
    const int err = ::open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (err < 0) {
        throw std::runtime_error("cannot create a temporary file for stderr");
    }
    std::vector<char*> cargv;
    for (const auto& a : argv) {
        cargv.push_back(const_cast<char*>(a.c_str()));
    }
    cargv.push_back(nullptr);

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        // The mock must not outlive the harness, even one interrupted before it registered
        // the mock (conformance's child_registry learns the pid only after READY). A parent
        // gone before the prctl took effect would never send the signal: check once after it.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) {
            ::_exit(127);
        }
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        ::execv(cargv[0], cargv.data());
        const std::string msg = "exec " + argv[0] + ": " + std::strerror(errno) + "\n";
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, msg.data(), msg.size());
        ::_exit(127);
    }
    ::close(out[1]);

    mock_process p;
    p.pid_ = pid;
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string failure;
    while (failure.empty()) {
        if (const auto nl = line.find('\n'); nl != std::string::npos) {
            line.resize(nl);
            if (line.rfind("READY ", 0) == 0) {
                break;
            }
            failure = "unexpected first line '" + line + "'";
            break;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            failure = "no READY line within " + std::to_string(timeout.count()) + " ms";
            break;
        }
        pollfd pfd{out[0], POLLIN, 0};
        const int r = ::poll(&pfd, 1, static_cast<int>(left.count()));
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            continue;
        }
        char buf[512];
        const ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n <= 0) {
            failure = "exited before READY";
            break;
        }
        line.append(buf, static_cast<std::size_t>(n));
    }
    // The mocks write nothing to stdout after READY (and ignore SIGPIPE), so the pipe can go.
    ::close(out[0]);
    if (!failure.empty()) {
        const int status = p.stop();
        const std::string stderr_text = read_whole(err);
        ::close(err);
        throw std::runtime_error(argv[0] + ": " + failure + " (exit " + std::to_string(status) +
                                 "); stderr: " + stderr_text);
    }
    ::close(err);
    p.ready_ = line.substr(6);
    return p;
}

mock_process::mock_process(mock_process&& other) noexcept
    : pid_(other.pid_), ready_(std::move(other.ready_)), status_(other.status_) {
    other.pid_ = -1;
}

mock_process& mock_process::operator=(mock_process&& other) noexcept {
    if (this != &other) {
        stop();
        pid_ = other.pid_;
        ready_ = std::move(other.ready_);
        status_ = other.status_;
        other.pid_ = -1;
    }
    return *this;
}

mock_process::~mock_process() {
    stop();
}

std::optional<std::string> mock_process::ready_value(std::string_view key) const {
    std::string_view rest = ready_;
    while (!rest.empty()) {
        const auto sp = rest.find(' ');
        const std::string_view item = rest.substr(0, sp);
        if (item.size() > key.size() && item.substr(0, key.size()) == key &&
            item[key.size()] == '=') {
            return std::string(item.substr(key.size() + 1));
        }
        if (sp == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(sp + 1);
    }
    return std::nullopt;
}

int mock_process::stop() {
    if (pid_ <= 0) {
        return status_;
    }
    ::kill(pid_, SIGTERM);
    // The mocks stop promptly on SIGTERM; SIGKILL after a generous deadline only keeps a
    // broken mock from hanging the test run.
    int status = 0;
    const bool done = wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; },
                                 std::chrono::seconds(10));
    if (!done) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
    status_ = exit_code(status);
    pid_ = -1;
    return status_;
}

}  // namespace mocks
