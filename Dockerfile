# The conformance gate on Debian 12: falco-conformance, falco-replay and the mocks installed
# under /usr/local with the golden cases (packaging/CMakeLists.txt), falco-conformance on PATH.
#   docker build -t falco-conformance .
#   docker run --rm --cap-add SYS_ADMIN -v "$PWD/my-outputs:/impl" falco-conformance \
#       falco-conformance --impl /impl --profile 0.44
# (SYS_ADMIN: the private /dev/log of the syslog cases; without it they are skipped.)
FROM debian:12
WORKDIR /src
COPY . .
RUN bash ci/install-deps.sh --build \
    && cmake -S . -B /tmp/build -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DFALCO_REF_BUILD_TESTS=OFF -DFALCO_REF_BUILD_BENCH=OFF \
    && cmake --build /tmp/build --target falco-conformance falco-replay \
        falco-replay-template-check mock-syslog mock-http capture \
    && cmake --install /tmp/build --prefix /usr/local \
    && rm -rf /tmp/build /var/lib/apt/lists/* \
    && falco-conformance --list --profile 0.44 >/dev/null
