#!/usr/bin/env bash
# The 0.44 suite against the reference, once whole and once in 3 shards merged with
# `falco-conformance merge`: the same case ids with the same verdicts, the same counts and exit
# code (durations differ). Several verdicts, so that a merge that mixes them up is caught: the
# reference runs with the self-test's json_key_order defect, switched on from the outside by
# conformance-defect (JSON cases fail), and declares the
# HTTP mock lacking (HTTP cases not applicable). The reports stay in OUT_DIR for inspection.
#   merge_roundtrip.sh FALCO_CONFORMANCE REFERENCE CONFORMANCE_DEFECT OUT_DIR
set -euo pipefail
fc=$1 ref=$2 defect=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
printf 'mock:http  verdicts other than passed, for the merge to keep apart\n' >"$out/capabilities.txt"
run() {
    local name=$1 t0=$SECONDS status=0
    shift
    "$fc" --impl "$defect json_key_order -- $ref" --profile 0.44 -j 2 \
        --capabilities "$out/capabilities.txt" --json "$out/$name.json" "$@" >"$out/$name.log" 2>&1 ||
        status=$?
    echo "$name: exit $status in $((SECONDS - t0)) s: $(tail -n 1 "$out/$name.log")"
}
run whole
for k in 1 2 3; do
    run "shard$k" --shard "$k/3"
done
status=0
"$fc" merge "$out"/shard{1,2,3}.json --json "$out/merged.json" --junit "$out/merged.xml" \
    --html "$out/merged.html" >"$out/merge.log" 2>&1 || status=$?
cat "$out/merge.log"
echo "merge: exit $status"
python3 - "$out/whole.json" "$out/merged.json" "$status" <<'PY'
import json, sys
whole, merged = (json.load(open(f)) for f in sys.argv[1:3])
pairs = lambda r: [(c["id"], c["verdict"]) for c in r["cases"]]
problems = []
if pairs(whole) != pairs(merged):
    a, b = dict(pairs(whole)), dict(pairs(merged))
    for case in sorted(set(a) | set(b)):
        if a.get(case) != b.get(case):
            problems.append(f"{case}: whole {a.get(case)}, merged {b.get(case)}")
for key in ("counts", "exit_code", "profile", "golden_digest", "suite_version"):
    if whole[key] != merged[key]:
        problems.append(f"{key}: whole {whole[key]}, merged {merged[key]}")
if whole["counts"]["failed"] == 0 or whole["counts"]["not_applicable"] == 0:
    problems.append("the whole run lacks failed or not applicable cases: the test proves less")
if int(sys.argv[3]) != whole["exit_code"]:
    problems.append(f"merge exited {sys.argv[3]}, the whole run {whole['exit_code']}")
if len(merged.get("merged_from", [])) != 3:
    problems.append("merged_from does not name the 3 shard reports")
for p in problems:
    print("FAIL:", p)
print(f"{len(whole['cases'])} cases, counts {whole['counts']}: "
      + ("merged = whole" if not problems else f"{len(problems)} differences"))
sys.exit(1 if problems else 0)
PY
