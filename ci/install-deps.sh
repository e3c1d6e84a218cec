#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12's archive. Idempotent.
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config git
    libyaml-cpp-dev rapidjson-dev libcurl4-openssl-dev libssl-dev
    libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev nlohmann-json3-dev
    clang clang-format util-linux procps python3
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
