// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace mocks {

// Self-pipe for signals: the handler only write(2)s the signal number to a non-blocking pipe,
// so the main loop can poll fd() next to its sockets and do the real work (records, exit)
// outside the handler. One per process; also ignores SIGPIPE, because every mock writes to
// peers that may have gone away.
class signal_pipe {
public:
    explicit signal_pipe(std::initializer_list<int> signals);
    ~signal_pipe();
    signal_pipe(const signal_pipe&) = delete;
    signal_pipe& operator=(const signal_pipe&) = delete;

    int fd() const { return read_fd_; }
    // Signals received since the last call, in arrival order; never blocks.
    std::vector<int> take();

private:
    int read_fd_ = -1;
};

// "TERM" for SIGTERM etc.; "" when the signal has no name here.
std::string signal_name(int signo);
// SIGTERM for "TERM" or "SIGTERM"; 0 when unknown.
int signal_number(const std::string& name);

}  // namespace mocks
