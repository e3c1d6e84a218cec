// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "cases/golden_case.hpp"
#include "cases/templater.hpp"
#include "judge/case_result.hpp"
#include "judge/expectation_checker.hpp"
#include "run/case_runner.hpp"
#include "run/channel_reader.hpp"
#include "run/impl_process.hpp"
#include "run/invocation.hpp"
#include "run/mock_fleet.hpp"
#include "run/scratch_mount.hpp"
#include "run/step_executor.hpp"
#include "run/time_limit.hpp"

namespace conformance {

// One run of one case, phase by phase (case_runner::run calls them in order). Each phase
// throws std::runtime_error when the harness itself cannot do its part (the case is then an
// error). The destructor kills whatever is left of the implementation and stops the mocks.
class case_attempt {
public:
    case_attempt(const golden_case& c, const run_options& options);
    case_attempt(const case_attempt&) = delete;
    case_attempt& operator=(const case_attempt&) = delete;
    ~case_attempt();

    // A fresh work directory, registered for the interrupt cleanup.
    void create_work_dir();
    // The mocks the case declares, each listening; their addresses for the placeholders.
    void start_mocks();
    // The invocation planned; falco.yaml, the case's setup actions (a tmpfs mounted in the
    // harness's own mount namespace among them), the adapters' alerts file and the input FIFO
    // in the work directory.
    void prepare_work_dir();
    // The implementation started in its own process group (and private /dev).
    void start_implementation();
    // The steps, up to the first failing one.
    void execute_steps();
    // Its input closed, its exit awaited (a short grace after a failed step), whatever is left
    // of it killed and reaped, the mocks stopped: every record is complete afterwards.
    void finish();
    // The verdict: not applicable by the implementation's exit 77, or every expectation.
    void judge(case_result& result) const;
    // The work directory kept (with reproduce.sh) or removed; how the implementation was
    // started, into the result.
    void clean_up(case_result& result);

private:
    // The placeholders of the case and `{{impl_pid}}`, the PID of the process started, for the
    // expected `text:` contents.
    templater judge_values() const;

    const golden_case& case_;
    const run_options& options_;
    time_limit case_limit_;
    std::filesystem::path work_;
    std::optional<mock_fleet> fleet_;
    std::vector<std::unique_ptr<tmpfs_mount>> mounts_;  // `setup: tmpfs`, in the work dir
    std::optional<templater> values_;
    std::optional<invocation> how_;
    std::optional<channel_reader> channels_;
    std::optional<impl_process> process_;
    std::optional<expectation_checker> step_checker_;
    std::optional<step_executor> steps_;
    std::optional<failure> step_failure_;
    std::optional<int> final_status_;
    pid_t final_pid_ = -1;
};

}  // namespace conformance
