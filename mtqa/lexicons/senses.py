"""A Norwegian → English dictionary of word senses, and what the checks derive from it.

``mtqa/data/nb_en_senses.tsv`` lists the 8,000 most frequent Bokmål lemmas (from
wordfreq's Norwegian list, lemmatized with simplemma) with their English senses,
the usual news sense first and then the secondary, literal and etymological
senses a machine translation may pick instead (*opplyse*: inform; state; …;
illuminate).  Two checks read it the other way round:

- :func:`wrong_sense_alternatives`: for an English word that is a secondary
  sense of a Norwegian word, that word's usual senses ("illuminates" →
  *opplyse* → "informs"), for the experiment of ``benchmarks/wrong_sense.py``;
- the untranslated checks: the English of a Norwegian word left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA = "nb_en_senses.tsv"
CONTENT = frozenset({"n", "v", "adj"})
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_NOTE = re.compile(r"\s*\((?:n|v|adj|adv|prep|pl|coll|colloq|informal|dated)\)\s*$")


@dataclass(frozen=True)
class Headword:
    lemma: str
    pos: str
    senses: tuple[str, ...]
    rank: int  # 0 = the most frequent Norwegian lemma


def _clean(sense: str) -> str | None:
    """A sense as plain English, or None for a phrase-bound sense ("(rykke ut) turn out")."""
    sense = _NOTE.sub("", sense.strip())
    if not sense or sense.startswith("("):
        return None
    sense = re.sub(r"\s*\([^)]*\)", "", sense).strip()
    return sense.lower() or None


def parse(text: str) -> dict[str, Headword]:
    out: dict[str, Headword] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        lemma, pos, senses = parts
        cleaned = tuple(dict.fromkeys(s for s in (_clean(x) for x in senses.split(";")) if s))
        if lemma not in out:
            out[lemma] = Headword(lemma, pos, cleaned, len(out))
    return out


@cache
def dictionary() -> dict[str, Headword]:
    """The shipped dictionary, Norwegian lemma → :class:`Headword`."""
    return parse(resources.files("mtqa.data").joinpath(DATA).read_text(encoding="utf-8"))


def _single(sense: str) -> bool:
    return bool(_WORD.fullmatch(sense))


@cache
def _reverse() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """English word → ((Norwegian lemma, its usual senses), ...) for every content
    word of which the English word is a secondary sense (not one of its first two)."""
    rev: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for head in dictionary().values():
        if head.pos not in CONTENT or len(head.senses) < 2:
            continue
        usual = tuple(s for s in head.senses[:2] if _single(s))
        if not usual:
            continue
        for sense in head.senses[2:] if len(head.senses) > 2 else ():
            if _single(sense) and sense not in usual:
                rev.setdefault(sense, []).append((head.lemma, usual))
        # the second sense is secondary too when it is a single word and the first is
        if len(head.senses) >= 2 and _single(head.senses[1]) and _single(head.senses[0]):
            rev.setdefault(head.senses[1], []).append((head.lemma, (head.senses[0],)))
    return {k: tuple(v) for k, v in rev.items()}


def wrong_sense_alternatives(lemma: str, limit: int = 4) -> list[tuple[str, str]]:
    """(Norwegian lemma, English alternative) pairs for an English lemma that is a
    secondary sense of a Norwegian content word: the usual sense it may stand for.
    The most frequent Norwegian words first, at most ``limit`` alternatives."""
    out: list[tuple[str, str]] = []
    seen: set[str] = {lemma}
    for nb, usual in sorted(_reverse().get(lemma, ()), key=lambda p: dictionary()[p[0]].rank):
        for alt in usual:
            if alt not in seen and len(alt) >= 3:
                seen.add(alt)
                out.append((nb, alt))
    return out[:limit]


def inflect_like(surface: str, lemma: str, alt: str) -> str | None:
    """``alt`` inflected as ``surface`` is inflected from ``lemma`` (plural or third
    person -s, past -ed, -ing), with its capital; None for what this cannot tell."""
    low = surface.lower()
    if low == lemma:
        out = alt
    elif low in (lemma + "s", lemma + "es") or (lemma.endswith("y") and low == lemma[:-1] + "ies"):
        if alt.endswith(("s", "sh", "ch", "x", "z")):
            out = alt + "es"
        elif alt.endswith("y") and alt[-2:-1] not in "aeiou":
            out = alt[:-1] + "ies"
        else:
            out = alt + "s"
    elif low.endswith(("ed", "ing")):
        suffix = "ed" if low.endswith("ed") else "ing"
        if alt.endswith("e") and not alt.endswith("ee"):
            out = alt[:-1] + suffix
        elif suffix == "ed" and alt.endswith("y") and alt[-2:-1] not in "aeiou":
            out = alt[:-1] + "ied"
        elif re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", alt):  # one syllable: cut -> cutting
            out = alt + alt[-1] + suffix
        else:
            out = alt + suffix
    else:
        return None
    return out[:1].upper() + out[1:] if surface[:1].isupper() else out
