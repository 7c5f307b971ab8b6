#!/usr/bin/env python3
"""AC005 (truncated sentence): the en/nb length ratio on clean and cut NTREX pairs.

    python benchmarks/truncation.py NTREX_DIR [--seed 7] [--threshold R] [--list]

NTREX-128 gives 123 English news documents with their human Bokmål
translation; read nb -> en, every aligned sentence pair is complete.  The
documents are split in two halves with the seed (as
``crosslingual_calibration.py`` does).  On the first half the script prints the
distribution of the length ratio (English characters / Norwegian characters) of
the pairs AC005 judges (source sentences of eight words or more, titles left
out): the quantiles its threshold (``TruncatedSentence.MAX_RATIO``) was chosen
from.  On the other half it runs AC005 on the clean pairs (every finding is a
false alarm) and on copies of each document with one long sentence cut, on
the English side only:

- half: the second half dropped (at a comma near the middle, else at the
  middle word; ``crosslingual.py``'s omission)
- third: the last third dropped (at the word two thirds in)
- clause: the last clause dropped (from the last comma in the second half)

A cut is found when an AC005 finding covers the cut line.  No model is used.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslingual import omit  # noqa: E402
from crosslingual_calibration import as_document, corrupted  # noqa: E402
from ntrex import documents  # noqa: E402

import mtqa  # noqa: E402
from mtqa.checks.accuracy import TruncatedSentence  # noqa: E402


def cut(kind: str, en: str) -> str | None:
    words = en.split()
    if len(words) < 10:
        return None
    end = en.rstrip()[-1] if en.rstrip()[-1] in ".!?" else ""
    if kind == "half":
        return omit(en)
    if kind == "third":
        return " ".join(words[: round(len(words) * 2 / 3)]).rstrip(",;:–-— ") + end
    if kind == "clause":
        commas = [i + 1 for i, w in enumerate(words[:-2]) if w.endswith(",") and i + 1 >= len(words) / 2]
        return " ".join(words[: commas[-1]]).rstrip(",") + end if commas else None
    raise ValueError(kind)


def ratios(doc: mtqa.Document) -> list[float]:
    """The length ratios of the pairs AC005 judges in ``doc``."""
    return [len(target) / max(1, len(source)) for _, _, source, target in TruncatedSentence.judged(doc)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ntrex", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--threshold", type=float, default=None,
                    help="try another MAX_RATIO (default: the check's own)")
    args = ap.parse_args(argv)
    if args.threshold is not None:
        TruncatedSentence.MAX_RATIO = args.threshold
    started = time.monotonic()
    rng = random.Random(args.seed)
    all_docs = documents(args.ntrex)
    ids = list(all_docs)
    rng.shuffle(ids)  # the same split as crosslingual_calibration.py with the same seed
    half = len(ids) // 2
    first, held = ids[:half], ids[half:]

    values = sorted(r for doc_id in first for r in ratios(as_document(doc_id, all_docs[doc_id])))
    quantiles = ", ".join(f"{q:.1%} {values[int(q * len(values))]:.3f}" for q in (0.001, 0.002, 0.005, 0.01, 0.05, 0.5))
    print(f"first half: {len(first)} documents, {len(values)} judged pairs; length ratio quantiles: {quantiles}")

    check = TruncatedSentence()
    ctx = None
    pairs = flagged = docs_flagged = 0
    for doc_id in held:
        doc = as_document(doc_id, all_docs[doc_id])
        pairs += len(ratios(doc))
        found = list(check.run(doc, ctx))
        flagged += len(found)
        docs_flagged += bool(found)
        for f in found if args.list else ():
            print(f"  false alarm {doc_id} ({f.extra['length_ratio']}): {f.text[:100]!r}")
    print(f"held-out clean: {len(held)} documents, {pairs} judged pairs; AC005 findings: {flagged} "
          f"({flagged / max(1, pairs):.2%} of pairs), documents with a finding: {docs_flagged}/{len(held)} "
          f"(threshold {check.MAX_RATIO})")

    print("\n| cut | documents | found | findings elsewhere |")
    print("|---|---|---|---|")
    for kind in ("half", "third", "clause"):
        made = found_n = elsewhere = 0
        for doc_id in held:
            lines = all_docs[doc_id]
            made_doc = corrupted(doc_id, lines, lambda k, kind=kind, lines=lines: cut(kind, lines[k][0]), rng, first=1)  # not the title
            if made_doc is None:
                continue
            doc, start, end, k, new = made_doc
            found = list(check.run(doc, ctx))
            hits = [f for f in found if f.start < end and start < f.end]
            made += 1
            found_n += bool(hits)
            elsewhere += len(found) - len(hits)
            if args.list and not hits:
                print(f"  missed {kind} in {doc_id} line {k + 1}: {new[:90]!r}")
        print(f"| {kind} | {made} | {found_n} ({found_n / max(1, made):.1%}) | {elsewhere} |")
    print(f"\ntime: {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
