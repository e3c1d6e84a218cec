#!/usr/bin/env bash
# The HTML report and matrix, loaded in headless Chromium: the DOM after the page's script ran
# (--dump-dom) has one row per case with the report's counts per verdict; a filter given in the
# URL fragment hides exactly the other rows; the matrix counts the cases where a deliberately
# broken reference disagrees with the reference. Screenshots stay in OUT_DIR (named below).
#   html_in_chromium.sh FALCO_CONFORMANCE REFERENCE CONFORMANCE_DEFECT CHROMIUM OUT_DIR
set -euo pipefail
fc=$1 ref=$2 defect=$3 chromium=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
profile_dir=$(mktemp -d "${TMPDIR:-/tmp}/chromium-profile.XXXXXX")
trap 'rm -rf "$profile_dir"' EXIT

# A small selection with passes and failures: the JSON cases break under the json_key_order
# defect (conformance/selftest/defects.yaml).
selection=(--profile 0.44 --tag json --tag stdout -j 2)
"$fc" --impl "$ref" "${selection[@]}" --json "$out/good.json" >"$out/good.log" 2>&1
"$fc" --impl "$defect json_key_order -- $ref" "${selection[@]}" \
    --json "$out/broken.json" --html "$out/report.html" >"$out/broken.log" 2>&1 || true
"$fc" matrix "$out/good.json" "$out/broken.json" --html "$out/matrix.html" | tee "$out/matrix.log"

browse() {  # browse URL [extra flags]: the DOM after load, on stdout
    local url=$1
    shift
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$profile_dir" "$@" "$url" 2>>"$out/chromium.log"
}
report="file://$out/report.html"
matrix="file://$out/matrix.html"
browse "$report" --dump-dom >"$out/report.dom"
browse "$report#verdict=failed" --dump-dom >"$out/report-failed.dom"
browse "$report#verdict=passed,failed&tag=stdout" --dump-dom >"$out/report-stdout.dom"
browse "$matrix" --dump-dom >"$out/matrix.dom"
browse "$matrix#disagreements" --dump-dom >"$out/matrix-disagreements.dom"
browse "$report#verdict=failed" --screenshot="$out/report.png" --window-size=1280,1600 >/dev/null
browse "$matrix" --screenshot="$out/matrix.png" --window-size=1280,1600 >/dev/null
echo "screenshots: $out/report.png $out/matrix.png"

python3 - "$out" <<'PY'
import json, sys
from html.parser import HTMLParser

out = sys.argv[1]

class Rows(HTMLParser):
    """The rows of a table body: (classes, data-verdict, data-tags, hidden); texts by element id."""
    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.inside, self.in_body = table_id, False, False
        self.rows, self.texts, self.current = [], {}, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.inside = a.get("id") == self.table_id
        if self.inside and tag == "tr" and self.in_body:
            self.rows.append((a.get("class") or "", a.get("data-verdict"), a.get("data-tags"), "hidden" in a))
        if tag == "tbody":
            self.in_body = True
        if "id" in a:
            self.current = a["id"]
            self.texts[self.current] = ""
    def handle_endtag(self, tag):
        self.current = None  # the elements read by id hold text only
        if tag == "tbody":
            self.in_body = False
        if tag == "table":
            self.inside = False
    def handle_data(self, data):
        if self.current:
            self.texts[self.current] += data

def parse(name, table):
    p = Rows(table)
    p.feed(open(f"{out}/{name}").read())
    return p

problems = []
def check(what, got, want):
    print(f"{what}: {got}" + ("" if got == want else f" (expected {want})"))
    if got != want:
        problems.append(what)

broken = json.load(open(f"{out}/broken.json"))
cases = broken["cases"]
page = parse("report.dom", "cases")
check("rows in the report", len(page.rows), len(cases))
for verdict in ("passed", "failed", "not applicable", "expected failure", "skipped", "error"):
    slug = verdict.replace(" ", "_")
    want = sum(c["verdict"] == verdict for c in cases)
    check(f"rows {slug}", sum(r[1] == slug for r in page.rows), want)
check("rows hidden without a filter", sum(r[3] for r in page.rows), 0)
check("the script's count", page.texts.get("shown"), f"{len(cases)} of {len(cases)} cases shown")

failed = sum(c["verdict"] == "failed" for c in cases)
if failed == 0:
    problems.append("the broken reference failed no case: nothing to filter")
p = parse("report-failed.dom", "cases")
shown = [r[1] for r in p.rows if not r[3]]
check("#verdict=failed: rows shown", len(shown), failed)
check("  all of them failed", set(shown), {"failed"})
want = sum(c["verdict"] in ("passed", "failed") and "stdout" in c["tags"] for c in cases)
p = parse("report-stdout.dom", "cases")
shown = [r for r in p.rows if not r[3]]
check("#verdict=passed,failed&tag=stdout: rows shown", len(shown), want)
check("  all of them tagged stdout", all("stdout" in r[2].split() for r in shown), True)

good = {c["id"]: c["verdict"] for c in json.load(open(f"{out}/good.json"))["cases"]}
disagree = sum(good.get(c["id"]) != c["verdict"] for c in cases)
m = parse("matrix.dom", "matrix")
check("matrix rows", len(m.rows), len(cases))
check("matrix disagreement count", m.texts.get("disagreement-count"), str(disagree))
check("matrix rows marked disagreeing", sum("disagrees" in r[0] for r in m.rows), disagree)
firsts = [("disagrees" in r[0]) for r in m.rows]
check("disagreements sorted on top", firsts == sorted(firsts, reverse=True), True)
m = parse("matrix-disagreements.dom", "matrix")
check("#disagreements: rows shown", sum(not r[3] for r in m.rows), disagree)
print("html_in_chromium:", "FAILED: " + ", ".join(problems) if problems else "all checks passed")
sys.exit(1 if problems else 0)
PY
