"""Round 37b's word list: Norwegian words of Latin and French form beside an English look-alike.

    .venv/bin/python benchmarks/briefs/round37/cognates.py [--zmin 2.0] [--slices 8] [--out drafts/r37]

Norwegian borrowed much of its learned vocabulary through Latin, French and German, as English
did, and an engine renders such a word by its English look-alike: the same stem with the English
ending (-ere -> -ate, -e, -er; -sjon -> -tion; -ell -> -al; -iv -> -ive; -isk -> -ic, -ical; -itet ->
-ity; -øs -> -ous). Where the two have drifted apart in meaning, the look-alike is fluent and wrong.
The list is every lower-case word of wordfreq's Norwegian list at Zipf >= ``--zmin`` with one of
those endings (and its inflections: -ert, -erte, -erer, -elle, -ive, -iske, -sjonen, -siteten ...)
whose English look-alike, made by those rules alone, is a word of wordfreq's English list (Zipf >= 2.5)
and is rarer in English than the Norwegian word is in Norwegian text is common (a word as frequent in
English as in Norwegian is an English word in Norwegian text), less the look-alikes the project's
dictionaries (``mtqa/data/nb_en_senses.tsv``, ``nb_en_glossary.tsv``) give as the word's English (a
true cognate: *informasjon*, information), compared by their first five letters. No page, set or lexicon file is read.
Written in frequency order, dealt to the slices in turn (form i to slice i mod N), one line a word:
word, Zipf, its English look-alikes.
"""

from __future__ import annotations

import re
from pathlib import Path

from deal import deal, parse_args  # benchmarks/briefs/round37/deal.py, beside this script
from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parents[3]

#: Norwegian ending (with its inflections first) -> English endings of the look-alike.
ENDINGS = [
    (("erende", "erte", "erer", "ert", "ere"), ("ate", "e", "er", "ize", "ise")),
    (("sjonene", "sjonen", "sjoner", "sjon"), ("tion", "sion", "ssion")),
    (("ellere", "elle", "elt", "ell"), ("al", "ally", "el", "ell")),
    (("ivt", "ive", "iv"), ("ive", "ively")),
    (("iske", "isk"), ("ic", "ical", "ish")),
    (("itetene", "iteten", "iteter", "itet"), ("ity", "ities")),
    (("øse", "øst", "øs"), ("ous", "ously")),
    (("able", "abelt", "abel"), ("able", "ably")),
    (("ible", "ibelt", "ibel"), ("ible", "ibly")),
    (("ante", "ant"), ("ant", "ent")),
    (("ente", "ent"), ("ent", "ant")),
    (("ansen", "anse"), ("ance", "ence")),
    (("ensen", "ense"), ("ence", "ense")),
    (("ører", "øren", "ør"), ("or", "eur", "er")),
    (("isten", "ister", "ist"), ("ist",)),
    (("ismen", "isme"), ("ism",)),
    (("ur", "uren"), ("ure",)),
]


def _english_spelling(stem: str) -> str:
    """The stem as English spells such words: k -> c (ck for kk), ks -> x, sj -> sh."""
    return stem.replace("ks", "x").replace("kk", "ck").replace("k", "c").replace("sj", "sh")


def lookalikes(word: str) -> list[str]:
    out = []
    for norwegian, english in ENDINGS:
        for ending in norwegian:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)]
                for spelling in dict.fromkeys((stem, _english_spelling(stem))):
                    for e in english:
                        cand = spelling + e
                        if cand != word and zipf_frequency(cand, "en") >= 2.5:
                            out.append(cand)
                break
    return list(dict.fromkeys(out))


def glosses() -> dict[str, str]:
    """The English the project's dictionaries give a Norwegian word (senses first, then the glossary)."""
    out: dict[str, str] = {}
    for name in ("nb_en_senses.tsv", "nb_en_glossary.tsv"):
        for line in (ROOT / "mtqa/data" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            fields = line.split("\t")
            out.setdefault(fields[0], fields[-1].lower())
    return out


def english_of(word: str, gloss: dict[str, str]) -> str:
    """The English the dictionaries give a Norwegian word, or its lemma (simplemma's guess), or ""."""
    import simplemma

    return gloss.get(word) or gloss.get(simplemma.lemmatize(word, lang="nb")) or ""


def _stem(word: str) -> str:
    return word[:5]


def words(zmin: float) -> list[tuple[float, str, list[str]]]:
    gloss = glosses()
    rows = []
    for word in top_n_list("nb", 200_000):
        z = zipf_frequency(word, "nb")
        if z < zmin:
            break
        if not word.isalpha() or not word.islower() or zipf_frequency(word, "en") >= z - 1:
            continue
        english = english_of(word, gloss)
        stems = {_stem(w) for w in re.findall(r"[a-z]+", english)}
        # a look-alike the dictionaries give as the word's English is a true cognate: skip
        found = [w for w in lookalikes(word) if _stem(w) not in stems]
        if found:
            rows.append((z, word, found))
    return rows


def main() -> None:
    args = parse_args(__doc__)
    rows = words(args.zmin)
    lines = [f"{word}\t{z:.2f}\t{', '.join(found)}" for z, word, found in rows]
    deal(lines, args.out, "cognates", args.slices)
    print(f"{len(rows)} words, {args.slices} slices of about {len(rows) // args.slices}")


if __name__ == "__main__":
    main()
