#!/usr/bin/env python3
"""Summarizes a somepost_bench JSON result (--benchmark_out=FILE --benchmark_out_format=json).

    python3 bench/summarize.py RESULTS.json [--check-targets]

Prints Markdown tables of throughput in MB/s (MB = 10^6 bytes of UTF-8 input) per corpus and
implementation, the ratios somepost / ICU and somepost / utf8proc, and whether the grapheme
targets are met: count_graphemes >= 3x ICU and >= 2x utf8proc on every corpus, >= 2 GB/s on
ASCII. With repetitions the median is used. --check-targets: exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

CORPORA = ["ascii", "finnish", "finnish_nfd", "mixed"]

GROUPS = {
    "graphemes": [
        ("somepost_count", "somepost `count_graphemes`"),
        ("somepost_iterator", "somepost `GraphemeIterator` loop"),
        ("icu_utext_utf8", "ICU 72 BreakIterator, UText over UTF-8"),
        ("icu_utf16", "ICU 72 BreakIterator, UTF-16 (pre-converted, untimed)"),
        ("utf8proc", "utf8proc 2.8 `grapheme_break_stateful`"),
        ("baseline_code_points", "baseline: count code points"),
    ],
    "nfc": [
        ("somepost_to_nfc", "somepost `to_nfc`"),
        ("icu_normalizeUTF8", "ICU 72 `Normalizer2::normalizeUTF8`"),
        ("icu_utf16", "ICU 72 `Normalizer2::normalize`, UTF-16 (pre-converted)"),
        ("utf8proc_NFC", "utf8proc 2.8 `utf8proc_NFC`"),
    ],
    "nfc_check": [
        ("somepost_is_nfc_quick", "somepost `is_nfc_quick`"),
        ("icu_isNormalizedUTF8", "ICU 72 `isNormalizedUTF8`"),
    ],
    "validate": [
        ("somepost_validate_utf8", "somepost `validate_utf8`"),
        ("baseline_naive_loop", "baseline: naive byte-at-a-time loop"),
        ("utf8proc_iterate", "utf8proc 2.8 `utf8proc_iterate` loop"),
        ("baseline_or_scan", "baseline: OR of all bytes (memory floor)"),
    ],
}

TITLES = {
    "graphemes": "Grapheme clusters (count them all)",
    "nfc": "NFC normalization (finnish = already NFC, finnish_nfd = decomposed)",
    "nfc_check": "NFC check (on NFC text: the whole input is scanned)",
    "validate": "UTF-8 validation",
}


def load(path: str):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    samples: dict[str, list[float]] = {}
    medians: dict[str, float] = {}
    for b in doc.get("benchmarks", []):
        if "bytes_per_second" not in b or b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = b["bytes_per_second"]
        else:
            samples.setdefault(name, []).append(b["bytes_per_second"])
    rates = {n: statistics.median(v) for n, v in samples.items()}
    rates.update(medians)  # prefer the aggregate median when present
    return doc.get("context", {}), rates


def mbs(v: float | None) -> str:
    return "—" if v is None else f"{v / 1e6:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--check-targets", action="store_true")
    args = ap.parse_args()
    ctx, rates = load(args.results)

    def r(group: str, impl: str, corpus: str) -> float | None:
        return rates.get(f"{group}/{impl}/{corpus}")

    print(f"Run: {ctx.get('date', '?')} on {ctx.get('host_name', '?')}, {ctx.get('num_cpus', '?')} CPUs "
          f"@ {ctx.get('mhz_per_cpu', '?')} MHz, Google Benchmark library build {ctx.get('library_build_type', '?')} (harness only); "
          f"somepost Unicode {ctx.get('somepost_unicode', '?')}, ICU {ctx.get('icu', '?')}, "
          f"utf8proc {ctx.get('utf8proc', '?')}")
    sizes = [f"{c} {int(ctx[f'corpus_{c}_bytes']):,} B" for c in CORPORA if f"corpus_{c}_bytes" in ctx]
    if sizes:
        print("Corpora: " + ", ".join(sizes))
    print("Throughput in MB/s (10^6 bytes of UTF-8 input per second; median of repetitions).")

    for group, impls in GROUPS.items():
        corpora = [c for c in CORPORA if any(r(group, i, c) is not None for i, _ in impls)]
        if not corpora:
            continue
        print(f"\n### {TITLES[group]}\n")
        print("| implementation | " + " | ".join(corpora) + " |")
        print("|---|" + "---:|" * len(corpora))
        for impl, label in impls:
            if all(r(group, impl, c) is None for c in corpora):
                continue
            print(f"| {label} | " + " | ".join(mbs(r(group, impl, c)) for c in corpora) + " |")

    # Ratios and targets for grapheme counting.
    missed: list[str] = []
    corpora = [c for c in CORPORA if r("graphemes", "somepost_count", c) is not None]
    if corpora:
        print("\n### Grapheme counting: ratios and targets\n")
        print("| corpus | count / ICU (UTF-8) | count / utf8proc | iterator / ICU (UTF-8) | iterator / utf8proc "
              "| count / ICU (UTF-16) | targets |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for c in corpora:
            cnt, it = r("graphemes", "somepost_count", c), r("graphemes", "somepost_iterator", c)
            icu, icu16, u8p = (r("graphemes", "icu_utext_utf8", c), r("graphemes", "icu_utf16", c),
                               r("graphemes", "utf8proc", c))
            verdict = []
            if icu is not None:
                ok = cnt >= 3 * icu
                verdict.append(f"≥3× ICU {'met' if ok else 'MISSED'}")
                if not ok:
                    missed.append(f"{c}: count_graphemes {cnt / 1e6:,.0f} MB/s = {cnt / icu:.2f}× ICU "
                                  f"({icu / 1e6:,.0f} MB/s), target 3×")
            if u8p is not None:
                ok = cnt >= 2 * u8p
                verdict.append(f"≥2× utf8proc {'met' if ok else 'MISSED'}")
                if not ok:
                    missed.append(f"{c}: count_graphemes {cnt / 1e6:,.0f} MB/s = {cnt / u8p:.2f}× utf8proc "
                                  f"({u8p / 1e6:,.0f} MB/s), target 2×")
            if c == "ascii":
                ok = cnt >= 2e9
                verdict.append(f"≥2 GB/s {'met' if ok else 'MISSED'}")
                if not ok:
                    missed.append(f"ascii: count_graphemes {cnt / 1e9:.2f} GB/s, target 2 GB/s")
            print(f"| {c} | {ratio(cnt, icu)} | {ratio(cnt, u8p)} | {ratio(it, icu)} | {ratio(it, u8p)} "
                  f"| {ratio(cnt, icu16)} | {', '.join(verdict)} |")

    ncorp = [c for c in CORPORA if r("nfc", "somepost_to_nfc", c) is not None]
    if ncorp:
        print("\n### NFC: ratios\n")
        print("| corpus | to_nfc / ICU normalizeUTF8 | to_nfc / ICU UTF-16 | to_nfc / utf8proc_NFC |")
        print("|---|---:|---:|---:|")
        for c in ncorp:
            s = r("nfc", "somepost_to_nfc", c)
            print(f"| {c} | {ratio(s, r('nfc', 'icu_normalizeUTF8', c))} | {ratio(s, r('nfc', 'icu_utf16', c))} "
                  f"| {ratio(s, r('nfc', 'utf8proc_NFC', c))} |")

    print()
    if missed:
        print("Grapheme targets MISSED:")
        for m in missed:
            print("  - " + m)
    elif corpora:
        print("All grapheme targets met.")
    return 1 if (missed and args.check_targets) else 0


if __name__ == "__main__":
    sys.exit(main())
