"""Round 39's word list: Norwegian words spelt like an English word of another meaning.

    .venv/bin/python benchmarks/briefs/round39/homonyms.py --zmin 1.5 --out drafts/r39   # 1,580 words, 8 slices
    .venv/bin/python benchmarks/briefs/round39/homonyms.py --zmin 1.5 --slices 1 --out DIR --skip-listed drafts/r39
                                                          # the words not in drafts/r39's slices, to DIR/homonyms_1.tsv

An engine that meets a Norwegian word it has little evidence for may keep its letters and write
the English word they spell: an interlingual homograph ("gift", married; "fart", speed; "rar",
strange) or a word one English spelling step away (a doubled final consonant, a dropped final "e",
k -> c, kk -> ck). Where the English word means something else, the English is fluent and wrong. The list is
every lower-case alphabetic word of wordfreq's Norwegian list at Zipf ``--zmin`` to 3.5 (at least three
letters) whose form, or a form those steps make, is a word of wordfreq's English list (Zipf >= 3.0),
less the words whose English the project's dictionaries (``mtqa/data/nb_en_senses.tsv``,
``nb_en_glossary.tsv``) give as that English word (a true cognate: *problem*, problem; compared by
their first four letters); a form spelt as the Norwegian word is dropped where it is more frequent in
English text than in Norwegian (an English word quoted in Norwegian text: "show", "team"). Written in frequency order, dealt to the slices in
turn; one line a word: word, Zipf, the English words its form spells, the English the dictionaries
give it (or "-"). No page, set or lexicon file is read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round37"))
from cognates import english_of, glosses  # noqa: E402  (benchmarks/briefs/round37/cognates.py)
from deal import deal, parse_args  # noqa: E402

#: Above this frequency an engine has seen the word often enough to know it.
ZMAX = 3.5
#: The English word must be common enough that an engine reaches for it and a reader knows it.
ENGLISH_MIN = 3.0


def _english(word: str) -> str:
    """k -> c, kk -> ck ("lokk": "lock")."""
    return word.replace("kk", "\0").replace("k", "c").replace("\0", "ck")


def spellings(word: str) -> list[str]:
    """The English words the Norwegian form spells: itself, with its final consonant
    doubled, without a final "e", with k -> c and kk -> ck."""
    forms = [word, _english(word)]
    if word[-1] not in "aeiouyæøå" and word[-2:-1] in tuple("aeiouy"):
        forms.append(word + word[-1])
    if word.endswith("e") and len(word) > 4:
        forms.append(word[:-1])
    out = []
    for form in dict.fromkeys(forms):
        if form.isascii() and zipf_frequency(form, "en") >= ENGLISH_MIN:
            out.append(form)
    return out


def words(zmin: float, zmax: float) -> list[tuple[float, str, list[str], str]]:
    gloss = glosses()
    rows = []
    for word in top_n_list("nb", 1_000_000):
        z = zipf_frequency(word, "nb")
        if z < zmin:
            break
        if z > zmax:
            continue  # a word this frequent an engine has seen often enough
        if not word.isalpha() or not word.islower() or len(word) < 3:
            continue
        found = spellings(word)
        if word in found and zipf_frequency(word, "en") > z:
            found.remove(word)  # the form more common in English: an English word quoted in Norwegian text
        if not found:
            continue
        english = english_of(word, gloss)
        stems = {w[:4] for w in re.findall(r"[a-z]+", english)}
        found = [f for f in found if f[:4] not in stems]
        if found:
            rows.append((z, word, found, english or "-"))
    return rows


def main() -> None:
    skip = None
    if "--skip-listed" in sys.argv:  # the words of a folder's homonyms_*.tsv left out (a supplement)
        at = sys.argv.index("--skip-listed")
        folder = Path(sys.argv[at + 1])
        del sys.argv[at : at + 2]
        skip = {line.split("\t")[0] for f in folder.glob("homonyms_*.tsv") for line in f.read_text("utf-8").splitlines()}
    args = parse_args(__doc__)
    rows = words(args.zmin, ZMAX)
    if skip is not None:
        rows = [row for row in rows if row[1] not in skip]
    lines = [f"{word}\t{z:.2f}\t{', '.join(found)}\t{english}" for z, word, found, english in rows]
    deal(lines, args.out, "homonyms", args.slices)
    print(f"{len(rows)} words, {args.slices} slices of about {len(rows) // args.slices}")


if __name__ == "__main__":
    main()
