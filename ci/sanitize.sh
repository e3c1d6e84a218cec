#!/usr/bin/env bash
# Builds sanitized trees and runs the unit tests and the conformance suite in them, with the
# sanitized reference as the implementation under test (docs/RELIABILITY.md, "Sanitizers").
#
#   SANITIZE_TREES  which trees: "asan" (ASan+UBSan, build-asan), "tsan" (TSan, build-tsan);
#                   default "asan tsan"
#   SANITIZE_JOBS   build and test jobs (default 2)
#   SANITIZE_STEPS  "build unit conformance stress" (default: all; stress = ci/stress.sh --quick
#                   against the sanitized binary)
#   SANITIZE_CTEST_TIMEOUT  per-test timeout in seconds (default 600)
#   SANITIZE_PROFILES  the profiles whose whole suite runs in the sanitized trees (default
#                   "0.44 legacy": a sample; the profiles in between differ from 0.44 only in
#                   data of falco_ref::profile, and the plain build runs every profile)
#   SANITIZE_KNOWN_FAILURES  a falco-conformance --known-failures file (cases failing for
#                   reasons unrelated to sanitizers, e.g. open conformance bugs)
#   CC, CXX         compiler (default: CMake's choice, gcc here; with clang, RapidJSON 1.1.0's
#                   null-pointer arithmetic trips UBSan: see reference/fuzz/ubsan.supp)
#
# Every sanitized process (tests, harness, mocks, reference, capture children) writes its report
# to ${tree}/sanitizer-reports/ instead of only to a stderr that a test may swallow; the job
# fails when any report exists, when a unit test fails, or when a conformance case fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${SANITIZE_JOBS:-2}
trees=(${SANITIZE_TREES:-asan tsan})
steps=" ${SANITIZE_STEPS:-build unit conformance stress} "
profiles=(${SANITIZE_PROFILES:-0.44 legacy})
status=0

# The ctests a sanitized tree skips: the suite tests of the profiles left out of the sample;
# the identify tests, which run the reference in one profile against every other profile's
# cases (the same reference code the sampled suites run, for minutes per test under TSan); and
# the --shard partition test and the profile-table test, which run the harness's --list and the
# reference's --version a few hundred times between them to compare tables (minutes under TSan).
# The plain build runs all of them.
ctest_exclude() {
    local all=(0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy) p
    local out=("conformance\\.identify\\." "conformance\\.shard_union_over_golden\$"
        "conformance\\.profile_tables_agree\$")
    for p in "${all[@]}"; do
        [[ " ${profiles[*]} " == *" $p "* ]] || out+=("conformance\\.suite\\.${p//./\\.}\$")
    done
    local IFS='|'
    echo "${out[*]:-^\$}"
}

run_tree() {
    local tree=$1 sanitize build reports
    case $tree in
        asan) sanitize="address;undefined" ;;
        tsan) sanitize="thread" ;;
        *) echo "sanitize: unknown tree $tree" >&2; return 2 ;;
    esac
    build=${root}/build-$tree
    reports=$build/sanitizer-reports
    local t0=$(date +%s)

    if [[ $steps == *" build "* ]]; then
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DFALCO_REF_SANITIZE="$sanitize" -DFALCO_REF_BUILD_BENCH=OFF >/dev/null
        cmake --build "$build" -j "$jobs"
        echo "sanitize[$tree]: build took $(($(date +%s) - t0)) s"
    fi
    rm -rf "$reports"
    mkdir -p "$reports"

    # exitcode 86: a sanitizer finding must not look like the exit 1 a config-error case expects.
    local asan="detect_leaks=1:exitcode=86:log_path=$reports/asan:strip_path_prefix=$root/"
    local ubsan="print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$reports/ubsan"
    local tsan="exitcode=86:log_path=$reports/tsan:second_deadlock_stack=1"
    local lsan="suppressions=$root/ci/lsan.supp:print_suppressions=0"
    export ASAN_OPTIONS=$asan UBSAN_OPTIONS=$ubsan TSAN_OPTIONS=$tsan LSAN_OPTIONS=$lsan
    # The harness passes only a fixed environment to the implementation; these words set the
    # sanitizer options there too (conformance/PROTOCOL.md 1, README "--impl").
    local impl_env="ASAN_OPTIONS=$asan UBSAN_OPTIONS=$ubsan TSAN_OPTIONS=$tsan LSAN_OPTIONS=$lsan"

    if [[ $steps == *" unit "* ]]; then
        local t1=$(date +%s)
        if ! (cd "$build" && ctest --output-on-failure -j "$jobs" -E "$(ctest_exclude)" --timeout "${SANITIZE_CTEST_TIMEOUT:-600}"); then
            echo "sanitize[$tree]: unit tests FAILED"
            status=1
        fi
        echo "sanitize[$tree]: unit tests took $(($(date +%s) - t1)) s"
    fi

    if [[ $steps == *" conformance "* ]]; then
        local profile t2
        for profile in "${profiles[@]}"; do
            t2=$(date +%s)
            local impl="$impl_env $build/reference/falco-outputs-ref --profile $profile"
            # Sanitized code runs 2-15x slower: per-case timeout raised, cases run one by one.
            local known=()
            [[ -n ${SANITIZE_KNOWN_FAILURES:-} ]] && known=(--known-failures "$SANITIZE_KNOWN_FAILURES")
            if ! "$build/conformance/falco-conformance" --impl "$impl" --profile "$profile" \
                --golden "$root/golden" --timeout-ms 120000 "${known[@]}" \
                --junit "$build/conformance-$profile.xml" >"$build/conformance-$profile.log" 2>&1; then
                echo "sanitize[$tree]: conformance $profile FAILED (see $build/conformance-$profile.log)"
                # Each failed case with its indented detail (what differed, the stderr tail),
                # so the CI log says why without the tree at hand.
                awk '/^(FAIL|ERROR)/ {on = 1; print; next} /^  / && on {print; next} {on = 0}' \
                    "$build/conformance-$profile.log" | head -n 120
                status=1
            fi
            tail -n 3 "$build/conformance-$profile.log" | sed "s/^/sanitize[$tree]: $profile: /"
            echo "sanitize[$tree]: conformance $profile took $(($(date +%s) - t2)) s"
        done
    fi

    if [[ $steps == *" stress "* ]]; then
        local t3=$(date +%s)
        if ! env $impl_env "$root/ci/stress.sh" --quick --impl "$build/reference/falco-outputs-ref" \
            --mocks "$build/mocks"; then
            echo "sanitize[$tree]: stress FAILED"
            status=1
        fi
        echo "sanitize[$tree]: stress took $(($(date +%s) - t3)) s"
    fi

    if compgen -G "$reports/*" >/dev/null; then
        echo "sanitize[$tree]: sanitizer reports:"
        for f in "$reports"/*; do
            echo "---- $f"
            head -n 60 "$f"
        done
        status=1
    fi
    echo "sanitize[$tree]: total $(($(date +%s) - t0)) s"
}

for tree in "${trees[@]}"; do
    run_tree "$tree"
done
exit $status
