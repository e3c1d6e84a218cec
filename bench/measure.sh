#!/usr/bin/env bash
# Takes the figures of bench/RESULTS.md. Builds the bench targets (Release, 2 jobs), records
# the machine and its load, then runs one of two measurements into OUT_DIR:
#
#   bench/measure.sh [OUT_DIR]
#       the reference alone: bench_micro with repetitions, and falco-bench against the
#       reference, text and JSON alerts (about 4 minutes);
#   bench/measure.sh --falco FALCO --falco-replay FALCO_REPLAY [OUT_DIR]
#       the reference (A) against a real Falco driven through falco-replay (B) on every channel
#       and the `null` channel (each implementation's ceiling without a sink cost), text and
#       JSON alerts, buffered_outputs true and false: four falco-bench --vs runs, each with the
#       baselines. FALCO_REPLAY's plugin must be built against FALCO's libs
#       (-DFALCO_PLUGIN_API_INCLUDE, conformance/replay/README.md).
#
# OUT_DIR defaults to $BUILD_DIR/results (BUILD_DIR defaults to build-bench). Run it on a quiet
# machine. QUICK=1 runs everything with tiny settings (seconds) to check the script itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}

falco="" replay=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --falco) falco=$2; shift 2 ;;
        --falco-replay) replay=$2; shift 2 ;;
        -*) echo "measure.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [[ -n $falco || -n $replay ]]; then
    if [[ ! -x $falco || ! -x $replay ]]; then
        echo "measure.sh: --falco and --falco-replay must both name executables" >&2
        exit 2
    fi
    falco=$(realpath "$falco") replay=$(realpath "$replay")
fi
out=${1:-$build/results}
mkdir -p "$out"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=(falco-bench falco-outputs-ref)
[[ -n $falco ]] || targets+=(bench_micro)
cmake --build "$build" --target "${targets[@]}" -j2 >/dev/null
bench="$build/bench/e2e/falco-bench"
ref="$build/reference/falco-outputs-ref"

{
    echo "date: $(date -u +%FT%TZ)"
    echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' (modified tree)')"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "kernel: $(uname -sr)"
    if [[ -n $falco ]]; then
        echo "falco: $falco ($("$falco" --version 2>/dev/null | head -1))"
        echo "falco-replay: $replay"
    fi
    echo "load before: $(cat /proc/loadavg)"
} | tee "$out/machine.txt"

if [[ ${QUICK:-0} == 1 ]]; then
    micro_flags=(--benchmark_repetitions=2 --benchmark_min_time=0.01)
    e2e_flags=(--repeat 1 --alerts 2000 --cap program_nokeep=20 --cap http=200)
else
    micro_flags=(--benchmark_repetitions=5 --benchmark_min_time=0.2)
    e2e_flags=(--repeat 3)
fi

if [[ -n $falco ]]; then
    # Falco through falco-replay runs at a few thousand alerts per second (the replay plugin's
    # ceiling, RESULTS.md section 5): 20,000 alerts per run keep the four runs near ten minutes.
    [[ ${QUICK:-0} == 1 ]] || e2e_flags+=(--alerts 20000 --cap http=5000 --cap program_nokeep=500)
    # A = the reference, B = Falco through falco-replay; alerts carry output_template so that
    # the replay's JSON output_fields are Falco's own (docs/REAL-FALCO.md).
    channels=stdout,file,file_nokeep,syslog,program,program_nokeep,http,null
    for format in text json; do
        for buffered in true false; do
            name=vs-falco-$format-$([[ $buffered == true ]] && echo buffered || echo unbuffered)
            "$bench" --impl "$ref" --vs "$replay --falco $falco --" --output-template \
                "${e2e_flags[@]}" --format "$format" --buffered-outputs "$buffered" \
                --channels "$channels" \
                --json "$out/$name.json" --markdown "$out/$name.md" --svg "$out/$name.svg" \
                | tee "$out/$name.txt" || true
            echo "load after $name: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"
        done
    done
    exit 0
fi

"$build/bench/micro/bench_micro" "${micro_flags[@]}" \
    --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/micro.json" --benchmark_out_format=json | tee "$out/micro.txt"
echo "load after micro: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"

"$bench" --impl "$ref" "${e2e_flags[@]}" \
    --channels stdout,file,file_unbuffered,file_nokeep,syslog,program,program_nokeep,http \
    --json "$out/e2e-text.json" --markdown "$out/e2e-text.md" --svg "$out/e2e-text.svg" \
    | tee "$out/e2e-text.txt" || true
"$bench" --impl "$ref" "${e2e_flags[@]}" --format json \
    --channels stdout,file,syslog,http \
    --json "$out/e2e-json.json" --markdown "$out/e2e-json.md" --svg "$out/e2e-json.svg" \
    | tee "$out/e2e-json.txt" || true
echo "load after e2e: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"
