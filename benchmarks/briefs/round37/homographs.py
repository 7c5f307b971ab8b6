"""Round 37's word list: Norwegian word forms that inflect two words of the dictionary of senses.

    .venv/bin/python benchmarks/briefs/round37/homographs.py [--zmin 2.0] [--slices 8] [--out drafts/r37]

A form such as *skriver* is both the present tense of *skrive* (writes) and a noun; *deler* is
"shares" and the plural of *del* (parts); *bygget* is "built" and "the building". An engine that
reads the other word writes fluent English of the wrong part of speech. The list is made from the
dictionary of senses alone (``mtqa/data/nb_en_senses.tsv``): every lemma's regular forms (a verb's
present, past and participle; a noun's plural and definite forms; an adjective's neuter and plural),
kept where one form belongs to a verb and to another word, or to two lemmas, at wordfreq Zipf >=
``--zmin``, and where a lemma's own senses name a second part of speech ("plays (v)" for the noun
*spiller*). No page, set or lexicon file is read. Written in frequency order, dealt to the slices
in turn (form i to slice i mod N), one line a form: form, Zipf, its readings.
"""

from __future__ import annotations

import collections
from pathlib import Path

from deal import deal, parse_args  # benchmarks/briefs/round37/deal.py, beside this script
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[3]


def read_senses() -> dict[str, dict[str, str]]:
    senses: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for line in (ROOT / "mtqa/data/nb_en_senses.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lemma, pos, english = line.split("\t")[:3]
        senses[lemma][pos] = english
    return senses


def verb_forms(v: str) -> set[str]:
    if v.endswith("e"):
        return {v + "r", v[:-1] + "et", v[:-1] + "te", v[:-1] + "de", v[:-1] + "t"}
    return {v + "r", v + "dde", v + "dd", v + "tt"}


def noun_forms(n: str) -> set[str]:
    if n.endswith("e"):
        return {n, n + "r", n + "n", n + "t", n + "ne", n[:-1] + "a"}
    return {n, n + "er", n + "en", n + "et", n + "ene", n + "a"}


def adj_forms(a: str) -> set[str]:
    return {a, a + "e", a + "t"}


FORMS = {"v": verb_forms, "n": noun_forms, "adj": adj_forms}


def homographs(zmin: float) -> list[tuple[float, str, list[tuple[str, str]]]]:
    senses = read_senses()
    readings: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for lemma, by_pos in senses.items():
        for pos in by_pos:
            if pos in FORMS:
                for form in FORMS[pos](lemma):
                    readings[form].add((lemma, pos))
    rows = []
    for form, found in readings.items():
        kinds = {pos for _, pos in found}
        lemmas = {lemma for lemma, _ in found}
        own = senses.get(form, {})
        mixed = any(f"({p})" in english for english in own.values() for p in ("v", "n", "adj") if p not in own)
        if ("v" in kinds and len(kinds) >= 2) or len(lemmas) >= 2 or mixed:
            z = zipf_frequency(form, "nb")
            if z >= zmin:
                rows.append((z, form, sorted(found)))
    rows.sort(key=lambda r: (-r[0], r[1]))
    return rows


def main() -> None:
    args = parse_args(__doc__)
    senses = read_senses()
    rows = homographs(args.zmin)
    lines = [
        f"{form}\t{z:.2f}\t" + " | ".join(f"{lemma} ({pos}): {senses[lemma][pos]}" for lemma, pos in found)
        for z, form, found in rows
    ]
    deal(lines, args.out, "homographs", args.slices)
    print(f"{len(rows)} forms, {args.slices} slices of about {len(rows) // args.slices}")


if __name__ == "__main__":
    main()
