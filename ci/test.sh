#!/usr/bin/env bash
# The README's test command: install dependencies, build, run every test with ctest.
# BROWSER_TESTS=1 (.ci/run sets it): also Chromium, and the HTML reports' test in it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ ${BROWSER_TESTS:-0} == 1 ]]; then
    "$root/ci/install-deps.sh" --browser
    "$root/ci/build.sh" -DFALCO_CONFORMANCE_BROWSER_TESTS=ON
else
    "$root/ci/install-deps.sh"
    "$root/ci/build.sh"
fi
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600
