#!/usr/bin/env python3
"""How much of the true sentence alignment mtqa's aligner recovers.

    python benchmarks/alignment.py NTREX_DIR [--seed 7] [--merge 0.3] [--split 0.15]

NTREX-128 is aligned line by line (one sentence a line), which is the truth.
Each document's two sides are re-paragraphed differently, reproducibly from
the seed: on the English side adjacent lines are merged into one paragraph
with probability ``--merge``; on the Norwegian side paragraphs are made of
1-3 lines at random, and a line is split in two at a comma with probability
``--split`` (a sentence split in translation).  mtqa then aligns the two texts
with no knowledge of the lines.

Printed: the share of source lines whose aligned English contains the true
English line (recall of the true alignment), the share of aligned pairs that
are right (precision), the documents where the aligner said it could not
align, and the time.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ntrex import documents  # noqa: E402

import mtqa  # noqa: E402
from mtqa.align import alignment_of  # noqa: E402


def reshape(pairs, rng, merge: float, split: float):
    """The English text, the Norwegian text, and each line's span on both sides."""
    en_paras: list[list[int]] = [[0]]
    for k in range(1, len(pairs)):
        (en_paras[-1].append(k) if rng.random() < merge else en_paras.append([k]))
    english, en_spans = "", {}
    for para in en_paras:
        if english:
            english += "\n\n"
        for n, k in enumerate(para):
            if n:
                english += " "
            en_spans[k] = (len(english), len(english) + len(pairs[k][0]))
            english += pairs[k][0]
    norwegian, nb_spans, k = "", {}, 0
    while k < len(pairs):
        size = rng.choice((1, 1, 2, 3))
        if norwegian:
            norwegian += "\n\n"
        for n, j in enumerate(range(k, min(k + size, len(pairs)))):
            line = pairs[j][1]
            if rng.random() < split and ", " in line[10:-10]:
                at = line.index(", ", 10)
                line = line[:at] + ". " + line[at + 2 : at + 3].upper() + line[at + 3 :]
            if n:
                norwegian += " "
            nb_spans[j] = (len(norwegian), len(norwegian) + len(line))
            norwegian += line
        k += size
    return english, norwegian, en_spans, nb_spans


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ntrex", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--merge", type=float, default=0.3)
    parser.add_argument("--split", type=float, default=0.15)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    docs = list(documents(args.ntrex).items())[: args.limit]
    lines = found = pairs_total = pairs_right = 0
    failed = []
    started = time.monotonic()
    for doc_id, pairs in docs:
        english, norwegian, en_spans, nb_spans = reshape(pairs, rng, args.merge, args.split)
        doc = mtqa.document_from_text(english, doc_id=doc_id, source=norwegian)
        alignment = alignment_of(doc)
        if not alignment.ok:
            failed.append(doc_id)
        for k, (s0, s1) in nb_spans.items():
            lines += 1
            e0, e1 = en_spans[k]
            for bead in alignment.sentences:
                if any(s.start < s1 and s0 < s.end for s in bead.source):
                    if any(t.start <= e0 and e1 <= t.end or (e0 <= t.start and t.end <= e1) for t in bead.target):
                        found += 1
                    break
        for bead in alignment.sentences:
            if not bead.source or not bead.target:
                continue
            pairs_total += 1
            truth_en = {k for k, (e0, e1) in en_spans.items() if any(t.start < e1 and e0 < t.end for t in bead.target)}
            truth_nb = {k for k, (s0, s1) in nb_spans.items() if any(s.start < s1 and s0 < s.end for s in bead.source)}
            pairs_right += bool(truth_en & truth_nb)
    elapsed = time.monotonic() - started
    print(f"documents: {len(docs)}, source lines: {lines} (seed {args.seed}, merge {args.merge}, split {args.split})")
    print(f"true alignment recovered: {found}/{lines} ({found / lines:.1%})")
    print(f"aligned pairs that are right: {pairs_right}/{pairs_total} ({pairs_right / pairs_total:.1%})")
    print(f"documents the aligner refused: {len(failed)} {' '.join(failed)}")
    print(f"time: {elapsed:.1f} s ({elapsed / len(docs) * 1000:.0f} ms a document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
