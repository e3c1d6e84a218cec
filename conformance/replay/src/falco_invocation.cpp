// SPDX-License-Identifier: Apache-2.0
#include "falco_invocation.hpp"

#include <stdexcept>

namespace replay {

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
    inv.argv_ = {
        in.falco,
        // The empty syscall source would keep Falco running after the input ends
        // (docs/REAL-FALCO.md section 2).
        "--disable-source", "syscall", "-r", in.rules_file,
        // One scalar per -o, never a flow map: up to Falco 0.39.0 the option parser
        // splits every -o value at commas, and up to 0.38 a value is always a plain
        // string (falco@0.38.2:userspace/falco/yaml_helper.h:150-155). Explicit index 0,
        // never `[]`: Falco reads `[]` as "append" only from 0.38 on, and before that
        // gives the empty index to std::stoi (falco@0.36.2:userspace/falco/yaml_helper.h:202-206);
        // element 0 is free as the golden configurations load no plugin of their own
        // (docs/REAL-FALCO.md section 2).
        "-o", "load_plugins[0]=falco_replay", "-o", "plugins[0].name=falco_replay", "-o",
        "plugins[0].library_path=" + in.plugin, "-o",
        "plugins[0].open_params=" + inv.alerts_input_};
    inv.argv_.insert(inv.argv_.end(), passed.begin(), passed.end());
    return inv;
}

}  // namespace replay
