#!/usr/bin/env bash
# Takes the figures of bench/RESULTS.md: builds the bench targets (Release, 2 jobs), records
# the machine and its load, runs bench_micro with repetitions and falco-bench against the
# reference (text and JSON). Run it on a quiet machine; it takes about 4 minutes.
#   bench/measure.sh [OUT_DIR]     (default: build-bench/results)
# QUICK=1 runs everything with tiny settings (seconds) to check the script itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
out=${1:-$build/results}
mkdir -p "$out"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench_micro falco-bench falco-outputs-ref -j2 >/dev/null

{
    echo "date: $(date -u +%FT%TZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "kernel: $(uname -sr)"
    echo "load before: $(cat /proc/loadavg)"
} | tee "$out/machine.txt"

if [[ ${QUICK:-0} == 1 ]]; then
    micro_flags=(--benchmark_repetitions=2 --benchmark_min_time=0.01)
    e2e_flags=(--repeat 1 --alerts 2000 --cap program_nokeep=20 --cap http=200)
else
    micro_flags=(--benchmark_repetitions=5 --benchmark_min_time=0.2)
    e2e_flags=(--repeat 3)
fi

"$build/bench/micro/bench_micro" "${micro_flags[@]}" \
    --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/micro.json" --benchmark_out_format=json | tee "$out/micro.txt"
echo "load after micro: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"

ref="$build/reference/falco-outputs-ref"
"$build/bench/e2e/falco-bench" --impl "$ref" "${e2e_flags[@]}" \
    --channels stdout,file,file_unbuffered,file_nokeep,syslog,program,program_nokeep,http \
    --json "$out/e2e-text.json" --markdown "$out/e2e-text.md" --svg "$out/e2e-text.svg" \
    | tee "$out/e2e-text.txt" || true
"$build/bench/e2e/falco-bench" --impl "$ref" "${e2e_flags[@]}" --format json \
    --channels stdout,file,syslog,http \
    --json "$out/e2e-json.json" --markdown "$out/e2e-json.md" --svg "$out/e2e-json.svg" \
    | tee "$out/e2e-json.txt" || true
echo "load after e2e: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"
