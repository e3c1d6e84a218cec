#!/usr/bin/env bash
# The .deb, unpacked into a scratch root, runs from there: falco-conformance finds the golden
# cases and the mocks of its own install, not the build tree's. Proof: the build tree's golden
# directory and mocks (the compiled-in fallbacks) are hidden under empty tmpfs mounts in a
# private mount namespace while the installed harness lists every case and runs the cases that
# need each mock against the reference. Without mount namespaces (not root) the test is skipped.
#   deb_install_test.sh BUILD_DIR SOURCE_DIR REFERENCE_BINARY
set -euo pipefail
build=$1 src=$2 ref=$3
if ! unshare -m true 2>/dev/null; then
    echo "no mount namespaces here (run as root): cannot hide the build tree; skipped"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deb-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 || {
    cat "$tmp/cpack.log"
    exit 1
}
deb=$(ls "$tmp"/pkg/falco-conformance_*.deb)
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libyaml-cpp0.7 libssl3 libstdc++6 libc6; do
    [[ $depends == *"$lib"* ]] || { echo "FAIL: Depends lacks $lib"; exit 1; }
done

root=$tmp/root
dpkg -x "$deb" "$root"
for f in usr/bin/falco-conformance usr/bin/falco-replay usr/bin/falco-replay-template-check \
    usr/libexec/falco-conformance/mock-syslog usr/libexec/falco-conformance/mock-http \
    usr/libexec/falco-conformance/capture usr/share/falco-conformance/conformance/PROTOCOL.md \
    usr/share/falco-conformance/golden/README.md usr/share/falco-conformance/falco-0.44.capabilities \
    usr/share/falco-conformance/falco-0.41-0.43.capabilities usr/share/falco-conformance/falco-0.39-0.40.capabilities \
    usr/share/falco-conformance/falco-0.38.capabilities usr/share/falco-conformance/falco-0.37.capabilities \
    usr/share/falco-conformance/falco-0.36.capabilities usr/share/falco-conformance/falco-0.35.capabilities \
    usr/share/falco-conformance/falco-0.34.capabilities usr/share/falco-conformance/falco-0.33.capabilities; do
    [[ -e $root/$f ]] || { echo "FAIL: the package lacks /$f"; exit 1; }
done
[[ -f $root/usr/share/falco-conformance/docs/spec/README.md ]] || { echo "FAIL: docs/spec not installed"; exit 1; }

# What the build tree lists, to compare with the installed copy's list.
for profile in 0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy; do
    "$build/conformance/falco-conformance" --list --profile "$profile" | cut -d' ' -f1 >"$tmp/built-$profile"
done

# Inside: the build tree's golden cases and mocks are empty directories.
cat >"$tmp/inside.sh" <<INSIDE
set -euo pipefail
mount -t tmpfs none "$src/golden"
mount -t tmpfs none "$build/mocks"
mount -t tmpfs none "$src/docs/spec"
fc=$root/usr/bin/falco-conformance
\$fc --version | tee "$tmp/version"
# The installed specification: every case's rules and citations resolve against it.
\$fc --check --profile 0.44 >"$tmp/installed-check.log" 2>&1 || { cat "$tmp/installed-check.log"; exit 1; }
for profile in 0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy; do
    \$fc --list --profile "\$profile" | cut -d' ' -f1 >"$tmp/installed-\$profile"
done
\$fc --impl "$ref" --profile 0.44 --tag syslog --tag program --tag http -j 2 \
    --json "$tmp/installed-run.json" >"$tmp/installed-run.log" 2>&1 || true
INSIDE
unshare -m bash "$tmp/inside.sh"

grep -q "^golden: $root/usr/share/falco-conformance/golden$" "$tmp/version" ||
    { echo "FAIL: the installed harness does not use its installed golden cases"; exit 1; }
grep -q "^mocks: $root/usr/libexec/falco-conformance/mock-syslog " "$tmp/version" ||
    { echo "FAIL: the installed harness does not use its installed mocks"; exit 1; }
for profile in 0.44 0.41-0.43 0.39-0.40 0.38 0.37 0.36 0.35 0.34 0.33 legacy; do
    n=$(wc -l <"$tmp/installed-$profile")
    if ! cmp -s "$tmp/built-$profile" "$tmp/installed-$profile" || ((n == 0)); then
        echo "FAIL: profile $profile: the installed harness lists $n cases, the build tree $(wc -l <"$tmp/built-$profile")"
        diff "$tmp/built-$profile" "$tmp/installed-$profile" | head -20
        exit 1
    fi
    echo "profile $profile: $n cases listed from the install"
done
tail -n 3 "$tmp/installed-run.log"
if [[ $(tail -n 1 "$tmp/installed-run.log") != *" 0 failed, 0 skipped" ]] ||
    grep -q '"errors": [1-9]' "$tmp/installed-run.json"; then
    echo "FAIL: the syslog, program and http cases did not all pass from the install:"
    grep -E '^(FAIL|ERROR|SKIP)' -A8 "$tmp/installed-run.log" | head -60
    exit 1
fi
echo "packaging: the .deb runs from its install root with the build tree's golden cases and mocks hidden"
