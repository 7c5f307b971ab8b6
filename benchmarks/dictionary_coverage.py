"""How far the dictionary of senses reaches into the literal renderings of a gold set.

    python benchmarks/dictionary_coverage.py [GOLD_DIR ...]   (default: ../shared/realworld/gold)

Issue 15 asks for "the dictionary's coverage of the English words in the literal
renderings of the dev set": a detector that reads the English back into Norwegian
(a calque detector, a wrong-sense judge) can only find what the dictionary links.
For every gold item of family ``idiom`` whose ``why`` names its Norwegian source in
quotes ("'bos' = rubbish, rendered 'boss'"), three questions, each a share of items
(must items and all):

- *English known*: every content word of the quote is a sense of some headword of
  ``mtqa/data/nb_en_senses.tsv`` (what a detector starting from the English can look up);
- *Norwegian known*: some word of the named source, reduced to a lemma by simplemma,
  is a headword;
- *linked*: some content word of the quote is listed as a sense of a headword of the
  source (reading the English backwards reaches the Norwegian it came from: "boss"
  back to *bos*, "belt" back to *felt*);
- *as a wrong sense*: some content word of the quote is a secondary sense of a
  headword of the source, where the wrong-sense experiments read the dictionary
  backwards (``senses.wrong_sense_alternatives``: "campaign" -> *aksjon* -> "action").

The Norwegian is reduced to lemmas by simplemma's guess, which can be wrong ("bos" ->
*bo*): the item list shows the headwords it took.

Also printed: each item with what is missing, so the table can be checked by eye.
The gold is read only to count; nothing here feeds mtqa.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mtqa.lexicons import senses  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "realworld" / "gold"
#: The Norwegian a ``why`` names: the first text in quotes, straight, curly or double,
#: whose opening quote follows no letter (not the apostrophe of "the police's").
_QUOTED = re.compile(r"(?<![\w])['‘\"“]([^'’\"”]+)['’\"”]")
#: A word; a possessive's "'s" is no word of its own ("teacher's" is "teacher").
_WORD = re.compile(r"[a-zæøå]+(?:-[a-zæøå]+)*")
_POSSESSIVE = re.compile(r"['’]s\b")
#: Function words left out of the English side (the content words carry the sense).
STOP = frozenset(
    """a an the of in on at to for from by with and or but is are was were be been has have had it its this that
    these those he she they we you i his her their our my your them him us me not no so as than then there here
    who which what when where one also all very just more most do does did can could will would shall should may
    might must up out about over into after before""".split()
)


def lemmas_nb(word: str) -> set[str]:
    import simplemma

    word = word.lower()
    return {word, simplemma.lemmatize(word, lang="nb")}


def english_forms(word: str) -> set[str]:
    """The word and the lemmas its regular inflection allows (the dictionary lists lemmas)."""
    w = word.lower()
    out = {w}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.add(w[: -len(suffix)] + repl)
    return out


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, without possessive endings, of two letters or more."""
    return [w for w in _WORD.findall(_POSSESSIVE.sub("", text.lower())) if len(w) >= 2]


def _sense_words(head: senses.Headword) -> set[str]:
    return {w for s in head.senses for w in words(s)}


def analyse(item: dict, dictionary: dict[str, senses.Headword], known_english: set[str]) -> dict | None:
    names = _QUOTED.findall(item.get("why") or "")
    if not names:
        return None
    source = names[0]
    content = [w for w in words(item["quote"]) if w not in STOP]
    if not content:
        return None
    unknown = [w for w in content if not english_forms(w) & known_english]
    heads = [dictionary[lemma] for w in words(source) for lemma in lemmas_nb(w) if lemma in dictionary]
    linked = [w for w in content if any(english_forms(w) & _sense_words(h) for h in heads)]
    lemmas = {h.lemma for h in heads}
    reverse = senses._reverse()
    wrong = [w for w in content if any(nb in lemmas for f in english_forms(w) for nb, _ in reverse.get(f, ()))]
    return {
        "id": item["id"], "must": bool(item.get("must")), "quote": item["quote"], "source": source,
        "english_known": not unknown, "unknown": unknown,
        "norwegian_known": bool(heads), "heads": sorted({h.lemma for h in heads}),
        "linked": bool(linked), "linked_words": linked,
        "wrong_sense": bool(wrong), "wrong_sense_words": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    dictionary = senses.dictionary()
    known_english = set().union(*(_sense_words(h) for h in dictionary.values()))
    rows = []
    unnamed = 0
    for folder in args.gold:
        if not folder.is_dir():
            ap.error(f"{folder}: not a directory")
        for path in sorted(folder.glob("*.gold.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                if item.get("family") == "idiom":
                    row = analyse(item, dictionary, known_english)
                    if row is None:
                        unnamed += 1
                    else:
                        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"dictionary: {len(dictionary)} headwords, {len(known_english)} English words in their senses")
    print(f"idiom items naming their Norwegian source: {len(rows)} ({sum(r['must'] for r in rows)} must); "
          f"left out, naming none: {unnamed}\n")
    print("| items | English known | Norwegian known | linked (English back to its source) | as a wrong sense |")
    print("|---|---|---|---|---|")
    for label, subset in (("must", [r for r in rows if r["must"]]), ("all", rows)):
        n = len(subset)
        cells = [f"{sum(r[k] for r in subset)}/{n}" for k in ("english_known", "norwegian_known", "linked", "wrong_sense")]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    for r in rows:
        mark = "M" if r["must"] else "-"
        print(f"{mark} {r['id']:6} {r['quote'][:40]!r:44} <- {r['source'][:30]!r:32} "
              f"unknown English: {','.join(r['unknown']) or '-'}; headwords: {','.join(r['heads']) or '-'}; "
              f"linked: {','.join(r['linked_words']) or '-'}; wrong sense: {','.join(r['wrong_sense_words']) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
