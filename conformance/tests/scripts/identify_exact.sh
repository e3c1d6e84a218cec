#!/usr/bin/env bash
# `falco-conformance identify` names exactly the profile the reference runs under, and rules
# out every other profile with a case that fails; an implementation that fails everything
# (`false`) is consistent with no profile and exits 1.
#   identify_exact.sh FALCO_CONFORMANCE REFERENCE GOLDEN_DIR PROFILE
set -uo pipefail
fc=$1 ref=$2 golden=$3 profile=$4
out=$("$fc" identify --golden "$golden" --impl "$ref --profile $profile")
rc=$?
echo "$out"
((rc == 0)) || { echo "FAIL: identify exited $rc for the reference under $profile"; exit 1; }
grep -qxF "consistent with: $profile" <<<"$out" ||
    { echo "FAIL: expected exactly 'consistent with: $profile'"; exit 1; }
ruled_out=$(grep -c '^not ' <<<"$out")
((ruled_out >= 1)) || { echo "FAIL: no other profile was ruled out"; exit 1; }

out=$("$fc" identify --golden "$golden" --impl false)
rc=$?
((rc == 1)) || { echo "FAIL: identify --impl false exited $rc, expected 1"; echo "$out"; exit 1; }
grep -qxF "consistent with: no profile" <<<"$out" ||
    { echo "FAIL: --impl false is consistent with some profile:"; echo "$out"; exit 1; }
echo PASS
