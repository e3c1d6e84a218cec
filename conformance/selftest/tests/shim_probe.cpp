// SPDX-License-Identifier: Apache-2.0
// A small program that makes, one at a time, the library calls the defect shim interposes,
// so that defect_launcher_test can see what each shim key changes. Never the reference.
#include <signal.h>
#include <spawn.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

extern char** environ;

namespace {

void say(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

volatile sig_atomic_t g_handled = 0;

void on_signal(int) {
    g_handled = 1;
}

int spawn(const char* path, char* const argv[], pid_t* pid) {
    return posix_spawn(pid, path, nullptr, nullptr, argv, environ);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "";
    const std::string text = argc > 2 ? argv[2] : "";
    if (what == "fwrite") {  // fwrite of the text, then fputc of its newline
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    } else if (what == "write") {
        const std::string line = text + "\n";
        [[maybe_unused]] const ssize_t n = ::write(STDOUT_FILENO, line.data(), line.size());
    } else if (what == "writev") {
        char nl = '\n';
        iovec iov[2] = {{const_cast<char*>(text.data()), text.size()}, {&nl, 1}};
        [[maybe_unused]] const ssize_t n = ::writev(STDOUT_FILENO, iov, 2);
    } else if (what == "sigusr1") {  // "handled" if the handler ran
        struct sigaction sa {};
        sa.sa_handler = on_signal;
        ::sigaction(SIGUSR1, &sa, nullptr);
        ::raise(SIGUSR1);
        say(g_handled ? "handled\n" : "not handled\n");
    } else if (what == "session") {  // whether a spawned child shares our session
        pid_t pid = -1;
        char* args[] = {const_cast<char*>("sleep"), const_cast<char*>("30"), nullptr};
        if (spawn("/bin/sleep", args, &pid) != 0) {
            return 1;
        }
        const bool same = ::getsid(pid) == ::getsid(0);
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        say(same ? "same session\n" : "own session\n");
    } else if (what == "child-env") {  // the environment a spawned child sees
        pid_t pid = -1;
        char* args[] = {const_cast<char*>("env"), nullptr};
        if (spawn("/usr/bin/env", args, &pid) != 0) {
            return 1;
        }
        ::waitpid(pid, nullptr, 0);
    } else if (what == "flush-at-eof") {
        // Two lines ("buffered": held until stdin has ended; "per-line": each flushed at once),
        // then one more line after the end of stdin.
        static char buffer[BUFSIZ];
        std::setvbuf(stdout, buffer, _IOFBF, sizeof(buffer));
        for (const char* line : {"one\n", "two\n"}) {
            std::fwrite(line, 1, std::strlen(line), stdout);
            if (text == "per-line") {
                std::fflush(stdout);
            }
        }
        char c;
        while (::read(STDIN_FILENO, &c, 1) > 0) {
        }
        std::fflush(stdout);
        say("after\n");
    } else if (what == "two-writes") {  // two fwrites to stdout: the text, then "tail"
        say(text);
        say("tail\n");
    } else {
        std::fprintf(stderr, "shim_probe: unknown request %s\n", what.c_str());
        return 2;
    }
    return 0;
}
