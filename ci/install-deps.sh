#!/usr/bin/env bash
# Installs dependencies from Debian 12's archive. Idempotent.
#   ci/install-deps.sh            build and test (the README's commands)
#   ci/install-deps.sh --build    only what building and packaging the gate needs (Dockerfile)
#   ci/install-deps.sh --browser  build and test, and Chromium for the HTML report tests
#                                 (FALCO_CONFORMANCE_BROWSER_TESTS; a large install, CI only)
set -euo pipefail
# dpkg-dev and file: CPack's dpkg-shlibdeps step (packaging/CMakeLists.txt).
build=(
    build-essential cmake ninja-build pkg-config git dpkg-dev file
    libyaml-cpp-dev rapidjson-dev libcurl4-openssl-dev libssl-dev libcpp-httplib-dev
)
test=(
    libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libjsoncpp-dev
    clang clang-format clang-format-16 util-linux procps python3 gcovr
)
case ${1:-} in
    --build) packages=("${build[@]}") ;;
    --browser) packages=("${build[@]}" "${test[@]}" chromium) ;;
    "") packages=("${build[@]}" "${test[@]}") ;;
    *) echo "usage: $0 [--build|--browser]" >&2; exit 2 ;;
esac
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
