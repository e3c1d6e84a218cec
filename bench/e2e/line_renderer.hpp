// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "../common/sample_alert.hpp"

namespace falco_bench {

// Renders the lines a conforming implementation delivers for an alert, so the baseline loops
// write bytes of the same size and shape. TZ is UTC0 and the hostname fixed (falco-bench sets
// both for the implementation too). The text line is Falco's time, priority and message
// (falco@0.44.1:userspace/engine/formats.cpp:47-77), the JSON object Falco's
// (falco@0.44.1:userspace/engine/formats.cpp:94-161; legacy:
// falco@0.15.3:userspace/engine/formats.cpp:214-262); docs/spec/0.44.md has both. Only the
// sizes matter for the baselines; exactness is the conformance suite's job.
class line_renderer {
public:
    line_renderer(std::string profile, bool json, std::string hostname);

    // The line without terminator (what http posts; stdout/file/program add '\n').
    std::string line(const sample_alert& a) const;
    // The datagram glibc's syslog(3) sends for it on /dev/log: "<PRI>Mmm dd hh:mm:ss falco: ".
    std::string syslog_datagram(const sample_alert& a) const;

private:
    std::string text_line(const sample_alert& a) const;
    std::string json_line(const sample_alert& a) const;

    std::string profile_;
    bool json_;
    std::string hostname_;
};

}  // namespace falco_bench
