// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <thread>

namespace conformance {

// `read_fifo` (golden/README.md): from the step to the end of the case the harness holds a FIFO
// of the work directory open for reading and appends every byte written to it to a file, where
// the steps and expectations read it like any file. Opened read-write, so a writer's open never
// waits and the reader never sees an end between two writers.
class fifo_reader {
public:
    // Throws std::runtime_error when the FIFO or the file cannot be opened.
    fifo_reader(const std::filesystem::path& fifo, const std::filesystem::path& into);
    ~fifo_reader();
    fifo_reader(const fifo_reader&) = delete;
    fifo_reader& operator=(const fifo_reader&) = delete;

    // Copies what the FIFO still holds, then stops. Idempotent.
    void stop();

private:
    void copy_loop();
    bool copy_available();  // false once the file cannot be written

    int fifo_fd_ = -1;
    int out_fd_ = -1;
    int stop_fds_[2] = {-1, -1};
    std::thread thread_;
};

}  // namespace conformance
