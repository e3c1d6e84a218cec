// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace falco_ref {

// Deliberate defects for the harness's self-test (conformance/selftest): the suite must reject
// the reference when one of these is switched on, by the case meant to catch it. Selected by
// the environment variable FALCO_REF_SELFTEST_MUTATION=<name>; never set in normal use.
//
// Names (each hooked where the behaviour lives):
//   json_key_order        JSON keys written in insertion order instead of sorted
//   no_trailing_newline   stdout/file/program lines written without "\n"
//   lost_flush            buffered stdout/file/program not flushed at shutdown
//   ignore_sigusr1        SIGUSR1 does not reopen anything
//   drop_last_alert       the last alert of the input is not delivered
//   wrong_syslog_level    syslog level off by one
//   uppercase_escapes     JSON \u00xx escapes in upper case (0.44 profile)
//   utc_text_time         text time ignores TZ
//   program_new_session   the program child gets its own session/process group
//   keep_alive_ignored    file keep_alive false behaves as true
//   http_no_content_type  no Content-Type header
//   stats_missing         no end-of-run statistics
bool mutation_active(std::string_view name);

}  // namespace falco_ref
