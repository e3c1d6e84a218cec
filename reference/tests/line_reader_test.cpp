// SPDX-License-Identifier: Apache-2.0
// line_reader: the input side of falco-outputs-ref. Lines must come out byte-exact whatever
// the read(2) boundaries are: across chunks, longer than the buffer, without a final '\n'.
#include "falco_ref/line_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace falco_ref {
namespace {

struct pipe_pair {
    int read_end = -1;
    int write_end = -1;
    pipe_pair() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) == 0) {
            read_end = fds[0];
            write_end = fds[1];
        }
    }
    ~pipe_pair() {
        close_write();
        if (read_end >= 0) {
            ::close(read_end);
        }
    }
    void close_write() {
        if (write_end >= 0) {
            ::close(write_end);
            write_end = -1;
        }
    }
};

bool write_all(int fd, const std::string& data, std::size_t piece) {
    for (std::size_t done = 0; done < data.size();) {
        const ssize_t n = ::write(fd, data.data() + done, std::min(piece, data.size() - done));
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// Feeds `data` in writes of `piece` bytes from a thread and collects every line until EOF.
std::vector<std::string> read_lines(const std::string& data, std::size_t piece) {
    pipe_pair input;
    pipe_pair wake;
    std::thread writer([&] {
        EXPECT_TRUE(write_all(input.write_end, data, piece));
        input.close_write();
    });
    line_reader reader(input.read_end, wake.read_end);
    std::vector<std::string> lines;
    std::string line;
    while (reader.next(line) == line_reader::result::line) {
        lines.push_back(line);
    }
    writer.join();
    return lines;
}

TEST(line_reader, lines_come_out_whole_across_reads_of_any_size) {
    std::vector<std::string> expected;
    std::string data;
    // Lengths around the chunk size and well above it, and empty lines.
    const std::size_t chunk = line_reader::k_chunk;
    for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{457}, chunk - 1, chunk,
                            chunk + 1, std::size_t{0}, 3 * chunk + 17, std::size_t{5}}) {
        std::string l(len, 'x');
        for (std::size_t i = 0; i < len; i += 97) {
            l[i] = static_cast<char>('a' + expected.size());  // tell the lines apart
        }
        expected.push_back(l);
        data += l + "\n";
    }
    for (std::size_t piece : {std::size_t{1} << 20, std::size_t{4096}, std::size_t{333}}) {
        EXPECT_EQ(read_lines(data, piece), expected) << "writes of " << piece << " bytes";
    }
}

TEST(line_reader, a_last_line_without_newline_is_still_a_line) {
    EXPECT_EQ(read_lines("a\nbc", 4096), (std::vector<std::string>{"a", "bc"}));
    EXPECT_EQ(read_lines("a\n", 4096), (std::vector<std::string>{"a"}));
    EXPECT_EQ(read_lines("", 4096), (std::vector<std::string>{}));
}

TEST(line_reader, the_wake_fd_interrupts_a_wait_and_before_poll_runs_first) {
    pipe_pair input;
    pipe_pair wake;
    int polls = 0;
    line_reader reader(input.read_end, wake.read_end, [&] { ++polls; });
    ASSERT_EQ(::write(input.write_end, "one\n", 4), 4);
    std::string line;
    ASSERT_EQ(reader.next(line), line_reader::result::line);
    EXPECT_EQ(line, "one");
    EXPECT_EQ(polls, 1);
    ASSERT_EQ(::write(wake.write_end, "w", 1), 1);  // no input pending: poll sees the wake fd
    EXPECT_EQ(reader.next(line), line_reader::result::woken);
    EXPECT_EQ(polls, 2);
}

}  // namespace
}  // namespace falco_ref
