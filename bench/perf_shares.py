#!/usr/bin/env python3
"""Shares of a `perf record --call-graph dwarf` profile of falco-outputs-ref, per thread and
per function of the binary: each sample goes to the innermost frame that lies in the binary
(so a malloc, a system call or a libc memcpy counts for the function that called it). Used
for bench/RESULTS.md, "Where the time goes".

    bench/perf_shares.py BINARY PERF_DATA [ROWS]

BINARY must be the file that was profiled (its symbol table, `nm -C`, names the frames; perf
itself prints raw addresses for this project's Release binaries). Prints the samples per
thread, then the top ROWS (default 40) thread/function rows, and the share of samples whose
four innermost frames are in malloc/free."""
import bisect
import collections
import os
import re
import subprocess
import sys

FRAME = re.compile(r"([0-9a-f]+) (.*) \((.*)\)$")
ALLOC = re.compile(r"\b(malloc|_int_malloc|_int_free|cfree|__libc_malloc|__libc_free|"
                   r"__GI___libc_malloc|__GI___libc_free|malloc_consolidate|unlink_chunk)\b")


def symbols(binary):
    out = subprocess.run(["nm", "-C", "--defined-only", binary], capture_output=True,
                         text=True, check=True).stdout
    table = []
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1] in "tTwW":
            table.append((int(parts[0], 16), parts[2]))
    table.sort()
    return [a for a, _ in table], [n for _, n in table]


def short(name):
    # Drop argument lists and template arguments, keep "(anonymous namespace)".
    name = re.sub(r"\((?!anonymous namespace\)).*", "", name)
    return re.sub(r"<[^<>]*(<[^<>]*>[^<>]*)*>", "<>", name)[:100]


def main(binary, data, rows=40):
    addrs, names = symbols(binary)
    base = os.path.basename(binary)
    script = subprocess.run(["perf", "script", "-i", data, "-F", "tid,ip,sym,dso"],
                            capture_output=True, text=True, check=True).stdout
    per_thread = collections.Counter()
    per_function = collections.Counter()
    in_alloc = 0
    for sample in script.split("\n\n"):
        lines = sample.strip().split("\n")
        if len(lines) < 2 or not lines[0].split():
            continue
        tid = lines[0].split()[0]
        frames = [m.groups() for m in (FRAME.match(l.strip()) for l in lines[1:]) if m]
        per_thread[tid] += 1
        if ALLOC.search(" ".join(f[1] for f in frames[:4])):
            in_alloc += 1
        own = next((int(ip, 16) for ip, _, dso in frames if dso.endswith("/" + base)), None)
        if own is None:
            where = "(no frame in the binary) " + (frames[0][1] if frames else "?")
        else:
            where = short(names[max(0, bisect.bisect_right(addrs, own) - 1)])
        per_function[(tid, where)] += 1
    total = sum(per_thread.values())
    print(f"samples {total}; per thread: " +
          ", ".join(f"{t} {100 * n / total:.1f}%" for t, n in per_thread.most_common()))
    for (tid, where), n in per_function.most_common(rows):
        print(f"{100 * n / total:5.1f}%  {tid}  {where}")
    print(f"malloc/free in the 4 innermost frames: {100 * in_alloc / total:.1f}%")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 40)
