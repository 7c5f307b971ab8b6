#!/usr/bin/env python3
"""Score mtqa's findings against hand-made gold annotations.

    python benchmarks/accuracy.py GOLD_DIR DOCS_DIR [--report report.json] [--json]

GOLD_DIR holds ``<id>.gold.jsonl`` files in the format of ``shared/gold/``
(one defect a line: ``quote``, ``occurrence``, ``family``, ``must``); DOCS_DIR
holds the articles, ``<id>.txt`` (or .md / .html).  mtqa is run on each article
(or its JSON report is read from ``--report``) and every finding is matched to
the gold items whose span it overlaps in the same family.

Printed, per family: recall of ``must`` items, recall of all items, and the
findings that match no gold item; then every missed ``must`` item.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402
from mtqa.loaders import SUFFIXES  # noqa: E402


def gold_spans(text: str, items: list[dict]) -> list[dict]:
    """Each gold item with its ``start``/``end`` in ``text`` (None if not found)."""
    out = []
    for item in items:
        start = -1
        for _ in range(item.get("occurrence", 0) + 1):
            start = text.find(item["quote"], start + 1)
            if start < 0:
                break
        span = (start, start + len(item["quote"])) if start >= 0 else (None, None)
        out.append({**item, "start": span[0], "end": span[1]})
    return out


def overlaps(a: dict, b: dict) -> bool:
    if a["start"] is None or b["start"] is None:
        return False
    if a["start"] == a["end"] or b["start"] == b["end"]:
        return a["start"] == b["start"]
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(gold: list[dict], findings: list[dict]) -> dict:
    families: dict[str, dict] = defaultdict(
        lambda: {"must": 0, "must_found": 0, "all": 0, "all_found": 0, "findings": 0, "unmatched": 0}
    )
    missed = []
    for item in gold:
        fam = families[item["family"]]
        hit = any(f["family"] == item["family"] and overlaps(f, item) for f in findings)
        fam["all"] += 1
        fam["all_found"] += hit
        if item.get("must"):
            fam["must"] += 1
            fam["must_found"] += hit
            if not hit:
                missed.append(item)
    unmatched = []
    for f in findings:
        fam = families[f["family"]]
        fam["findings"] += 1
        if not any(f["family"] == g["family"] and overlaps(f, g) for g in gold):
            fam["unmatched"] += 1
            unmatched.append(f)
    return {"families": dict(families), "missed_must": missed, "unmatched": unmatched}


def find_article(docs_dir: Path, doc_id: str) -> Path | None:
    for suffix in SUFFIXES:
        candidate = docs_dir / f"{doc_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


def run(gold_dir: Path, docs_dir: Path, report_path: Path | None) -> dict:
    report = json.loads(report_path.read_text("utf-8")) if report_path else None
    checker = None if report else mtqa.Checker()
    totals: dict = {"documents": [], "families": defaultdict(lambda: defaultdict(int))}
    all_missed, all_unmatched = [], []
    for gold_file in sorted(gold_dir.glob("*.gold.jsonl")):
        doc_id = gold_file.name[: -len(".gold.jsonl")]
        article = find_article(docs_dir, doc_id)
        if article is None:
            print(f"warning: no article for {gold_file.name} in {docs_dir}", file=sys.stderr)
            continue
        items = [json.loads(line) for line in gold_file.read_text("utf-8").splitlines() if line.strip()]
        (doc,) = [d for d in mtqa.iter_documents([article]) if isinstance(d, mtqa.Document)]
        if report:
            docs = [d for d in report["documents"] if Path(d["path"] or "").name == article.name]
            findings = docs[0]["findings"] if docs else []
        else:
            findings = checker.check(doc).to_dict()["documents"][0]["findings"]
        result = score(gold_spans(doc.text, items), findings)
        for fam, counts in result["families"].items():
            for key, value in counts.items():
                totals["families"][fam][key] += value
        all_missed += [{**m, "document": doc_id} for m in result["missed_must"]]
        all_unmatched += [{**u, "document": doc_id} for u in result["unmatched"]]
        totals["documents"].append(doc_id)
    totals["families"] = {k: dict(v) for k, v in sorted(totals["families"].items())}
    totals["missed_must"] = all_missed
    totals["unmatched"] = all_unmatched
    return totals


def _ratio(found: int, total: int) -> str:
    return f"{found}/{total} ({found / total:.0%})" if total else "-"


def format_table(totals: dict) -> str:
    lines = [
        f"documents: {len(totals['documents'])}",
        "",
        "| family | must recall | all recall | findings | unmatched findings |",
        "|---|---|---|---|---|",
    ]
    sums = defaultdict(int)
    for fam, c in totals["families"].items():
        lines.append(
            f"| {fam} | {_ratio(c['must_found'], c['must'])} | {_ratio(c['all_found'], c['all'])} "
            f"| {c['findings']} | {c['unmatched']} |"
        )
        for k, v in c.items():
            sums[k] += v
    lines.append(
        f"| **all** | {_ratio(sums['must_found'], sums['must'])} | {_ratio(sums['all_found'], sums['all'])} "
        f"| {sums['findings']} | {sums['unmatched']} |"
    )
    if totals["missed_must"]:
        lines += ["", "missed must items:"]
        lines += [
            f"- {m['document']} {m.get('id', '')} [{m['family']}] {m['quote']!r}: {m.get('why', '')}"
            for m in totals["missed_must"]
        ]
    if totals["unmatched"]:
        lines += ["", "findings that match no gold item:"]
        lines += [
            f"- {u['document']} {u['code']} {u['text'][:60]!r} (line {u['line']})"
            for u in totals["unmatched"]
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("--report", type=Path, help="score this JSON report instead of running mtqa")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    for d in (args.gold_dir, args.docs_dir):
        if not d.is_dir():
            parser.error(f"{d}: not a directory")
    totals = run(args.gold_dir, args.docs_dir, args.report)
    print(json.dumps(totals, indent=2, ensure_ascii=False) if args.json else format_table(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
