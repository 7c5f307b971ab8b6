#!/usr/bin/env python3
"""False alarms of every check on clean, human-written English news.

    python benchmarks/false_alarms.py [CLEAN_DIR ...] [--select CODES] [--ignore CODES]
                                      [--source] [--list] [--limit N] [--json]

CLEAN_DIR is NTREX-128 (below) or a folder of clean articles (``*.txt``, such as
``shared/data/clean-norway``, native English news about Norway); with none, both
of ``../shared/data/ntrex`` and ``../shared/data/clean-norway`` are run.

A finding is not a false alarm when it points at a real slip of the human text:
for NTREX those are listed, each with its reason, in ``benchmarks/ntrex_real_errors.jsonl``
(``document``, ``quote``, ``reason``); for a folder of articles, in its
``KNOWN_ERRORS.tsv`` (``file``, ``quote``, ``verdict``: ``error`` is a real slip,
``arguable`` counts neither way, ``not_error`` is a tempting spot that is right).

NTREX_DIR holds NTREX-128's ``newstest2019-src.eng.txt`` (one English sentence a
line) and ``DOCUMENT_IDS.tsv`` (the document id of each line, aligned with the
sentence file).  One document is built per document id, its sentences joined as
paragraphs, one per line, and mtqa checks them all as one corpus (so corpus-level
passes run too).  ``--source`` gives each document its Norwegian side
(``newstest2019-ref.nob.txt``, a human translation: read the pair as a perfect
nb -> en translation) as ``Document.source``, for the checks that use a source.  The text was written by people and edited for publication: every
finding on it, whatever its severity, counts as a false alarm.

The reference model runs only for ``--source`` (``AC004`` reads the pair) or when a
fluency check is selected (``--select FL``): fluency has its own calibration on the
same data (``fluency_calibration.py``).

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

SHARED_DATA = ROOT.parent / "shared" / "data"
REAL_ERRORS = Path(__file__).resolve().parent / "ntrex_real_errors.jsonl"
KNOWN_ERRORS = "KNOWN_ERRORS.tsv"
SENTENCES = "newstest2019-src.eng.txt"
NORWEGIAN = "newstest2019-ref.nob.txt"
DOC_IDS = "DOCUMENT_IDS.tsv"


def load_documents(
    ntrex_dir: Path, limit: int | None = None, source: bool = False, half: str | None = None
) -> list[mtqa.Document]:
    """One Document per NTREX document id, in the order the ids first appear (``half``:
    only those at even or odd positions of the sorted ids, as fluency_calibration.py --half)."""
    sentences = (ntrex_dir / SENTENCES).read_text("utf-8").splitlines()
    ids = [line.split("\t")[0].strip() for line in (ntrex_dir / DOC_IDS).read_text("utf-8").splitlines()]
    norwegian = (ntrex_dir / NORWEGIAN).read_text("utf-8").splitlines() if source else None
    for name, lines in ((DOC_IDS, ids), (NORWEGIAN, norwegian)):
        if lines is not None and len(lines) != len(sentences):
            raise SystemExit(f"{name} has {len(lines)} lines but {SENTENCES} has {len(sentences)}: not aligned")
    grouped: dict[str, list[int]] = {}
    for i, doc_id in enumerate(ids):
        grouped.setdefault(doc_id, []).append(i)
    if half:
        keep = set(sorted(grouped)[half == "odd" :: 2])
        grouped = {k: v for k, v in grouped.items() if k in keep}
    docs = []
    for doc_id, rows in grouped.items():
        fields = {}
        if norwegian is not None:
            fields["source"] = "\n".join(norwegian[i].strip() for i in rows) + "\n"
        text = "\n".join(sentences[i].strip() for i in rows) + "\n"
        docs.append(mtqa.document_from_text(text, doc_id=doc_id, **fields))
    return docs[:limit] if limit else docs


def load_articles(folder: Path, limit: int | None = None) -> list[mtqa.Document]:
    """One Document per ``*.txt`` article of a folder, sorted by name."""
    paths = sorted(folder.glob("*.txt"))[:limit] if limit else sorted(folder.glob("*.txt"))
    return [d for d in mtqa.iter_documents(paths) if isinstance(d, mtqa.Document)]


def known_errors(folder: Path) -> list[dict]:
    """The real slips (and arguable spots) of the clean text: ``document``, ``quote``, ``verdict``."""
    if (folder / SENTENCES).is_file():
        if not REAL_ERRORS.is_file():
            return []
        rows = [json.loads(line) for line in REAL_ERRORS.read_text("utf-8").splitlines() if line.strip()]
        return [{"verdict": "error", **row} for row in rows]
    table = folder / KNOWN_ERRORS
    if not table.is_file():
        return []
    lines = table.read_text("utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]
    return [{"document": Path(r["file"]).stem, "quote": r["quote"], "verdict": r["verdict"]} for r in rows]


def _excused(doc: mtqa.Document, finding: mtqa.Finding, errors: list[dict]) -> str | None:
    """The verdict of the listed slip the finding points at (error / arguable), if any."""
    for row in errors:
        if row["document"] not in (doc.id, Path(doc.id).stem) or row["verdict"] == "not_error":
            continue
        start = doc.text.find(row["quote"])
        while start >= 0:
            if start < finding.end and finding.start < start + len(row["quote"]):
                return row["verdict"]
            start = doc.text.find(row["quote"], start + 1)
    return None


def _codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _needs_model(select) -> bool:
    """Whether a check that ``select`` names is judged by the reference model (FL, ID010, ID011)."""
    from mtqa.checks import select_checks

    return bool(select) and any("model" in c.requires for c in select_checks(select))


def run(folder: Path, select=None, ignore=None, limit=None, source=False, half=None, model=False) -> dict:
    ntrex = (folder / SENTENCES).is_file()
    docs = load_documents(folder, limit, source, half) if ntrex else load_articles(folder, limit)
    errors = known_errors(folder)
    words = sum(d.word_count for d in docs)
    # the reference model only where a check can use it: AC004 reads the source,
    # the fluency checks (FL) have their own calibration on the same data, ID010 and ID011
    # are judged by it; --model runs it for every check
    fluency = model or source or _needs_model(select)
    checker = mtqa.Checker(select=select, ignore=ignore, fluency=fluency)
    started = time.perf_counter()
    report = checker.check(docs)
    seconds = time.perf_counter() - started
    findings, excused = [], []
    for r in report.results:
        for f in r.findings:
            verdict = _excused(r.document, f, errors)
            (excused if verdict else findings).append((r.document.id, f, verdict))
    per_code = Counter(f.code for _, f, _ in findings)
    per_family = Counter(f.family for _, f, _ in findings)
    return {
        "corpus": folder.name,
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
        "findings": [{"document": doc_id, **f.to_dict()} for doc_id, f, _ in findings],
        "real_errors": [{"document": doc_id, "verdict": v, **f.to_dict()} for doc_id, f, v in excused],
        "errors": [e.message for e in report.errors],
    }


def format_text(result: dict, listing: bool) -> str:
    lines = [
        f"{result['corpus']}: documents: {result['documents']}{' (with Norwegian source)' if result['source'] else ''}  "
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
    if result["real_errors"]:
        lines.append(f"\nnot counted: {len(result['real_errors'])} findings on listed slips of the text")
    lines += ["", "| family | findings | per 10k words |", "|---|---|---|"]
    for fam, c in result["per_family"].items():
        lines.append(f"| {fam} | {c['findings']} | {c['per_10k_words']} |")
    if result["errors"]:
        lines += ["", "errors:"] + [f"- {e}" for e in result["errors"]]
    if listing and result["findings"]:
        lines += ["", "false alarms:"]
        for f in result["findings"]:
            lines.append(
                f"- {f['document']} {f['code']} {f['text'][:60]!r} (line {f['line']}): {f['message']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*", metavar="CLEAN_DIR",
                        help=f"NTREX ({SENTENCES} and {DOC_IDS}) or a folder of clean *.txt articles "
                        f"(default: {SHARED_DATA / 'ntrex'} and {SHARED_DATA / 'clean-norway'})")
    parser.add_argument("--select", action="append", help="codes, prefixes, names or families")
    parser.add_argument("--ignore", action="append", help="codes, prefixes, names or families")
    parser.add_argument("--source", action="store_true", help=f"give each document its Norwegian side ({NORWEGIAN})")
    parser.add_argument("--list", action="store_true", help="list every finding")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--ntrex-half", choices=("even", "odd"),
                        help="NTREX: only the documents at even/odd positions of the sorted ids "
                        "(the fluency calibration is fitted on the even half)")
    parser.add_argument("--model", action="store_true",
                        help="run the reference model too (the checks it judges: ID010, ID011; FL with --select)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folders = args.folders or [SHARED_DATA / "ntrex", SHARED_DATA / "clean-norway"]
    for folder in folders:
        if not folder.is_dir():
            parser.error(f"{folder}: not a directory")
        if (folder / SENTENCES).is_file():
            for name in (DOC_IDS,) + ((NORWEGIAN,) if args.source else ()):
                if not (folder / name).is_file():
                    parser.error(f"{folder / name}: no such file")
        elif args.source:
            parser.error(f"{folder}: --source needs NTREX ({SENTENCES})")
        elif not any(folder.glob("*.txt")):
            parser.error(f"{folder}: neither NTREX ({SENTENCES}) nor a folder of *.txt articles")
    try:
        results = [run(f, _codes(args.select), _codes(args.ignore), args.limit, args.source, args.ntrex_half,
                   args.model)
                   for f in folders]
    except ValueError as exc:  # an unknown selector
        parser.error(str(exc))
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(format_text(r, args.list) for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
