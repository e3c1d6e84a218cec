// SPDX-License-Identifier: Apache-2.0
#include "falco_invocation.hpp"

#include <stdexcept>

namespace replay {

namespace {

// A YAML flow-map value for `-o`: Falco loads a value that starts with `{` and ends with `}` as
// YAML (docs/spec/0.44.md#config.o.value, falco@0.44.1:userspace/falco/configuration.cpp:748-790);
// paths are double-quoted there.
std::string flow_quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

falco_invocation falco_invocation::build(const inputs& in) {
    falco_invocation inv;
    std::vector<std::string> passed;
    const auto& a = in.harness_args;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == "--alerts") {
            if (i + 1 >= a.size()) {
                throw std::invalid_argument("--alerts needs a path");
            }
            inv.alerts_input_ = a[++i];
        } else {
            // Everything else passes through: -P (Falco 0.44 still writes its own PID with it,
            // falco@0.44.1:userspace/falco/app/options.cpp:161) and -d/--daemon, which Falco
            // 0.44's option parser refuses itself (docs/spec/0.44.md#daemon.fork).
            passed.push_back(a[i]);
        }
    }
    inv.argv_ = {in.falco,
                 // The empty syscall source would keep Falco running after the input ends
                 // (docs/REAL-FALCO.md section 2).
                 "--disable-source", "syscall", "-r", in.rules_file, "-o",
                 "load_plugins[]=falco_replay", "-o",
                 "plugins[]={name: falco_replay, library_path: " + flow_quoted(in.plugin) +
                     ", open_params: " + flow_quoted(inv.alerts_input_) + "}"};
    inv.argv_.insert(inv.argv_.end(), passed.begin(), passed.end());
    return inv;
}

}  // namespace replay
