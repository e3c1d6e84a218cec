// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cases/golden_case.hpp"

namespace conformance {

// What a case needs of an implementation, computed from what it uses (conformance/README.md,
// "Features of a case"), each feature with where in the case it comes from:
//   stdout, file, syslog, program, http   the output channel is enabled in the effective config
//                                          (select/effective_config.hpp), or the case reads
//                                          what only that channel produces: a file (file, or
//                                          program when the program's command names the file),
//                                          syslog messages, HTTP requests, the capture
//                                          program's events. Reading standard output is not
//                                          `stdout`: Falco prints its end-of-run statistics
//                                          there whatever stdout_output says
//   stream:stdout, stream:stderr           the case reads the process's standard output or error
//   mock:syslog, mock:http, mock:capture   a mock the case starts ({{capture}} for the capture
//                                          program), tls and tls:<mode> for the HTTP mock's TLS
//   signal:<NAME>                          a signal a step sends
//   flag:-U, flag:-o, flag:-d, flag:-P, flag:--alerts, flag:<other>  a command-line flag the
//                                          implementation gets; daemon (-d), input:fifo (--alerts)
//   alerts:*, json-fields                  from the content of alerts.jsonl (alert_features.hpp)
//   whatever `requires:` lists
// Hand-written tags are not features: they select (--tag), nothing more.
std::map<std::string, std::vector<std::string>> derive_case_features(const golden_case& c);

}  // namespace conformance
