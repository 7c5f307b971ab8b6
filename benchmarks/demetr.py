#!/usr/bin/env python3
"""Minimal pairs of real MT English from DEMETR: does a check fire on the
perturbed sentence and stay silent on the original?

    python benchmarks/demetr.py FILE.json [FILE.json ...] [--select CODES] [--list N]

Each FILE is one of DEMETR's perturbation files (``critical_id9_ne_replaced.json``,
``critical_id11_gender.json``, ...): a list of records with ``mt_sent`` (machine
translation into English), ``pert_sent`` (the same with one deliberate error) and
``pert_check`` (true where the perturbation applied).  Every sentence is checked
alone, as a one-sentence document.

Printed per file: the pairs, the share of perturbed sentences with a finding that
the original does not have (detected), and the share of originals with a finding
(false alarms on real MT output, which may be true errors of the MT); ``--list N``
shows N detected pairs.  Single sentences give the names and pronoun checks little
evidence (they compare mentions within an article), so low detection is expected
there: the figure is a sanity check that they stay quiet, not a recall measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402


def _codes(values):
    if not values:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def run(path: Path, checker: mtqa.Checker, listing: int) -> dict:
    records = [r for r in json.loads(path.read_text("utf-8")) if r.get("pert_check")]
    detected, alarms, shown = 0, 0, []

    def keys(text: str) -> set[tuple[str, str]]:
        report = checker.check(mtqa.document_from_text(text))
        return {(f.code, f.text) for f in report.findings}

    for r in records:
        before, after = keys(r["mt_sent"]), keys(r["pert_sent"])
        alarms += bool(before)
        new = after - before
        if new:
            detected += 1
            if len(shown) < listing:
                shown.append((r["pert_sent"], sorted(new)))
    n = len(records)
    return {
        "file": path.name,
        "pairs": n,
        "detected": detected,
        "detected_rate": round(detected / n, 3) if n else 0.0,
        "originals_flagged": alarms,
        "originals_flagged_rate": round(alarms / n, 3) if n else 0.0,
        "shown": shown,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--select", action="append", help="codes, prefixes, names or families")
    parser.add_argument("--list", type=int, default=0, metavar="N", help="show N detected pairs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    checker = mtqa.Checker(select=_codes(args.select))
    results = [run(f, checker, args.list) for f in args.files]
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    print("| file | pairs | perturbed detected | originals flagged |")
    print("|---|---|---|---|")
    for r in results:
        print(
            f"| {r['file']} | {r['pairs']} | {r['detected']} ({r['detected_rate']:.1%}) "
            f"| {r['originals_flagged']} ({r['originals_flagged_rate']:.1%}) |"
        )
    for r in results:
        for sentence, found in r["shown"]:
            print(f"- {r['file']}: {sentence[:150]!r} -> {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
