#!/usr/bin/env bash
# The harness and the reference each keep their own table of profiles (the harness never links
# the reference): both print the same table in --help, accept the same profile names and Falco
# versions, and map each accepted version to the same profile. The reference names the profile
# it selected in --version; the harness's choice shows in the cases `--list` selects, which must
# be those of that profile's name.
#   profile_tables_agree.sh FALCO_CONFORMANCE REFERENCE GOLDEN_DIR
set -uo pipefail
fc=$1 ref=$2 golden=$3
fail=0

table() { sed -n '/^Profiles (docs\/spec\/README.md):$/,$p' | tail -n +2; }
harness_table=$("$fc" --help | table)
reference_table=$("$ref" --help | table)
if [[ -z $harness_table || $harness_table != "$reference_table" ]]; then
    echo "FAIL: the --help profile tables differ"
    diff <(echo "$harness_table") <(echo "$reference_table")
    fail=1
fi

names=$(awk '{print $1}' <<<"$harness_table")
versions=($names "" latest 0 0. 1.0 0.x 0.36. 0.36.x 0.36.1.1 44)
for minor in $(seq 14 46); do
    versions+=("0.$minor" "0.$minor.0" "0.$minor.1" "0.$minor.2")
done
checked=0
for v in "${versions[@]}"; do
    "$fc" --profile "$v" --help >/dev/null 2>&1
    harness_rc=$?
    chosen=$("$ref" --profile "$v" --version 2>/dev/null | sed -n 's/^Profile: //p')
    if [[ $harness_rc -eq 0 && -z $chosen ]] || [[ $harness_rc -ne 0 && -n $chosen ]]; then
        echo "FAIL: '$v': harness exit $harness_rc, reference profile '${chosen:-none}'"
        fail=1
        continue
    fi
    [[ -n $chosen ]] || continue
    if [[ $("$fc" --list --golden "$golden" --profile "$v") != \
        $("$fc" --list --golden "$golden" --profile "$chosen") ]]; then
        echo "FAIL: '$v': the harness selects other cases than for '$chosen', the reference's"
        fail=1
    fi
    checked=$((checked + 1))
done
((checked >= 20)) || { echo "FAIL: only $checked versions accepted"; fail=1; }
((fail == 0)) && echo "PASS: $checked accepted versions map alike, the others are refused by both"
exit $fail
