// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace replay {

// Turns the harness's arguments (conformance/PROTOCOL.md section 1) into a Falco 0.44 command
// line that replays through the plugin. The harness's `-c`, `-o` and `-U` pass through unchanged
// and in order, so Falco reports config errors with its own wording and the case's `-o` win over
// the adapter's (the last `-o` wins, docs/spec/common.md#config.o.order); the harness's config file
// is never rewritten, so `(falco.yaml)` in error messages stays as the golden cases expect.
class falco_invocation {
public:
    struct inputs {
        std::string falco;       // path of the Falco binary
        std::string plugin;      // absolute path of libfalco_replay.so
        std::string rules_file;  // generated rules (must end in .yaml: Falco skips other names)
        std::vector<std::string> harness_args;
    };

    // Throws std::invalid_argument for a `--alerts` without its path; every other argument is
    // passed to Falco as given.
    static falco_invocation build(const inputs& in);

    const std::vector<std::string>& argv() const { return argv_; }
    // What the plugin reads: "-" (standard input, inherited by Falco) or the `--alerts` path.
    const std::string& alerts_input() const { return alerts_input_; }

private:
    std::vector<std::string> argv_;
    std::string alerts_input_ = "-";
};

}  // namespace replay
