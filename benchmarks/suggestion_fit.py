"""Does taking an idiom suggestion make the sentence read better?

    python benchmarks/suggestion_fit.py [DIR ...] [--model smollm2] [--show 25] [--jobs 2]

A suggestion replaces its finding's span (``mtqa check --fix`` applies it so).  A
suggestion that fits turns a literal rendering into the English a writer would use
("the clock 21" -> "9 pm"); one that does not ("It is not current to close the
school" -> "May be on the cards the school": the negation and the verb lost) leaves a
sentence worse than the garble.  For every idiom finding with a suggestion to take
(not a pattern to fill by hand, "<name>"), in the articles of the given folders (by
default the synthetic sets, ``benchmarks/data/synthetic-mt/*/clean``, and the
development pages when ``../shared/realworld/clean`` is there), the reference model
scores the sentence as written and with the suggestion taken
(``Scorer.substitution_gains``: log P(fixed) - log P(written), in nats, over the
tokens from the first that differs).  Printed: how many fixes the model prefers, and
by how much, per check code; the fixes it likes least, with their entry, which are
where to look for a suggestion that does not fit its place.

The model is a weak judge of one sentence: a right suggestion of more words, or of
rarer ones, than the span it replaces costs probability for that alone ("cross band"
-> "cruciate ligament").  So the fixes are listed by the gain with the words' own odds
taken out (``fit``: the gain less the log-ratio of the wordfreq frequencies of the
words put in and the words taken out), which leaves what the sentence around them
says of the fix; the list is for triage, not a verdict.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_FLOOR = 1e-8  # the frequency of a word wordfreq does not know
SETS = ROOT / "benchmarks" / "data" / "synthetic-mt"
PAGES = ROOT.parent / "shared" / "realworld" / "clean"


def _odds(text: str) -> float:
    """The summed natural log of the wordfreq frequencies of ``text``'s words."""
    import math

    from wordfreq import tokenize, word_frequency

    return sum(math.log(max(word_frequency(w, "en"), _FLOOR)) for w in tokenize(text, "en"))


def fixes(paths: list[Path]) -> list[dict]:
    """Every idiom finding with a suggestion to take: its sentence as written and fixed."""
    import mtqa

    checker = mtqa.Checker(fluency=False, select=["idiom"])
    out = []
    for path in paths:
        doc = mtqa.Document(id=str(path), text=path.read_text(encoding="utf-8"))
        report = checker.check(doc)
        sentences = doc.text_sentences()
        for f in report.findings:
            if not f.suggestion or "<" in f.suggestion:
                continue
            sentence = next((s for s in sentences if s.start <= f.start and f.end <= s.end), None)
            if sentence is None:
                continue
            written = doc.text[sentence.start : sentence.end]
            a, b = f.start - sentence.start, f.end - sentence.start
            fixed = written[:a] + f.suggestion + written[b:]
            if fixed != written:
                out.append({
                    "doc": path.name, "code": f.code, "entry": (f.extra or {}).get("lexicon_entry"),
                    "span": f.text, "suggestion": f.suggestion, "written": written, "fixed": fixed,
                })
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of .txt articles (default: the synthetic sets and the pages)")
    parser.add_argument("--model", help="the judge: a built-in model (smollm2, gemma3-270m) or a model folder")
    parser.add_argument("--show", type=int, default=25, help="fixes to list, the model's least liked first")
    args = parser.parse_args(argv)
    dirs = args.dirs or [*sorted(SETS.glob("*/clean")), *([PAGES] if PAGES.is_dir() else [])]
    paths = [p for d in dirs for p in sorted(d.glob("*.txt"))]
    if not paths:
        print("no articles found in " + ", ".join(map(str, dirs)), file=sys.stderr)
        return 2
    found = fixes(paths)
    from mtqa.scoring import load_scorer

    scorer = load_scorer(args.model)
    gains = scorer.substitution_gains([(f["written"], f["fixed"]) for f in found])
    for f, g in zip(found, gains, strict=True):
        f["gain"] = g
        f["fit"] = g - (_odds(f["suggestion"]) - _odds(f["span"]))
    print(f"articles: {len(paths)}; idiom findings with a suggestion to take: {len(found)}")
    print()
    print("| code | fixes | model prefers the fix | median gain (nats) | median fit | fit < -5 |")
    print("|---|---|---|---|---|---|")
    by_code: dict[str, list[dict]] = collections.defaultdict(list)
    for f in found:
        by_code[f["code"]].append(f)
    for code, rows in [*sorted(by_code.items()), ("**all**", found)]:
        if rows:
            better = sum(r["gain"] > 0 for r in rows)
            print(f"| {code} | {len(rows)} | {better} ({100 * better / len(rows):.0f}%) "
                  f"| {statistics.median(r['gain'] for r in rows):+.1f} "
                  f"| {statistics.median(r['fit'] for r in rows):+.1f} | {sum(r['fit'] < -5 for r in rows)} |")
    print()
    print(f"the {args.show} fixes that fit least (fit, then the raw gain):")
    for f in sorted(found, key=lambda f: f["fit"])[: args.show]:
        print(f"  {f['fit']:+6.1f} {f['gain']:+6.1f} {f['code']} {f['entry']}: [{f['span']}] -> [{f['suggestion']}]")
        print(f"         {f['fixed'][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
