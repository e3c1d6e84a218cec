#!/usr/bin/env bash
# The README's test command: install dependencies, build, run every test with ctest.
# Every test includes the HTML reports' test in headless Chromium (installed here);
# BROWSER_TESTS=0 leaves Chromium out for a quicker local run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ${BROWSER_TESTS:-1} == 1 ]]; then
    "$root/ci/install-deps.sh" --browser
    "$root/ci/build.sh" -DFALCO_CONFORMANCE_BROWSER_TESTS=ON
else
    "$root/ci/install-deps.sh"
    "$root/ci/build.sh"
fi
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600
