"""The literal renderings composed from the dictionary of senses, measured.

    python benchmarks/composed.py [--data ../shared/data] [--blimp] [--mqm] [--show N]

Counts the built-in lexicon's entries that get composed renderings
(``mtqa/lexicons/compose.py``) and their phrases, then runs only those renderings,
with each entry's context cues, over clean human English (NTREX newstest2019
English, the clean-norway texts, the FLORES references in DEMETR; ``--blimp``:
BLiMP's 67,000 good sentences; every match there is a false alarm) and over machine
translations into English (DEMETR's MT outputs; ``--mqm``: the WMT23 zh-en MQM
segments; a match there is worth a look: Chinese-English MT calques too).  Prints
the matches per 10,000 words and the first ``--show`` matches of each set.
Recall on the development pages is in ``benchmarks/accuracy.py`` (the page-free row).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lexicon_check import Reading, readings  # noqa: E402

from mtqa import lexicons  # noqa: E402


def _blimp(data: Path) -> list[Reading]:
    path = data / "blimp" / "BLiMP.zip"
    good: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".jsonl"):
                for line in z.read(name).decode("utf-8").splitlines():
                    sentence = json.loads(line).get("sentence_good")
                    if sentence:
                        good.add(sentence)
    return [(s, "body", None, "") for s in sorted(good)]


def _mqm(data: Path) -> list[Reading]:
    from mqm import read_segments

    segments = read_segments(data / "mqm" / "wmt23-zhen-mqm-dev.tsv.gz")
    return [(t, "body", None, "") for t in sorted({seg["text"] for doc in segments.values() for seg in doc.values()})]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    ap.add_argument("--blimp", action="store_true", help="also BLiMP's good sentences (slow: 67,000)")
    ap.add_argument("--mqm", action="store_true", help="also the WMT23 zh-en MQM English segments")
    ap.add_argument("--show", type=int, default=10, help="matches shown per set")
    args = ap.parse_args(argv)
    entries = [e for e in lexicons.builtin().entries if e.composed]
    print(f"entries with composed renderings: {len(entries)}; phrases: {sum(len(e.composed) for e in entries)}")
    sets = readings(args.data)
    if args.blimp:
        sets["blimp-good"] = _blimp(args.data)
    if args.mqm:
        sets["mqm-zhen-mt (review)"] = _mqm(args.data)
    print("\n| set | sentences | words | matches | per 10k words |\n|---|---|---|---|---|")
    shown: list[str] = []
    for name, sentences in sets.items():
        words = matches = 0
        for text, kind, article, before in sentences:  # each read as mtqa reads it
            words += len(text.split())
            for entry in entries:
                for m in entry.iter_matches(text, kind, before or None, only=[entry.composed_at], document=article):
                    matches += 1
                    if matches <= args.show:
                        shown.append(f"- {name}: '{m.group()}' ({entry.id}) in: {text[:140]}")
        print(f"| {name} | {len(sentences)} | {words} | {matches} | {1e4 * matches / max(words, 1):.2f} |")
    if shown:
        print("\n" + "\n".join(shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
