// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace falco_ref::app {

// Async-signal-safe bridge from signals to the reading loop: the handlers only set a bit and
// write one byte to a self-pipe, so a reader blocked in poll(2) wakes up at once, and the loop
// checks the bits after every line as Falco checks its flags after every event
// (docs/spec/common.md#signal.poll). SIGPIPE is ignored: a dead program child must not kill us.
class signal_watcher {
public:
    enum event : unsigned {
        terminate = 1u << 0,  // SIGINT, SIGTERM
        reopen = 1u << 1,     // SIGUSR1
        fatal = 1u << 2,      // a channel failed fatally (posted by the outputs worker)
        hangup = 1u << 3,     // SIGHUP: caught so that it never kills us (see runner.cpp)
    };

    // Installs the handlers (once per process). Without SA_RESTART, so a blocking open(2) of a
    // FIFO returns EINTR when a signal arrives.
    static void install();

    // Blocks/unblocks INT, TERM, USR1 and HUP in the calling thread; threads started while they are
    // blocked inherit that, which keeps signal delivery on the reading thread.
    static void block_in_this_thread();
    static void unblock_in_this_thread();

    // The read end of the self-pipe, for poll(2).
    static int wake_fd();

    // Returns and clears the pending events; drains the self-pipe.
    static unsigned take();

    // Peeks without clearing (cheap: one atomic load).
    static unsigned pending();

    // Thread-safe, also from non-signal context.
    static void post(event e);
};

}  // namespace falco_ref::app
