#!/usr/bin/env python3
"""Markdown table of a bench_micro JSON file (--benchmark_out, with repetitions and
--benchmark_report_aggregates_only=true): median items/s and MB/s per benchmark, with the
coefficient of variation of the time the benchmark used (real time for I/O, else CPU time),
and the JSON reference/nlohmann ratio per size. Used for bench/RESULTS.md."""
import json
import sys


def main(path):
    data = json.load(open(path))
    rows = {}
    for b in data["benchmarks"]:
        name = b["run_name"]
        agg = b.get("aggregate_name")
        rows.setdefault(name, {})[agg] = b
    print("| benchmark | alert size | median items/s | median MB/s | CV | time used |")
    print("|---|---|---:|---:|---:|---|")
    medians = {}
    for name, aggs in rows.items():
        med = aggs.get("median")
        cv = aggs.get("cv")
        if med is None:
            continue
        real = name.endswith("/real_time")
        base = name[: -len("/real_time")] if real else name
        family, _, args = base.partition("/")
        parts = base.split("/")
        size = next((p for p in parts if p.isdigit()), "")
        label = base[: base.rfind("/" + size)] if size else base
        extra = base[base.rfind("/" + size) + len(size) + 1:] if size else ""
        if extra:
            label += " (batch " + extra.strip("/") + ")"
        items = med.get("items_per_second", 0)
        mbs = med.get("bytes_per_second", 0) / 1e6
        spread = ""
        if cv is not None:
            spread = "%.1f%%" % (100 * (cv["real_time"] if real else cv["cpu_time"]))
        medians[(label, size)] = items
        print("| %s | ~%s B | %s | %s | %s | %s |" % (
            label, size, "{:,.0f}".format(items), "%.1f" % mbs if mbs else "-", spread,
            "real" if real else "CPU"))
    print()
    print("| alert size | reference JSON items/s | nlohmann items/s | ratio (target >= 3) |")
    print("|---|---:|---:|---:|")
    for size in ("100", "1024", "4096"):
        ref = medians.get(("format_json/reference", size))
        peer = medians.get(("format_json/nlohmann", size))
        if ref and peer:
            print("| ~%s B | {:,.0f} | {:,.0f} | %.2f |".format(ref, peer) % (size, ref / peer))


if __name__ == "__main__":
    main(sys.argv[1])
