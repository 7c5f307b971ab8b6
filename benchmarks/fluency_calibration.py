#!/usr/bin/env python3
"""Make the fluency calibration: score clean human-written news, store the statistics.

    python benchmarks/fluency_calibration.py NTREX_DIR [--model smollm2] [--write]

NTREX_DIR is ``shared/data/ntrex`` (NTREX-128: ``newstest2019-src.eng.txt``, 1,997
English news sentences written by people, and ``DOCUMENT_IDS.tsv``, the document of
each line: 123 documents).  Each document is rebuilt as an article (its first line
as the title, one paragraph a line) and scored as a whole, the way mtqa scores an
article.  Fitted:

- the percentiles of the sentence statistic (SLOR less the unexplained surprisal of
  the worst word; sentences of 3 tokens or more), which map a sentence to 0-100;
- the mean and standard deviation of the document statistic (token-weighted mean);
- FL001's threshold (fluency below 1: less fluent than 99% of clean sentences) and
  FL002's (the 99.99th percentile of the word excess surprisal of the words FL002
  judges, so about 1 word in 10,000 of clean news would be flagged).

Headlines (each document's first line), headings and captions are scored but left
out of the fit: FL001 and FL002 do not judge them.  ``--half even`` fits on the
documents at even positions of the sorted document ids (``false_alarms.py
--ntrex-half odd`` then measures on the others).

Without ``--write`` it prints the entry; with it, the entry replaces the model's
entry (by file hash) in ``mtqa/data/fluency_calibration.yaml``, or is written to
``mtqa-calibration.yaml`` inside a model folder given with ``--model DIR``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402
from mtqa.checks.fluency import judged_words  # noqa: E402
from mtqa.scoring import calibration, load_scorer, resolve  # noqa: E402


def ntrex_documents(folder: Path) -> list[mtqa.Document]:
    lines = (folder / "newstest2019-src.eng.txt").read_text("utf-8").splitlines()
    ids = (folder / "DOCUMENT_IDS.tsv").read_text("utf-8").splitlines()
    if len(lines) != len(ids):
        raise SystemExit(f"{folder}: {len(lines)} sentences but {len(ids)} document ids")
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc_id, line in zip(ids, lines):
        grouped[doc_id.strip()].append(line.strip())
    return [
        mtqa.document_from_text("\n\n".join(sents) + "\n", doc_id=doc_id)
        for doc_id, sents in grouped.items()
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ntrex", type=Path)
    ap.add_argument("--model", default=None)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents (testing)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--half", choices=("even", "odd"), help="only the documents at even/odd positions of the sorted ids")
    args = ap.parse_args(argv)

    docs = ntrex_documents(args.ntrex)
    if args.half:
        keep = set(sorted(d.id for d in docs)[args.half == "odd" :: 2])
        docs = [d for d in docs if d.id in keep]
    docs = docs[: args.limit]
    scorer = load_scorer(args.model, device="cpu")
    started = time.monotonic()
    all_scores = []
    for i in range(0, len(docs), 8):
        chunk = docs[i : i + 8]
        all_scores.extend(scorer.score_documents(chunk))
    seconds = time.monotonic() - started
    excess = [
        w.excess for doc, scores in zip(docs, all_scores) for s in scores.sentences
        for w in judged_words(doc, s)
    ]
    source = resolve(args.model)
    calib = calibration.fit(
        scorer.name,
        scorer.sha256,
        all_scores,
        word_excess=excess,
        made_with=(
            f"benchmarks/fluency_calibration.py on NTREX-128 English (newstest2019-src.eng.txt, "
            f"{len(docs)} documents{', the ' + args.half + ' half' if args.half else ''}, "
            f"each scored as one article), mtqa {mtqa.__version__}, "
            f"{scorer.dtype} on {scorer.device}"
        ),
    )
    entry = calib.to_dict()
    tokens = sum(s.tokens for s in all_scores)
    print(f"scored {len(docs)} documents, {tokens} tokens in {seconds:.1f}s ({tokens / seconds:.0f} tokens/s)",
          file=sys.stderr)
    if not args.write:
        print(yaml.safe_dump(entry, sort_keys=False, width=100))
        return 0
    if source.kind == "dir":
        target = source.path / calibration.MODEL_DIR_FILE
        old = (yaml.safe_load(target.read_text("utf-8")) if target.is_file() else None) or {}
        if old.get("crosslingual"):  # benchmarks/crosslingual_calibration.py's section stays
            entry["crosslingual"] = old["crosslingual"]
        target.write_text(yaml.safe_dump(entry, sort_keys=False, width=100), "utf-8")
    else:
        target = calibration.DATA
        data = yaml.safe_load(target.read_text("utf-8")) if target.is_file() else None
        data = data or {}
        models = [m for m in data.get("models", []) if m["sha256"] != entry["sha256"]]
        models.append(entry)
        header = (
            "# Fluency calibration: statistics of clean human-written news, one entry per model file\n"
            "# hash. Made by benchmarks/fluency_calibration.py (see its docstring and each entry's\n"
            "# made_with); do not edit by hand.\n"
        )
        target.write_text(header + yaml.safe_dump({"models": models}, sort_keys=False, width=100), "utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
