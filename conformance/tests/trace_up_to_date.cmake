# SPDX-License-Identifier: Apache-2.0
# Fails when the checked-in traceability matrix differs from what `falco-conformance trace`
# generates now (a case's `rules:` or a rule of docs/spec changed without regenerating it).
# Gaps (trace exit 1) are conformance.trace.no_gaps's business, not this test's.
#   cmake -DHARNESS=... -DGOLDEN=... -DCHECKED_IN=... -DOUT=... -P trace_up_to_date.cmake
execute_process(COMMAND ${HARNESS} trace --golden ${GOLDEN} --write ${OUT}
                OUTPUT_QUIET ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status MATCHES "^[01]$")
    message(FATAL_ERROR "falco-conformance trace failed (${status}):\n${errors}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${CHECKED_IN}
                RESULT_VARIABLE differs)
if(differs)
    message(FATAL_ERROR "${CHECKED_IN} is stale: regenerate it from the repository root with\n"
                        "  falco-conformance trace --write docs/spec/TRACEABILITY.md\n"
                        "(generated now: ${OUT})")
endif()
