// SPDX-License-Identifier: Apache-2.0
#include "run/case_runner.hpp"

#include <stdexcept>

#include "run/case_attempt.hpp"

namespace conformance {

std::string case_runner::reproduce_command(const golden_case& c) const {
    std::string line = shell_quote(options_.harness) + " --impl " +
                       shell_quote(options_.impl_text) + " --profile " +
                       shell_quote(options_.profile);
    if (!options_.golden_arg.empty()) {
        line += " --golden " + shell_quote(options_.golden_arg);
    }
    return line + " --case " + shell_quote(c.id) + " --keep-workdir";
}

case_result case_runner::run(const golden_case& c) const {
    case_result result;
    result.id = c.id;
    result.reproduce = reproduce_command(c);
    if (!c.load_error.empty()) {
        result.outcome = verdict::error;
        result.reason = c.load_error;
        return result;
    }
    const auto started = clock_type::now();
    case_attempt attempt(c, options_);
    try {
        attempt.create_work_dir();
        attempt.start_mocks();
        attempt.prepare_work_dir();
        attempt.start_implementation();
        attempt.execute_steps();
        attempt.finish();
        attempt.judge(result);
    } catch (const std::exception& e) {
        result.outcome = verdict::error;
        result.reason = e.what();
    }
    attempt.clean_up(result);
    result.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - started);
    return result;
}

}  // namespace conformance
