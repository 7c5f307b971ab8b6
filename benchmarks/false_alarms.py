#!/usr/bin/env python3
"""False alarms of every check on clean, human-written English news (NTREX).

    python benchmarks/false_alarms.py NTREX_DIR [--select CODES] [--ignore CODES]
                                      [--source] [--list] [--limit N] [--json]

NTREX_DIR holds NTREX-128's ``newstest2019-src.eng.txt`` (one English sentence a
line) and ``DOCUMENT_IDS.tsv`` (the document id of each line, aligned with the
sentence file).  One document is built per document id, its sentences joined as
paragraphs, one per line, and mtqa checks them all as one corpus (so corpus-level
passes run too).  ``--source`` gives each document its Norwegian side
(``newstest2019-ref.nob.txt``, a human translation: read the pair as a perfect
nb -> en translation) as ``Document.source``, for the checks that use a source.  The text was written by people and edited for publication: every
finding on it, whatever its severity, counts as a false alarm.

Printed: documents, words and run time; then, per code, the findings and the
findings per 10,000 words; ``--list`` adds every finding (document id, code,
text, message).  ``--select``/``--ignore`` take codes, prefixes, names or families
as ``mtqa check`` does (comma-separated or repeated).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402

SENTENCES = "newstest2019-src.eng.txt"
NORWEGIAN = "newstest2019-ref.nob.txt"
DOC_IDS = "DOCUMENT_IDS.tsv"


def load_documents(ntrex_dir: Path, limit: int | None = None, source: bool = False) -> list[mtqa.Document]:
    """One Document per NTREX document id, in the order the ids first appear."""
    sentences = (ntrex_dir / SENTENCES).read_text("utf-8").splitlines()
    ids = [line.split("\t")[0].strip() for line in (ntrex_dir / DOC_IDS).read_text("utf-8").splitlines()]
    norwegian = (ntrex_dir / NORWEGIAN).read_text("utf-8").splitlines() if source else None
    for name, lines in ((DOC_IDS, ids), (NORWEGIAN, norwegian)):
        if lines is not None and len(lines) != len(sentences):
            raise SystemExit(f"{name} has {len(lines)} lines but {SENTENCES} has {len(sentences)}: not aligned")
    grouped: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        grouped.setdefault(doc_id, []).append(i)
    docs = []
    for doc_id, rows in grouped.items():
        fields = {}
        if norwegian is not None:
            fields["source"] = "\n".join(norwegian[i].strip() for i in rows) + "\n"
        text = "\n".join(sentences[i].strip() for i in rows) + "\n"
        docs.append(mtqa.document_from_text(text, doc_id=doc_id, **fields))
    return docs[:limit] if limit else docs


def _codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def run(ntrex_dir: Path, select=None, ignore=None, limit=None, source=False) -> dict:
    docs = load_documents(ntrex_dir, limit, source)
    words = sum(d.word_count for d in docs)
    checker = mtqa.Checker(select=select, ignore=ignore)
    started = time.perf_counter()
    report = checker.check(docs)
    seconds = time.perf_counter() - started
    findings = [(r.document.id, f) for r in report.results for f in r.findings]
    per_code = Counter(f.code for _, f in findings)
    per_family = Counter(f.family for _, f in findings)
    return {
        "documents": len(docs),
        "source": source,
        "words": words,
        "seconds": round(seconds, 2),
        "checks": sorted(c.code for c in checker.checks),
        "per_code": {
            code: {"findings": n, "per_10k_words": round(n * 10_000 / max(words, 1), 2)}
            for code, n in sorted(per_code.items())
        },
        "per_family": {
            fam: {"findings": n, "per_10k_words": round(n * 10_000 / max(words, 1), 2)}
            for fam, n in sorted(per_family.items())
        },
        "findings": [
            {"document": doc_id, **f.to_dict()} for doc_id, f in findings
        ],
        "errors": [e.message for e in report.errors],
    }


def format_text(result: dict, listing: bool) -> str:
    lines = [
        f"documents: {result['documents']}{' (with Norwegian source)' if result['source'] else ''}  "
        f"words: {result['words']}  "
        f"checks: {len(result['checks'])}  time: {result['seconds']} s",
        "",
        "| code | findings | per 10k words |",
        "|---|---|---|",
    ]
    for code, c in result["per_code"].items():
        lines.append(f"| {code} | {c['findings']} | {c['per_10k_words']} |")
    total = sum(c["findings"] for c in result["per_code"].values())
    lines.append(f"| **all** | {total} | {round(total * 10_000 / max(result['words'], 1), 2)} |")
    lines += ["", "| family | findings | per 10k words |", "|---|---|---|"]
    for fam, c in result["per_family"].items():
        lines.append(f"| {fam} | {c['findings']} | {c['per_10k_words']} |")
    if result["errors"]:
        lines += ["", "errors:"] + [f"- {e}" for e in result["errors"]]
    if listing and result["findings"]:
        lines += ["", "findings:"]
        for f in result["findings"]:
            lines.append(
                f"- {f['document']} {f['code']} {f['text'][:60]!r} (line {f['line']}): {f['message']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ntrex_dir", type=Path, help=f"folder with {SENTENCES} and {DOC_IDS}")
    parser.add_argument("--select", action="append", help="codes, prefixes, names or families")
    parser.add_argument("--ignore", action="append", help="codes, prefixes, names or families")
    parser.add_argument("--source", action="store_true", help=f"give each document its Norwegian side ({NORWEGIAN})")
    parser.add_argument("--list", action="store_true", help="list every finding")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    for name in (SENTENCES, DOC_IDS) + ((NORWEGIAN,) if args.source else ()):
        if not (args.ntrex_dir / name).is_file():
            parser.error(f"{args.ntrex_dir / name}: no such file")
    try:
        result = run(args.ntrex_dir, _codes(args.select), _codes(args.ignore), args.limit, args.source)
    except ValueError as exc:  # an unknown selector
        parser.error(str(exc))
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_text(result, args.list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
