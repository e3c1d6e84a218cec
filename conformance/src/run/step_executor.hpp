// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/send_payload.hpp"
#include "cases/templater.hpp"
#include "judge/expectation_checker.hpp"
#include "run/channel_reader.hpp"
#include "run/fifo_reader.hpp"
#include "run/impl_process.hpp"
#include "run/invocation.hpp"
#include "run/mock_fleet.hpp"
#include "run/time_limit.hpp"

namespace conformance {

// A file action step (rename, delete, mkdir, chmod, truncate, mkfifo) on the work directory;
// also what `setup:` runs before the implementation starts. Returns nullopt when it worked.
std::optional<failure> apply_file_action(const std::filesystem::path& work, const step& s);

// Executes the steps of a case against a running implementation (golden/README.md, "Steps").
// Every wait polls a condition until a deadline, the earlier of the step's and the case's, and
// a step that runs out of time names the limit that applied; `quiet` is the only explicit time
// window.
class step_executor {
public:
    step_executor(const golden_case& c, impl_process& process, mock_fleet& fleet,
                  const channel_reader& channels, const expectation_checker& checker,
                  const templater& values, run_mode mode, time_limit case_limit)
        : case_(c),
          process_(process),
          fleet_(fleet),
          channels_(channels),
          checker_(checker),
          values_(values),
          payloads_(c, values),
          mode_(std::move(mode)),
          case_limit_(std::move(case_limit)) {}

    // Runs one step; returns nullopt when it passed, else what went wrong.
    std::optional<failure> run(const step& s);

    // The end of every case: close the input, wait for the exit until `limit` (at most the case
    // limit), then stop the FIFO readers (what the FIFOs still hold is copied). Returns a failure
    // when the implementation does not exit in time.
    std::optional<failure> finish(const time_limit& limit);

    // For daemon mode: the implementation's real process, once known from the pidfile.
    std::optional<pid_t> daemon_pid() const { return daemon_pid_; }

private:
    std::optional<failure> send(const step& s);
    std::optional<failure> wait(const step& s);
    std::optional<failure> quiet(const step& s);
    std::optional<failure> signal(const step& s);
    std::optional<failure> wait_exit(const step& s);
    std::optional<failure> read_fifo(const step& s);

    std::size_t count(const step& s) const;
    // The step's limit (its timeout_ms, else `fallback`, "the default of <kind>"), cut by the
    // case's.
    time_limit limit(const step& s, std::chrono::milliseconds fallback,
                     const char* kind_name) const;
    // Daemon mode: wait for the parent's exit and adopt the daemon named by the pidfile.
    std::optional<failure> follow_daemon(const time_limit& limit);

    const golden_case& case_;
    impl_process& process_;
    mock_fleet& fleet_;
    const channel_reader& channels_;
    const expectation_checker& checker_;
    const templater& values_;
    send_payloads payloads_;
    run_mode mode_;
    time_limit case_limit_;
    std::optional<pid_t> daemon_pid_;
    std::vector<std::unique_ptr<fifo_reader>> fifo_readers_;
};

}  // namespace conformance
