"""Do the checks find the same things when an article is set in real pages' typography?

    python benchmarks/typography.py [SET_DIR ...] [--title-case] [--jobs 2] [--show 10]

The synthetic sets (``benchmarks/data/synthetic-mt/test*/clean``) are written with
ASCII apostrophes, quotes and hyphens; real machine-translated pages mostly are not
(19 of the 25 development pages use ’, "Norway’s").  Each article is checked twice: as
written, and with its typography changed one character for one character, so that
every offset stays the same: ' inside a word and after a plural's s -> ’, "..." ->
“...”, a spaced or line-opening hyphen -> an en dash.  Printed: per check, the
findings on the articles as written, those the typography loses and those it adds
(same code, same span), with examples.  A check that reads the text the same way in
either typography loses and adds nothing.

``--title-case``: the article's first line (its headline) is written in Title Case
instead ("Over 2000 Frøyværinger Stand Without a Fixed Doctor"), as many republishing
sites write headlines, and only the findings in the headline are compared.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "benchmarks" / "data" / "synthetic-mt"


def typeset(text: str) -> str:
    """``text`` with real pages' typography, every offset kept."""
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"(?<=s)'(?=\s)", "’", text)
    text = re.sub(r'(?:^|(?<=[\s(\[]))"', "“", text, flags=re.M)
    text = text.replace('"', "”")
    text = re.sub(r"(?<= )-(?= )", "–", text)
    return re.sub(r"^- ", "– ", text, flags=re.M)


#: Words a Title Case headline leaves in lower case.
_MINOR = frozenset("a an the of in on at to and or for by with as from".split())


def title_case(text: str) -> str:
    """``text`` with its first line in Title Case, every offset kept."""
    first, newline, rest = text.partition("\n")
    words = re.split(r"(\s+)", first)
    for i, word in enumerate(words):
        if word[:1].isalpha() and (i == 0 or word.lower() not in _MINOR):
            words[i] = word[0].upper() + word[1:]
    return "".join(words) + newline + rest


def _spans(paths: list[str], headline: bool = False) -> list[tuple[str, set, set, dict]]:
    import mtqa

    checker = mtqa.Checker(fluency=False)
    change = title_case if headline else typeset
    out = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        typed = change(text)
        assert len(typed) == len(text)
        end = len(text.partition("\n")[0]) if headline else len(text)
        plain = {(f.code, f.start, f.end) for f in checker.check(mtqa.Document(id=path, text=text)).findings
                 if f.start < end}
        if typed == text:
            out.append((path, plain, plain, {}))
            continue
        fancy = [f for f in checker.check(mtqa.Document(id=path, text=typed)).findings if f.start < end]
        quotes = {(f.code, f.start, f.end): text[f.start : f.end] for f in fancy}
        out.append((path, plain, {(f.code, f.start, f.end) for f in fancy}, quotes))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path, help="folders of articles (default: every synthetic test set)")
    parser.add_argument("--title-case", action="store_true",
                        help="write each headline in Title Case instead, and compare the headlines' findings")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--show", type=int, default=5, help="examples per check and direction (default 5)")
    args = parser.parse_args(argv)
    folders = args.sets or sorted(p / "clean" for p in SETS.glob("test*") if (p / "clean").is_dir())
    paths = sorted(str(f) for d in folders for f in Path(d).glob("*.txt"))
    if not paths:
        print(f"no articles (*.txt) in {', '.join(map(str, folders)) or SETS}", file=sys.stderr)
        return 2
    jobs = max(1, args.jobs)
    with ProcessPoolExecutor(jobs) as pool:
        parts = [paths[k::jobs] for k in range(jobs)]
        results = [r for part in pool.map(_spans, parts, [args.title_case] * jobs) for r in part]
    total: collections.Counter[str] = collections.Counter()
    lost: collections.Counter[str] = collections.Counter()
    added: collections.Counter[str] = collections.Counter()
    examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    changed = 0
    for path, plain, fancy, quotes in results:
        text = Path(path).read_text(encoding="utf-8")
        changed += (title_case if args.title_case else typeset)(text) != text
        for code, *_ in plain:
            total[code] += 1
        for code, a, b in sorted(plain - fancy):
            lost[code] += 1
            examples[code, "lost"].append(f"{Path(path).parents[1].name}/{Path(path).name}: {text[a:b]!r}")
        for key in sorted(fancy - plain):
            added[key[0]] += 1
            examples[key[0], "added"].append(f"{Path(path).parents[1].name}/{Path(path).name}: {quotes[key]!r}")
    what = "a headline to write in Title Case" if args.title_case else "typography to change"
    print(f"articles: {len(paths)} ({changed} with {what}), {len(folders)} sets\n")
    print("| check | findings as written | lost | added |")
    print("|---|---|---|---|")
    for code in sorted(set(total) | set(added)):
        print(f"| {code} | {total[code]} | {lost[code]} | {added[code]} |")
    print(f"| **all** | {sum(total.values())} | {sum(lost.values())} | {sum(added.values())} |")
    for (code, way), items in sorted(examples.items()):
        print(f"\n{code} {way}:")
        for item in items[: args.show]:
            print(f"- {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
