"""One place, road or institution named two ways in one article.

Machine translation garbles the names of places as it garbles people's
("Kløverhagen" ... "Kloverhaken", "Hurdalsvegen" ... "Hurdalveien").  The name
words of an article that are no common English word and no part of a person's
name are grouped when their spellings are near (:func:`mtqa.names.phonetic.near_spelling`:
edits in proportion to the length, Norwegian street endings unified), unless
they are two names of the gazetteer (Troms and Tromsø), both attested words
(two real names), or one is the other inflected (Folkeblad / Folkebladet).
"""

from __future__ import annotations

import re

from mtqa.names.gazetteer import gazetteer
from mtqa.names.lexicon import UNATTESTED, attestation, english_zipf, words
from mtqa.names.mentions import Analysis, Token
from mtqa.names.phonetic import fold, key, near_spelling

#: A word more common than this in English is a word, not a place's name.
ENGLISH_WORD_ZIPF = 3.0
#: Shorter name words are compared only for their diacritics ("Tøyen" /
#: "Toyen"): too many real names are a letter apart.
MIN_LENGTH = 6
#: No name word shorter than this is read at all.
MIN_DIACRITICS = 4


def _candidate(tok: Token, proper: frozenset[str]) -> bool:
    text = tok.text
    if not tok.cap or tok.acronym or len(fold(text)) < MIN_DIACRITICS:
        return False
    if not text[1:].islower() and "-" not in text:
        return False  # ALL CAPS or CamelCase: a headline or a brand
    w = words()
    low = tok.lower
    if english_zipf(low) >= ENGLISH_WORD_ZIPF or w.title(text) is not None or w.is_first_name(text):
        return False
    return not tok.initial or text in proper or english_zipf(low) < 2.0


def place_spellings(analysis: Analysis, taken: set[str]) -> dict[str, list[Token]]:
    """Name words outside people's names: spelling -> its tokens."""
    person_slots = {
        t.start for m in analysis.mentions if m.kind == "person" for t in m.slots()
    }
    out: dict[str, list[Token]] = {}
    text = analysis.doc.text
    for tok in analysis.tokens:
        if tok.start in person_slots or tok.text in taken or not _candidate(tok, analysis.proper_forms):
            continue
        if _VESSEL_BEFORE.search(text, max(0, tok.start - 8), tok.start) or (
            _OPENED.search(text, max(0, tok.start - 60), tok.start) and _CLOSED.match(text, tok.end)
        ):
            continue  # a ship's, a restaurant's, a show's name ("the ferry MF «Hardingen»"): no place
        out.setdefault(tok.text, []).append(tok)
    return out


#: A ship's prefix right before a name ("MF Hardingen", "MS «Nordlys»").
_VESSEL_BEFORE = re.compile(r"\b(?:MF|MS|M/S|MV|RV|MK|MY)\s+[«“\"]?$")
#: A name in guillemets of at most four words ("«Hardingen»", "«Fjellet kaller»"): opened within
#: three words before the name, closed within three after.
_OPENED = re.compile(r"«(?:[^\s«»]+\s+){0,3}$")
_CLOSED = re.compile(r"(?:\s+[^\s«»]+){0,3}»")


def same_place(a: str, b: str) -> bool:
    if fold(a) == fold(b):
        return True
    if min(len(fold(a)), len(fold(b))) < MIN_LENGTH or not near_spelling(a, b):
        return False
    g = gazetteer()
    if g.knows(a) and g.knows(b):
        return False  # two real places
    if min(attestation(a)[0], attestation(b)[0]) >= UNATTESTED:
        return False  # two words some list knows: two names
    return True


_LIST_GAP = re.compile(r"\s*(?:,|/|\(|[–—]|\s-|,?\s+(?:and|or))\s*")


def _listed_together(a: list[Token], b: list[Token], text: str) -> bool:
    """Whether two spellings stand side by side in a list ("Storfjord, Omasvuotna and
    Omasvuono", "Tromsø / Romsa"): names in several languages, not one name spelt twice."""
    for x in a:
        for y in b:
            first, second = (x, y) if x.start < y.start else (y, x)
            if _LIST_GAP.fullmatch(text[first.end : second.start]):
                return True
    return False


def place_groups(spellings: dict[str, list[Token]], analysis: Analysis | None = None) -> list[list[str]]:
    """Groups of spellings of one place (each sorted by first use).  Two words
    written in one name ("Tinkoff Group Oleg Tinkov") are never one word's
    spellings."""
    names = sorted(spellings, key=lambda n: spellings[n][0].start)
    run_of: dict[int, int] = {}
    if analysis is not None:
        for k, m in enumerate(analysis.mentions):
            for t in m.tokens:
                run_of[t.start] = k
    runs = {n: {run_of[t.start] for t in toks if t.start in run_of} for n, toks in spellings.items()}
    parent = {n: n for n in names}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # compare only spellings of similar length that start alike: near-linear on
    # long articles
    by_initial: dict[str, list[str]] = {}
    for n in names:
        by_initial.setdefault(key(n)[:1], []).append(n)
    for bucket in by_initial.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if (
                    abs(len(a) - len(b)) <= 3
                    and not (runs[a] & runs[b])
                    and same_place(a, b)
                    and not (analysis is not None and _listed_together(spellings[a], spellings[b], analysis.doc.text))
                ):
                    parent[find(b)] = find(a)
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    return [g for g in groups.values() if len(g) > 1]
