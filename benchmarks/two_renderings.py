#!/usr/bin/env python3
"""One term written two ways with two senses of one Norwegian word: ID009, measured.

    python benchmarks/two_renderings.py [--pages ../shared/realworld] [--data ../shared/data]
                                        [--synthetic benchmarks/data/synthetic-mt]

A translation made sentence by sentence may render a Norwegian term word by word and take
another sense of its first word each time (*liten storm*: "the small storm", then "the little
storm"). ID009 (``mtqa/checks/senses.py``, ``TermRenderedTwice``) reports both; this script runs
it alone, with the built-in lexicon (it leaves a term to an entry that names one of its
occurrences).

Printed, per corpus: the findings; on the development pages, those inside the quote of a gold
idiom item (of them must), once with every entry and once without the entries learnt from the
pages (as ``accuracy.py``'s page-free row: an entry marked from a page no longer hides the
check); on NTREX (grouped by document), clean-norway and native-norway every finding is a false
alarm, per 10,000 words; on the synthetic sets (blind MT pages written for the project, with gold)
the hits and the others.  No model is loaded.  Session 39 measured the first form of the
detector (adjectives only) here, and did not ship it; session 41 widened it to nouns as
modifiers and shipped it (``benchmarks/README.md``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402  (benchmarks/accuracy.py: gold_spans, page_free_findings)
import ntrex  # noqa: E402  (benchmarks/ntrex.py: documents)

import mtqa  # noqa: E402
from mtqa.model import Document  # noqa: E402

CODE = "ID009"


def _lemma(message: str) -> str:
    return message.split("Norwegian '", 1)[1].split("'", 1)[0]


def candidates(text: str, checker: mtqa.Checker | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, pair, Norwegian word) for every ID009 finding of the text."""
    checker = checker or mtqa.Checker(fluency=False, select=[CODE])
    found = checker.check(text).results[0].findings
    return [(f.start, f.end, text[f.start : f.end], _lemma(f.message)) for f in found]


def _gold(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _on_gold(text: str, start: int, items: list[dict]) -> dict | None:
    """The gold idiom item whose quote holds ``start``, if any."""
    spans = accuracy.gold_spans(text, [i for i in items if i.get("family") == "idiom"])
    return next((i for i in spans if i["start"] is not None and i["start"] <= start < i["end"]), None)


def scored(name: str, articles: list[tuple[str, str, list[dict]]], clean: bool, found_by=None) -> None:
    """``found_by``: the candidates of each article, in order (default: :func:`candidates`)."""
    checker = mtqa.Checker(fluency=False, select=[CODE])
    words = sum(len(text.split()) for _, text, _ in articles)
    found = hits = must = 0
    for n, (doc_id, text, gold) in enumerate(articles):
        for start, _, pair, lemma in (found_by[n] if found_by is not None else candidates(text, checker)):
            found += 1
            item = None if clean else _on_gold(text, start, gold)
            hits += item is not None
            must += bool(item and item.get("must"))
            mark = "false alarm" if clean else ("gold, must" if item and item.get("must") else "gold" if item else "no gold item")
            print(f"  {doc_id[:44]:44} {pair!r:28} {lemma:12} {mark}")
    rate = f", {10_000 * found / words:.2f} per 10k" if clean and words else ""
    tail = "" if clean else f", {hits} on a gold idiom item ({must} must)"
    print(f"{name}: {len(articles)} articles, {words:,} words: {found} candidates{tail}{rate}\n")


def _folder(folder: Path, gold: Path | None) -> list[tuple[str, str, list[dict]]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        items = _gold(gold / f"{path.stem}.gold.jsonl") if gold else []
        out.append((path.stem, path.read_text("utf-8", errors="replace"), items))
    return out


def _ntrex(folder: Path) -> list[tuple[str, str, list[dict]]]:
    return [(k, "\n".join(en for en, _ in pairs), []) for k, pairs in ntrex.documents(folder).items()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "realworld")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--synthetic", type=Path, default=ROOT / "benchmarks" / "data" / "synthetic-mt")
    args = ap.parse_args()
    if (args.pages / "clean").is_dir():
        pages = _folder(args.pages / "clean", args.pages / "gold")
        scored("development pages", pages, clean=False)
        docs = [Document(id=d, text=t) for d, t, _ in pages]
        page_free = accuracy.page_free_findings(docs, (), accuracy.page_sourced_entries())
        scored("development pages, without the entries learnt from them", pages, clean=False, found_by=[
            [(f["start"], f["end"], f["text"], _lemma(f["message"])) for f in findings if f["code"] == CODE]
            for findings in page_free
        ])
    if (args.data / "ntrex").is_dir():
        scored("NTREX", _ntrex(args.data / "ntrex"), clean=True)
    if (args.data / "clean-norway").is_dir():
        scored("clean-norway", _folder(args.data / "clean-norway", None), clean=True)
    scored("native-norway", _folder(ROOT / "benchmarks" / "data" / "native-norway", None), clean=True)
    synthetic = []
    for folder in sorted(args.synthetic.glob("*/clean")):
        synthetic += [(f"{folder.parent.name}/{d}", t, g) for d, t, g in _folder(folder, folder.parent / "gold")]
    scored("synthetic sets", synthetic, clean=False)


if __name__ == "__main__":
    main()
