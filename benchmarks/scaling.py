#!/usr/bin/env python3
"""Time and peak memory against article length, every rule check (``--no-fluency``).

    python benchmarks/scaling.py NTREX_DIR [--sizes 10KB,100KB,1MB,10MB] [--limit 600] [--json]

Articles of each size are built from NTREX-128's English news (paragraphs of
its documents in order, repeated as needed), with real defects inserted every
~2 KB (a name spelled two ways, a doubled word, a scraped related-article link,
mojibake, a Norwegian word left in), so every check has something to do.  Each
size runs in a fresh process: the checker is loaded and warmed on a small
article first, then the article is checked once (the size limit is lifted for
it).  Printed per size: seconds, peak resident memory and its growth over the
warmed process, findings, and the slowest checks; then the exponent of
time ~ size fitted over the sizes (1.0 is linear).  A size that takes longer
than ``--limit`` seconds is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: Inserted in turn every ``DEFECT_EVERY`` characters: real defects of MT output.
DEFECTS = (
    "Prime Minister Jonas Gahr Støre met the press. Later, Jonas Gahr Store said the budget was fair.",
    "The the committee agreed on the plan on Tuesday.",
    "Read also: Attack on a synagogue in Berlin - VG",
    "The mayor of TromsÃ¸ said the ferry was cancelled.",
    "The minister visited the sykehuset in Bodø on Monday.",
)
DEFECT_EVERY = 2000


def parse_size(text: str) -> int:
    from mtqa.loaders import parse_size as parse

    return parse(text)


def build_article(ntrex: Path, size: int) -> str:
    """An article of about ``size`` characters from NTREX paragraphs, defects inserted."""
    from ntrex import documents

    paragraphs = [en for pairs in documents(ntrex).values() for en, _ in pairs]
    out = ["Budget day in Norway"]
    length = len(out[0])
    next_defect = DEFECT_EVERY
    i = 0
    while length < size:
        if length >= next_defect:
            text = DEFECTS[(next_defect // DEFECT_EVERY - 1) % len(DEFECTS)]
            next_defect += DEFECT_EVERY
        else:
            text = paragraphs[i % len(paragraphs)]
            i += 1
        out.append(text)
        length += len(text) + 2
    return "\n\n".join(out) + "\n"


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(ntrex: Path, size: int) -> dict:
    """Check one article of ``size`` in this process (the child's side)."""
    import mtqa
    from mtqa.api import Checker

    checker = Checker(fluency=False)
    warm = mtqa.document_from_text(build_article(ntrex, DEFECT_EVERY * (len(DEFECTS) + 1)))
    checker.check(warm)  # every defect once: the lexicons, word lists and data of the checks loaded
    base = _rss_mb()
    text = build_article(ntrex, size)
    started = time.perf_counter()
    doc = mtqa.document_from_text(text)
    timings = {"segment": time.perf_counter() - started}
    findings = 0
    for check in checker.rule_checks:
        t0 = time.perf_counter()
        findings += len(list(check.run(doc, checker.context)))
        timings[check.code] = time.perf_counter() - t0
    seconds = time.perf_counter() - started
    slowest = sorted(timings.items(), key=lambda kv: -kv[1])[:5]
    return {
        "size": len(text.encode("utf-8")),
        "seconds": round(seconds, 2),
        "peak_mb": round(_rss_mb(), 1),
        "growth_mb": round(_rss_mb() - base, 1),
        "findings": findings,
        "slowest": {code: round(t, 2) for code, t in slowest},
    }


def fit_exponent(rows: list[dict]) -> float | None:
    """Least-squares slope of log(seconds) on log(size)."""
    points = [(math.log(r["size"]), math.log(max(r["seconds"], 1e-3))) for r in rows if "seconds" in r]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ntrex", type=Path, help="NTREX-128 folder (shared/data/ntrex)")
    parser.add_argument("--sizes", default="10KB,100KB,1MB,10MB", help="article sizes, comma-separated")
    parser.add_argument("--limit", type=float, default=600, help="seconds one size may take (default 600)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process's size
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.ntrex, args.one)))
        return
    rows = []
    for size in (parse_size(s) for s in args.sizes.split(",")):
        try:
            child = subprocess.run(
                [sys.executable, __file__, str(args.ntrex), "--one", str(size)],
                capture_output=True, text=True, timeout=args.limit, check=True,
            )
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        except subprocess.TimeoutExpired:
            rows.append({"size": size, "stopped": f"over {args.limit:g} s"})
        except subprocess.CalledProcessError as exc:
            rows.append({"size": size, "failed": exc.stderr.strip().splitlines()[-1:]})
        if not args.json:
            print(json.dumps(rows[-1]), flush=True)
    exponent = fit_exponent(rows)
    if args.json:
        print(json.dumps({"sizes": rows, "exponent": exponent}, indent=2))
        return
    print()
    print("| size | seconds | peak MB | growth MB | findings | slowest checks (s) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        if "seconds" not in r:
            print(f"| {r['size']:,} | {r.get('stopped') or r.get('failed')} | | | | |")
            continue
        slow = ", ".join(f"{c} {t}" for c, t in r["slowest"].items())
        print(f"| {r['size']:,} | {r['seconds']} | {r['peak_mb']} | {r['growth_mb']} | {r['findings']} | {slow} |")
    print(f"\nfitted exponent (time ~ size^k): k = {exponent:.2f}" if exponent is not None else "")


if __name__ == "__main__":
    main()
