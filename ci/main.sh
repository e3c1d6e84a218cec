#!/usr/bin/env bash
# The README's main job: install dependencies, build, run the conformance suite against the
# reference in both profiles and print the report. Reports: $BUILD_DIR/reports/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/ci/install-deps.sh"
"$root/ci/build.sh"
ref="$build/reference/falco-outputs-ref"
suite="$build/conformance/falco-conformance"
mkdir -p "$build/reports"
status=0
for profile in 0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy; do
    echo
    echo "=== falco-conformance --profile $profile against falco-outputs-ref"
    "$suite" --impl "$ref --profile $profile" --profile "$profile" \
        --junit "$build/reports/conformance-$profile.xml" \
        --json "$build/reports/conformance-$profile.json" || status=$?
done
echo
echo "reports: $build/reports/"
exit "$status"
