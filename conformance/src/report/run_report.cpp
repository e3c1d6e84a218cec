// SPDX-License-Identifier: Apache-2.0
#include "report/run_report.hpp"

namespace conformance {

int exit_code_of(const suite_counts& counts) {
    return counts.failed ? 1 : counts.errors ? 2 : 0;
}

}  // namespace conformance
