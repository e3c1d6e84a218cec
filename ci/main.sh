#!/usr/bin/env bash
# The README's main job: install dependencies, build, run the reference over the sample alerts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/ci/install-deps.sh"
"$root/ci/build.sh"
echo "build complete: ${BUILD_DIR:-$root/build}"
