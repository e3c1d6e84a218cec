#!/usr/bin/env bash
# One style, checked: every tracked C++ file must be exactly what clang-format-16 makes of it
# with the root .clang-format (Google base, 4 spaces, 100 columns, braces around every body via
# InsertBraces). Fix with: git ls-files '*.cpp' '*.hpp' '*.h' | xargs clang-format-16 -i
set -euo pipefail
cd "$(dirname "$0")/.."
formatter=${CLANG_FORMAT:-clang-format-16}
command -v "$formatter" >/dev/null || { echo "format_check: $formatter not found (ci/install-deps.sh installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
bad=()
for f in "${files[@]}"; do
    if ! "$formatter" --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad+=("$f")
    fi
done
if ((${#bad[@]})); then
    printf 'format_check: %d of %d files differ from %s:\n' "${#bad[@]}" "${#files[@]}" "$formatter" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "format_check: ${#files[@]} files formatted"
