#!/usr/bin/env python3
"""Recall of UT001 on real Norwegian words, and its false alarms on the rest.

    python benchmarks/untranslated.py NTREX_DIR [--seed 13] [--limit N] [--mode M] [--list]

NTREX_DIR is the folder of NTREX-128 (``newstest2019-src.eng.txt``, human
English news, and ``newstest2019-ref.nob.txt``, its human Bokmål translation,
line-aligned).  For each line, one word of the Bokmål sentence (lower-case,
four letters or more, not a word of the English sentence) is inserted at a
random word boundary of the English sentence: an untranslated word, as MT
leaves them.  Two more sets insert a word capitalised, where a Norwegian common
word is capitalised in MT output: at the start of the sentence ("Sykehus the
minister said ...") and as a caption label in capitals ("SYKEHUS: The
minister ..."); they measure what the rule that leaves names alone costs.
Reproducible from ``--seed``.

Printed, per set: the share of inserted words found (a UT finding overlaps the
inserted word), split by how well English itself knows the word (a Norwegian
word that is also an English word, "plan", cannot be told apart), and the
findings that fall anywhere else (false alarms) per 10,000 words.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mtqa  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+")


#: The sets: where the Norwegian word goes, and how it is written.
MODES = ("inside", "sentence-initial", "caption-label")


def _insert(mode: str, e: str, word: str, rng: random.Random) -> tuple[str, int, str] | None:
    """The sentence with ``word`` inserted, where it starts, and the word as written."""
    if mode == "sentence-initial":
        rest = e[0].lower() + e[1:] if e[:1].isupper() and e[1:2].islower() else e
        return word.capitalize() + " " + rest, 0, word.capitalize()
    if mode == "caption-label":
        return word.upper() + ": " + e, 0, word.upper()
    boundaries = [m.start() for m in re.finditer(r"(?<=\s)\S", e)]
    if not boundaries:
        return None
    at = rng.choice(boundaries)
    return e[:at] + word + " " + e[at:], at, word


def build(ntrex: Path, seed: int, limit: int | None, mode: str = "inside"):
    en = (ntrex / "newstest2019-src.eng.txt").read_text("utf-8").split("\n")
    nb = (ntrex / "newstest2019-ref.nob.txt").read_text("utf-8").split("\n")
    # The inside set keeps the draws it always had; the capitalised sets draw
    # from their own sequence.
    rng = random.Random(seed if mode == "inside" else f"{seed}-{mode}")
    cases = []
    for i, (e, n) in enumerate(zip(en, nb)):
        if not e.strip() or not n.strip():
            continue
        english_words = {w.lower() for w in _WORD.findall(e)}
        candidates = [
            w for w in _WORD.findall(n)
            if w.islower() and len(w) >= 4 and w not in english_words
        ]
        if not candidates:
            continue
        word = rng.choice(candidates)
        inserted = _insert(mode, e, word, rng)
        if inserted is None:
            continue
        text, at, written = inserted
        cases.append((i + 1, text, at, at + len(written), word))
        if limit and len(cases) >= limit:
            break
    return cases


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ntrex", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--list", action="store_true", help="list the misses and false alarms")
    parser.add_argument("--mode", choices=MODES, action="append",
                        help="only these sets (default: all)")
    args = parser.parse_args(argv)
    checker = mtqa.Checker(select=["untranslated"])
    for mode in args.mode or MODES:
        print(f"== {mode}")
        report(build(args.ntrex, args.seed, args.limit, mode), checker, args.seed, args.list)
    return 0


def report(cases, checker: mtqa.Checker, seed: int, listing: bool) -> None:
    from wordfreq import zipf_frequency

    bands = {"en<2": [0, 0], "2<=en<3": [0, 0], "en>=3": [0, 0]}
    false_alarms, words, misses, alarms = 0, 0, [], []
    for line, text, start, end, word in cases:
        doc = mtqa.document_from_text(text, doc_id=f"line{line}")
        words += len(text.split()) - 1
        findings = checker.check(doc).findings
        hit = any(f.start < end and start < f.end for f in findings)
        en = zipf_frequency(word, "en")
        band = "en<2" if en < 2 else "2<=en<3" if en < 3 else "en>=3"
        bands[band][0] += hit
        bands[band][1] += 1
        if not hit:
            misses.append((line, word))
        for f in findings:
            if not (f.start < end and start < f.end):
                false_alarms += 1
                alarms.append((line, f.code, f.text))
    total_found = sum(b[0] for b in bands.values())
    print(f"sentences: {len(cases)} (seed {seed}), English words around them: {words}")
    print(f"inserted Norwegian words found: {total_found}/{len(cases)} ({total_found / len(cases):.1%})")
    for name, (found, n) in bands.items():
        if n:
            print(f"  words with English Zipf {name}: {found}/{n} ({found / n:.1%})")
    print(f"false alarms elsewhere: {false_alarms} ({false_alarms / words * 1e4:.2f} per 10,000 words)")
    if listing:
        print("misses:", ", ".join(f"{w} (line {ln})" for ln, w in misses))
        for ln, code, text in alarms:
            print(f"false alarm line {ln}: {code} {text!r}")


if __name__ == "__main__":
    sys.exit(main())
