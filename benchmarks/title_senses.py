#!/usr/bin/env python3
"""One Norwegian noun rendered two ways: one sense in the headline, another in the body.

    python benchmarks/title_senses.py [--pages ../shared/realworld] [--clean DIR ...] [--show 5]

A page's first line is the headline of the article the engine translated, and the
body repeats its words ("Armed police action in Dalane" over "The campaign is still
ongoing": *aksjon* both times).  The dictionary of senses
(``mtqa/data/nb_en_senses.tsv``, nouns with two single-word senses or more) is read
backwards: a body word whose lemma is a sense of a Norwegian noun N, where the
headline holds another sense of N and not the word itself, is a candidate (the body
word at most Zipf 5.8 in English, 4 letters or more).  No model judges them: this
counts what the filter alone leaves.

On the development pages (``PAGES/clean``, gold in ``PAGES/gold``) a candidate inside
a gold item of family ``idiom`` is a hit; on the clean folders (native English: every
candidate is a false alarm) the rate is per 10,000 whitespace-separated words.
Measured in ``benchmarks/README.md`` (session 40); not shipped.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SENSES = ROOT / "mtqa" / "data" / "nb_en_senses.tsv"
MIN_LENGTH, MAX_ZIPF = 4, 5.8
_WORD = re.compile(r"[A-Za-z]+")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy  # noqa: E402


def noun_senses(path: Path = SENSES) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """(English sense -> Norwegian nouns, Norwegian noun -> its single-word senses)."""
    by_english: dict[str, set[str]] = collections.defaultdict(set)
    senses_of: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lemma, pos, field = line.split("\t")
        if pos != "n":
            continue
        senses = [s.strip() for s in field.split(";")]
        senses = [s for s in senses if s.isalpha() and s.islower()]
        if len(senses) < 2:
            continue
        senses_of[lemma] = senses
        for s in senses:
            by_english[s].add(lemma)
    return by_english, senses_of


def lemmas(word: str) -> set[str]:
    found: set[str] = set().union(*getAllLemmas(word.lower()).values())
    return found or {word.lower()}


def candidates(text: str, by_english: dict[str, set[str]], senses_of: dict[str, list[str]]) -> list[tuple[int, int, str, str, str]]:
    """(start, end, body word, Norwegian noun, headline word) of each candidate."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return []
    offset = sum(len(line) + 1 for line in lines[: first + 1])
    headline: dict[str, str] = {}
    for m in _WORD.finditer(lines[first]):
        for lemma in lemmas(m.group()):
            headline[lemma] = m.group()
    out = []
    for m in _WORD.finditer(text, offset):
        word = m.group()
        own = lemmas(word)
        if len(word) < MIN_LENGTH or own & set(headline):
            continue
        for lemma in own:
            if zipf_frequency(lemma, "en") > MAX_ZIPF:
                continue
            for noun in sorted(by_english.get(lemma, ())):
                other = next((s for s in senses_of[noun] if s != lemma and s in headline), None)
                if other:
                    out.append((m.start(), m.end(), word, noun, headline[other]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=SHARED / "realworld")
    ap.add_argument("--clean", type=Path, nargs="*",
                    default=[SHARED / "data" / "clean-norway", ROOT / "benchmarks" / "data" / "native-norway"])
    ap.add_argument("--show", type=int, default=5, help="candidates to list from each clean folder")
    args = ap.parse_args(argv)
    by_english, senses_of = noun_senses()
    found, on_gold, must_units = 0, 0, set()
    for doc_id, _path, items, doc in accuracy.load_pages(args.pages / "gold", args.pages / "clean"):
        spans = accuracy.gold_spans(doc.text, [i for i in items if i["family"] == "idiom"])
        for a, b, word, noun, other in candidates(doc.text, by_english, senses_of):
            found += 1
            hit = [s for s in spans if s["start"] is not None and s["start"] < b and a < s["end"]]
            on_gold += bool(hit)
            must_units.update(s.get("id") or s["quote"] for s in hit if s.get("must"))
            print(f"page {doc_id}: {word!r} <- {noun} (headline {other!r}){' GOLD' if hit else ''}")
    print(f"\npages: {found} candidates, {on_gold} on a gold idiom item, {len(must_units)} must items among them")
    for folder in args.clean:
        count = words = 0
        listed = 0
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text("utf-8")
            words += len(text.split())
            found_here = candidates(text, by_english, senses_of)
            count += len(found_here)
            for _a, _b, word, noun, other in found_here:
                if listed < args.show:
                    print(f"  {folder.name}/{f.name}: {word!r} <- {noun} (headline {other!r})")
                    listed += 1
        print(f"{folder.name}: {count} false alarms in {words} words, {count / max(words, 1) * 1e4:.1f} per 10,000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
