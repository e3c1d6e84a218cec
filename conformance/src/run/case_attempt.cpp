// SPDX-License-Identifier: Apache-2.0
#include "run/case_attempt.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "cases/send_payload.hpp"
#include "judge/declared_not_applicable.hpp"
#include "run/child_registry.hpp"
#include "util/file_util.hpp"

namespace conformance {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_stderr_tail_lines = 20;

// The case's timeout and what set it: --timeout-ms, the case's timeout_ms, the default.
time_limit case_timeout(const golden_case& c, const run_options& options) {
    if (options.timeout) {
        return time_limit::from_now(*options.timeout, "--timeout-ms", true);
    }
    if (c.timeout) {
        return time_limit::from_now(*c.timeout, "timeout_ms of the case", true);
    }
    return time_limit::from_now(k_default_case_timeout, "default", true);
}

}  // namespace

case_attempt::case_attempt(const golden_case& c, const run_options& options)
    : case_(c), options_(options) {}

case_attempt::~case_attempt() = default;

void case_attempt::create_work_dir() {
    const char* tmp = std::getenv("TMPDIR");
    const std::string leaf = case_.id.substr(case_.id.rfind('/') + 1).substr(0, 40);
    std::string pattern =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/falco-conformance-" + leaf + ".XXXXXX";
    if (!mkdtemp(pattern.data())) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    work_ = pattern;
    if (!options_.keep_workdir) {
        child_registry::instance().add_workdir(work_);
    }
}

void case_attempt::start_mocks() {
    fleet_.emplace(case_, work_);
    values_.emplace(fleet_->template_values());
}

void case_attempt::prepare_work_dir() {
    how_ = plan_invocation(case_, options_, *fleet_, *values_, work_);
    if (how_->config) {
        write_file(work_ / "falco.yaml", *how_->config);
    }
    // The case's own preparation (e.g. `falco.yaml` as a directory): failing to prepare is the
    // harness's problem, not the implementation's, so the case is an error.
    for (const auto& s : case_.setup) {
        if (s.what == step::kind::tmpfs) {
            mounts_.push_back(std::make_unique<tmpfs_mount>(work_ / s.path, s.size));
            continue;
        }
        if (const auto f = apply_file_action(work_, s)) {
            throw std::runtime_error(f->what + ": " + f->message);
        }
    }
    // For adapters that must see every alert before the first arrives (conformance/replay/):
    // every line the case will send, written before the start (a few MiB at most).
    if (const auto alerts = send_payloads(case_, *values_).adapter_alerts()) {
        write_file(fleet_->adapter_alerts(), *alerts);
    }
    const auto& fifo = how_->alerts_fifo;
    if (fifo && !fs::exists(*fifo) && mkfifo(fifo->c_str(), 0600) != 0) {
        throw std::runtime_error("mkfifo " + fifo->string() + ": " + std::strerror(errno));
    }
}

void case_attempt::start_implementation() {
    launch_spec spec;
    spec.argv = how_->argv;
    for (const auto& [n, v] : how_->env) {
        spec.env.push_back(n + "=" + v);
    }
    spec.cwd = work_;
    spec.umask = how_->umask;
    spec.stdout_path = fleet_->harness_dir() / "stdout";
    spec.stderr_path = fleet_->harness_dir() / "stderr";
    if (options_.private_dev_log) {
        spec.dev_log = fleet_->dev_log_target();
    }
    if (options_.keep_workdir) {
        spec.input_record = fleet_->harness_dir() / "input";
    }
    channels_.emplace(channel_paths{work_, spec.stdout_path, spec.stderr_path, fleet_->syslog_log(),
                                    fleet_->http_log(), fleet_->capture_log()});
    case_limit_ = case_timeout(case_, options_);
    process_.emplace(spec);
    if (how_->alerts_fifo) {
        process_->use_alerts_fifo(*how_->alerts_fifo);
    }
    final_pid_ = process_->pid();
}

templater case_attempt::judge_values() const {
    return values_->with("impl_pid", std::to_string(process_->pid()));
}

void case_attempt::execute_steps() {
    step_checker_.emplace(case_, *channels_, std::nullopt, process_->pid(), options_.aliases,
                          judge_values());
    steps_.emplace(case_, *process_, *fleet_, *channels_, *step_checker_, *values_, how_->mode,
                   case_limit_);
    for (const auto& s : case_.steps) {
        if ((step_failure_ = steps_->run(s))) {
            return;
        }
    }
}

void case_attempt::finish() {
    const auto end = step_failure_ ? time_limit::from_now(k_grace_after_failed_step,
                                                          "the grace after a failed step")
                                   : case_limit_;
    if (auto f = steps_->finish(end); f && !step_failure_) {
        step_failure_ = std::move(f);
    }
    final_pid_ = steps_->daemon_pid().value_or(process_->pid());
    final_status_ = process_->status(final_pid_);
    // Output a child of the implementation still writes is collected for a moment after the
    // exit; an implementation that did not exit is killed at once (its pipes close with it).
    if (final_status_) {
        process_->drain(clock_type::now() + k_drain_after_exit);
    }
    // Whatever the outcome: nothing of the implementation survives the case.
    process_->terminate();
    fleet_->stop();
}

void case_attempt::judge(case_result& result) const {
    if (options_.exit_77_not_applicable) {
        if (const auto declared = declared_not_applicable(case_, *channels_, final_status_)) {
            result.outcome = verdict::not_applicable;
            result.declared_by_implementation = true;
            result.reason = *declared;
            return;
        }
    }
    if (step_failure_) {
        result.failures.push_back(*step_failure_);
    }
    const expectation_checker checker(case_, *channels_, final_status_, final_pid_,
                                      options_.aliases, judge_values());
    auto found = checker.check();
    for (auto& f : found.failures) {
        result.failures.push_back(std::move(f));
    }
    result.outcome = result.failures.empty() ? verdict::passed : verdict::failed;
    if (found.aliased_records > 0) {
        result.reason =
            "aliases applied to " + std::to_string(found.aliased_records) + " expected records";
    }
    if (!result.failures.empty()) {
        result.stderr_tail =
            tail_lines(read_file(channels_->paths().stderr_file), k_stderr_tail_lines);
    }
}

void case_attempt::clean_up(case_result& result) {
    result.launched = how_;
    if (work_.empty()) {
        return;
    }
    if (options_.keep_workdir) {
        for (std::size_t i = 0; i < mounts_.size(); ++i) {
            mounts_[i]->unmount_keeping_contents(work_ / ".harness" /
                                                 ("tmpfs-" + std::to_string(i)));
        }
        if (how_) {
            const auto script = work_ / "reproduce.sh";
            write_file(script, reproduce_script(case_, *how_, fleet_->harness_dir() / "input"));
            fs::permissions(script, fs::perms::owner_exec, fs::perm_options::add);
        }
        result.workdir = work_.string();
        return;
    }
    // The implementation and the mocks are gone before their files are.
    steps_.reset();
    process_.reset();
    fleet_.reset();
    mounts_.clear();
    std::error_code ec;
    fs::remove_all(work_, ec);
    child_registry::instance().remove_workdir(work_);
}

}  // namespace conformance
