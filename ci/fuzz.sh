#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) into
# ${FUZZ_BUILD_DIR:-build-fuzz} and runs each for a bounded time. See docs/RELIABILITY.md
# ("Fuzzing") for longer runs by hand and the measured durations.
#
#   FUZZ_SECONDS   seconds per target (default 45; CI budget: 4 targets x 45 s)
#   FUZZ_JOBS      build jobs (default 2)
#   FUZZ_TARGETS   subset, e.g. "alert_parser_fuzzer" (default: all four)
#
# New corpus entries go to ${build}/corpus/<target> (the committed seeds are only read), crash
# inputs to ${build}/artifacts/<target>/. Exit status 1 when a target found a crash, a leak, a
# sanitizer report, a timeout or an out-of-memory; the input is printed with a reproduction
# command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-45}
jobs=${FUZZ_JOBS:-2}
targets=(${FUZZ_TARGETS:-alert_parser_fuzzer alert_parser_diff_fuzzer config_loader_fuzzer mock_syslog_fuzzer})

# The differential target also starts from every line of the golden cases' alerts.jsonl, one
# file per line (written under the build directory, see below).
declare -A seeds=(
    [alert_parser_fuzzer]=$root/reference/fuzz/corpus/alert_parser
    [alert_parser_diff_fuzzer]="$root/reference/fuzz/corpus/alert_parser $build/seeds/golden_alert_lines"
    [config_loader_fuzzer]=$root/reference/fuzz/corpus/config_loader
    [mock_syslog_fuzzer]=$root/mocks/fuzz/corpus/mock_syslog
)
declare -A binaries=(
    [alert_parser_fuzzer]=reference/fuzz/alert_parser_fuzzer
    [alert_parser_diff_fuzzer]=reference/fuzz/alert_parser_diff_fuzzer
    [config_loader_fuzzer]=reference/fuzz/config_loader_fuzzer
    [mock_syslog_fuzzer]=mocks/fuzz/mock_syslog_fuzzer
)
# Alerts are lines (a 10 MB line is an integration test, not a fuzz input); configs are small.
declare -A max_len=(
    [alert_parser_fuzzer]=65536
    [alert_parser_diff_fuzzer]=65536
    [config_loader_fuzzer]=16384
    [mock_syslog_fuzzer]=65536
)

start=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DFALCO_REF_BUILD_FUZZ=ON -DFALCO_REF_BUILD_TESTS=OFF -DFALCO_REF_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"
echo "fuzz: build took $(($(date +%s) - start)) s"

golden_lines=$build/seeds/golden_alert_lines
rm -rf "$golden_lines"
mkdir -p "$golden_lines"
find "$root/golden" -name alerts.jsonl -print0 | sort -z | xargs -0 awk -v dir="$golden_lines" \
    'length($0) <= 65536 { f = sprintf("%s/%06d", dir, ++n); printf "%s", $0 > f; close(f) }'

# Leaks count as findings; an input that allocates without bound is a finding, not a hang.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/reference/fuzz/ubsan.supp}

status=0
for t in "${targets[@]}"; do
    corpus=$build/corpus/$t
    artifacts=$build/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    t0=$(date +%s)
    set +e
    # shellcheck disable=SC2086 # a target may have several seed directories
    "$build/${binaries[$t]}" "$corpus" ${seeds[$t]} \
        -max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$build/$t.log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$t.log" | grep -o '[0-9]*$' || true)
    echo "fuzz: $t: exit $rc, ${runs:-?} runs in $(($(date +%s) - t0)) s, corpus $(ls "$corpus" | wc -l) files"
    if ((rc != 0)); then
        status=1
        tail -n 40 "$build/$t.log"
        for a in "$artifacts"/*; do
            [[ -e $a ]] || continue
            echo "fuzz: reproduce with: $build/${binaries[$t]} $a"
        done
    fi
done
echo "fuzz: total $(($(date +%s) - start)) s"
exit $status
