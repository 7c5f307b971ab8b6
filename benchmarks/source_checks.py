#!/usr/bin/env python3
"""Source-aware checks on NTREX pairs: false alarms on the clean pairs, recall
on programmatic corruptions of the English.

    python benchmarks/source_checks.py NTREX_DIR [--seed 3] [--limit N]

NTREX-128 gives 123 English news documents with their human Bokmål
translation: read as nb -> en it is a perfect translation, so every finding of
a source-aware check on the clean pairs is a false alarm.  Then each document
is corrupted once per corruption type, reproducibly from the seed, and a
corruption counts as found when a finding of the expected family overlaps the
corrupted place (an omission: a finding at the place the sentence was):

- number: a number of the English changed (x10, or +1 for years and small numbers)
- name: two inner letters of a name shared by both sides swapped
- omission: one sentence of five words or more dropped
- copy: one English sentence replaced by its Norwegian source sentence
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntrex import documents  # noqa: E402

import mtqa  # noqa: E402

EXPECTED = {"number": {"accuracy"}, "name": {"names"}, "omission": {"accuracy"}, "copy": {"untranslated"}}
SOURCE_AWARE = ["accuracy", "untranslated", "names", "input"]


def corrupt(kind: str, lines: list[tuple[str, str]], rng: random.Random):
    """English lines with one corruption, and the (line, start, end) it is at; None if n/a."""
    en = [e for e, _ in lines]
    order = list(range(len(en)))
    rng.shuffle(order)
    for k in order:
        line = en[k]
        if kind == "number":
            nums = list(re.finditer(r"(?<![\w.,])\d+(?![\w.,]\d)", line))
            if not nums:
                continue
            m = rng.choice(nums)
            value = int(m.group(0))
            new = str(value + 1) if 1900 <= value <= 2100 or value < 10 else str(value * 10)
            en[k] = line[: m.start()] + new + line[m.end() :]
            return en, (k, m.start(), m.start() + len(new))
        if kind == "name":
            source = lines[k][1]
            names = [
                m for m in re.finditer(r"(?<=\s)[A-Z][a-z]{4,}\b", line)
                if m.group(0) in source and m.group(0).lower() not in {"monday", "tuesday", "friday", "sunday"}
            ]
            if not names:
                continue
            m = rng.choice(names)
            word = m.group(0)
            i = rng.randrange(1, len(word) - 2)
            if word[i] == word[i + 1]:
                continue
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            en[k] = line[: m.start()] + swapped + line[m.end() :]
            return en, (k, m.start(), m.end())
        if kind == "omission":
            if len(line.split()) < 5 or k == 0:
                continue
            del en[k]
            return en, (k, -1, -1)
        if kind == "copy":
            if k == 0 or len(lines[k][1].split()) < 5:
                continue
            en[k] = lines[k][1]
            return en, (k, 0, len(en[k]))
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ntrex", type=Path)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    docs = list(documents(args.ntrex).items())[: args.limit]
    checker = mtqa.Checker(select=SOURCE_AWARE, fluency=False)
    started = time.monotonic()
    clean = Counter()
    words = 0
    for doc_id, lines in docs:
        doc = mtqa.document_from_text("\n".join(e for e, _ in lines), doc_id=doc_id,
                                      source="\n".join(n for _, n in lines))
        words += doc.word_count
        for f in checker.check(doc).findings:
            clean[(f.code, str(f.severity))] += 1
            if args.list:
                print(f"clean {doc_id}: {f.code} {f.severity} {f.text!r} {f.message[:90]}")
    print(f"clean pairs: {len(docs)} documents, {words} words; source-aware findings: "
          f"{sum(clean.values())} ({', '.join(f'{c} {s}: {n}' for (c, s), n in sorted(clean.items())) or 'none'})")
    for kind in ("number", "name", "omission", "copy"):
        found = total = 0
        for doc_id, lines in docs:
            made = corrupt(kind, lines, rng)
            if made is None:
                continue
            en, (k, s, e) = made
            text = "\n".join(en)
            line_start = sum(len(x) + 1 for x in en[:k])
            doc = mtqa.document_from_text(text, doc_id=doc_id, source="\n".join(n for _, n in lines))
            findings = [f for f in checker.check(doc).findings if f.family in EXPECTED[kind]]
            if kind == "omission":
                hit = any(f.code == "AC002" and abs(f.start - line_start) <= 1 for f in findings)
            else:
                hit = any(f.start < line_start + e and line_start + s < f.end or
                          (f.start == f.end and line_start <= f.start <= line_start + len(en[k]))
                          for f in findings)
            total += 1
            found += hit
            if args.list and not hit:
                print(f"missed {kind} in {doc_id} line {k + 1}")
        print(f"{kind:<9} corruptions found: {found}/{total} ({found / total:.1%})")
    print(f"time: {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
