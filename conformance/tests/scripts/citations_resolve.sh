#!/usr/bin/env bash
# Every citation of the tree resolves inside the repository (docs/spec/README.md, "Citations"):
#  1. no tracked file names material users do not have (working notes outside the repository,
#     their abbreviations) or speaks of how the work was organised, instead of the software;
#  2. every `docs/spec/<file>.md[#<anchor>]` and `conformance/PROTOCOL.md#<slug>` written
#     anywhere (code comments, docs, tests, golden cases; inside docs/spec also the relative
#     `<file>.md#<anchor>`) names a file and a rule or heading that exist. The references are
#     handed to the harness's own citation checker: each becomes one provenance line of a
#     generated case that `falco-conformance --check` validates against docs/spec.
# Prints file:line for each finding; exit 1 when there is one, 77 (skipped) outside a git tree.
# The citation checker and its test list forbidden names and unknown anchors on purpose: both are
# left out.
# The patterns are written so that this script does not match them itself.
#   citations_resolve.sh SOURCE_DIR FALCO_CONFORMANCE
set -euo pipefail
src=$1 fc=$2
cd "$src"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "SKIP: $src is not a git work tree, so there is no list of tracked files"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/citations-resolve.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Names of material outside the repository and words about the work's organisation.
outside='[.][.]/shared|profile-0[.]44[.]md|legacy-profile[.]md|falco-outputs-fact[s]|'
outside+='real-falco-repla[y]|ecosystem-and-performance[.]md|falco-versions[.]md|'
outside+='style-anchors[.]md|conformance-suites[.]md|facts[ ]§|\b[Ff]acts[ ][0-9]|'
outside+='seed[ ]page|\bseed[ ](README|JSON|example|item)|\bseed/README|\bseed[:]|'
outside+='replay[ ]doc|\bP44\b|\bLEG[ ][0-9]|\blegacy[ ][0-9]([.][a-h]\b|[ ]#[0-9])|'
outside+='(^|[^A-Za-z0-9_@/.-])[EFLS][0-9]*[/][a-z_/]+[.](cpp|h|lua)\b'
organisation='session[ ][0-9]|closing[ ]note|\bthe[ ]lead([^ a-z]|$|[ ]([^b]|b[^y]))|\bthe[ ]brief\b'
exempt=(':!conformance/src/cases/citation_check.cpp' ':!conformance/tests/spec_trace_test.cpp')
if git grep -n -I -E "$outside" -- . "${exempt[@]}" >"$tmp/outside"; then
    echo "FAIL: material outside the repository is named (cite docs/spec/<file>.md#<anchor>, or"
    echo "      Falco's source at a tag; the \"Falco Alerts\" page is doc:\"Falco Alerts\"@0.15):"
    sed 's/^/  /' "$tmp/outside"
    status=1
fi
if git grep -n -I -i -E "$organisation" -- . "${exempt[@]}" >"$tmp/organisation"; then
    echo "FAIL: the text speaks of how the work was organised, not of the software and Falco:"
    sed 's/^/  /' "$tmp/organisation"
    status=1
fi

# 2. References into docs/spec and the alert contract, as file:line:reference.
anchor='#[A-Za-z0-9_-]+([.][A-Za-z0-9_-]+)*'
git grep -n -o -I -E "docs/spec/[A-Za-z0-9_.-]+[.]md($anchor)?|conformance/PROTOCOL[.]md$anchor" \
    -- . "${exempt[@]}" >"$tmp/refs" || true
git grep -n -o -I -E "(^|[^A-Za-z0-9_./-])[A-Za-z0-9_.-]+[.]md$anchor" -- docs/spec |
    sed -E 's#^([^:]+:[0-9]+:)[^A-Za-z0-9_.-]?#\1docs/spec/#' >>"$tmp/refs" || true
if [[ ! -s $tmp/refs ]]; then
    echo "FAIL: no reference to docs/spec found at all; the search itself is broken"
    exit 1
fi
# One provenance line per distinct reference; the harness reports each that does not resolve.
cut -d: -f3- "$tmp/refs" | sort -u >"$tmp/unique"
mkdir -p "$tmp/golden/0.44/tree/citations"
{
    echo 'description: "Every reference into docs/spec and conformance/PROTOCOL.md in the tree."'
    echo 'provenance:'
    sed 's/.*/  - "&"/' "$tmp/unique"
    echo 'rules:'
    echo '  - text.line.shape'
} >"$tmp/golden/0.44/tree/citations/case.yaml"
check=0
"$fc" --check --golden "$tmp/golden" --spec "$src/docs/spec" >"$tmp/check" 2>&1 || check=$?
if ((check == 0)) && grep -q '^1 cases valid, 0 with errors; rules and citations checked' "$tmp/check"; then
    echo "ok: $(wc -l <"$tmp/refs") references ($(wc -l <"$tmp/unique") distinct) resolve"
else
    # "<case.yaml>:<line>: provenance[<i>]: <problem>" -> every file:line that wrote reference i.
    if ! grep -q 'provenance\[[0-9]*\]: ' "$tmp/check"; then
        echo "FAIL: falco-conformance --check did not validate the references (exit $check):"
        sed 's/^/  /' "$tmp/check"
        exit 1
    fi
    echo "FAIL: references that name no file, rule or heading:"
    awk 'NR == FNR { unique[FNR - 1] = $0; next }
        FILENAME == ARGV[2] {
            if (match($0, /provenance\[[0-9]+\]: /)) {
                i = substr($0, RSTART + 11, RLENGTH - 14) + 0
                bad[unique[i]] = substr($0, RSTART + RLENGTH)
            }
            next
        }
        {
            ref = $0; sub(/^[^:]*:[0-9]+:/, "", ref)
            if (ref in bad) {
                where = $0; sub(/:[^:]*$/, "", where)
                print "  " where ": " bad[ref]
            }
        }' "$tmp/unique" "$tmp/check" "$tmp/refs"
    status=1
fi
exit $status
