#!/usr/bin/env python3
"""One noun, two senses of one Norwegian adjective: a detector measured and not shipped (session 39).

    python benchmarks/two_renderings.py [--pages ../shared/realworld] [--data ../shared/data]
                                        [--synthetic benchmarks/data/synthetic-mt]

A translation made sentence by sentence may render a Norwegian term word by word and take
another sense of its adjective each time (*liten storm*: "the small storm", then "the little
storm"). The detector: in one article, two lower-case adjective + noun pairs with the same noun
(singular and plural alike) whose adjectives are senses of one Norwegian adjective of the
dictionary of senses (``mtqa/data/nb_en_senses.tsv``, among its first six), neither pair among the
English word pairs of symspellpy's frequency list. Every occurrence of both pairs is a candidate.

Printed, per corpus: the candidates and their count; on the development pages, those inside the
quote of a gold idiom item (of them must); on NTREX (grouped by document), clean-norway and
native-norway every candidate is a false alarm, per 10,000 words; on the synthetic sets (blind MT
pages written for the project, with gold) the hits and the others. The lexicon is not consulted
(a shipped check would defer to an entry that names the span). No model is loaded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402  (benchmarks/accuracy.py: gold_spans)
import ntrex  # noqa: E402  (benchmarks/ntrex.py: documents)

from mtqa.checks.senses import _senses_of, _singulars  # noqa: E402
from mtqa.lexicons import senses  # noqa: E402
from mtqa.lexicons.compose import _frequent_pairs  # noqa: E402

#: The noun is read ahead, so that each word is tried as an adjective ("a whole storm").
PAIR = re.compile(r"(?<![\w’'-])(?P<adjective>[a-z]+) (?=(?P<noun>[a-z]+)(?![\w’'-]))")


@cache
def adjective_senses() -> dict[str, frozenset[str]]:
    """English adjective -> the Norwegian adjectives it is one of the first six senses of."""
    out: dict[str, set[str]] = defaultdict(set)
    for head in senses.dictionary().values():
        if head.pos == "adj":
            for sense in head.senses[:6]:
                if re.fullmatch(r"[a-z]+", sense):
                    out[sense].add(head.lemma)
    return {k: frozenset(v) for k, v in out.items()}


def candidates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, pair, Norwegian adjective) for every pair of the text that has a
    sibling: the same noun after another sense of the same Norwegian adjective."""
    adjectives, nouns, frequent = adjective_senses(), _senses_of(), _frequent_pairs()
    pairs: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for m in PAIR.finditer(text):
        adjective, noun = m.group("adjective"), m.group("noun")
        head = next((w for w in _singulars(noun) if w in nouns), None)
        if adjective in adjectives and head and f"{adjective} {noun}" not in frequent:
            pairs[head][adjective].append((m.start(), m.end("noun")))
    out = {}
    for by_adjective in pairs.values():
        for first in by_adjective:
            for second in by_adjective:
                common = adjectives[first] & adjectives[second]
                if first < second and common:
                    for start, end in by_adjective[first] + by_adjective[second]:
                        out[start, end] = (start, end, text[start:end], min(common))
    return sorted(out.values())


def _gold(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _on_gold(text: str, start: int, items: list[dict]) -> dict | None:
    """The gold idiom item whose quote holds ``start``, if any."""
    spans = accuracy.gold_spans(text, [i for i in items if i.get("family") == "idiom"])
    return next((i for i in spans if i["start"] is not None and i["start"] <= start < i["end"]), None)


def scored(name: str, articles: list[tuple[str, str, list[dict]]], clean: bool) -> None:
    words = sum(len(text.split()) for _, text, _ in articles)
    found = hits = must = 0
    for doc_id, text, gold in articles:
        for start, _, pair, lemma in candidates(text):
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
        scored("development pages", _folder(args.pages / "clean", args.pages / "gold"), clean=False)
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
