// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <mocks/mock_process.hpp>

#include "cases/golden_case.hpp"

namespace conformance {

// The mocks one case declares, started in its work directory before the implementation (each
// ready, i.e. listening, when the constructor returns), and the placeholder values they give.
// Harness-side files live in <work>/.harness/ so they never collide with the case's own paths;
// the capture log is <work>/capture.jsonl (golden/README.md).
class mock_fleet {
public:
    // Throws std::runtime_error when a mock cannot start (the case is then an "error").
    mock_fleet(const golden_case& c, const std::filesystem::path& work);
    mock_fleet(const mock_fleet&) = delete;
    mock_fleet& operator=(const mock_fleet&) = delete;
    ~mock_fleet() { stop(); }

    // {{work}}, {{capture}}, {{closed_port_url}}, and those of the started mocks.
    const std::map<std::string, std::string>& template_values() const { return values_; }

    // Where the implementation's /dev/log must point: the mock's socket, or (no syslog mock) a
    // path nobody listens on, so logs are dropped instead of reaching the host.
    std::string dev_log_target() const;

    std::filesystem::path syslog_log() const { return harness_dir_ / "syslog.jsonl"; }
    std::filesystem::path http_log() const { return harness_dir_ / "http.jsonl"; }
    std::filesystem::path capture_log() const { return work_ / "capture.jsonl"; }
    std::filesystem::path harness_dir() const { return harness_dir_; }
    // FALCO_CONFORMANCE_ALERTS: everything the case will send, for adapters.
    std::filesystem::path adapter_alerts() const { return harness_dir_ / "alerts.jsonl"; }

    // One line per address the case had, for a reproduce script: "mock-http listened on
    // http://127.0.0.1:40123/ (its records: .harness/http.jsonl)".
    std::vector<std::string> notes() const;

    // Lets mock-http answer the requests it holds (SIGUSR1; mocks/README.md). Throws
    // std::runtime_error when the case started no mock-http or it is gone.
    void release_http() const;

    // Stops every mock (SIGTERM, wait): their records are complete afterwards. Idempotent.
    void stop();
    // Stops one mock, `syslog` or `http`, during the case (the `stop_mock` step): mock-http
    // ends the requests it was holding as it goes. Idempotent.
    void stop_mock(const std::string& name);

private:
    void start(const golden_case& c);

    std::filesystem::path work_;
    std::filesystem::path harness_dir_;
    std::map<std::string, std::string> values_;
    std::optional<mocks::mock_process> syslog_;
    std::optional<mocks::mock_process> http_;
    int refusing_fd_ = -1;  // the socket behind {{closed_port_url}}
};

}  // namespace conformance
