"""A gazetteer of people in Norwegian news, for names that are near one of them.

``mtqa/data/people.tsv`` lists public figures who appear in Norwegian news
(politicians, officials, athletes and coaches, people of culture, business
and the media) with their gender, written for mtqa from general knowledge.
A person named in full whose written name is not on the list but is a near
spelling of exactly one name on it ("Jonas Gar Støre" for "Jonas Gahr Støre",
a particle split off as in "El Brahimy" for "Elbrahimi") is probably that
person misspelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from mtqa.names.phonetic import fold
from mtqa.names.phonetic import key as sound  # figures' own key() is for whole names

DATA = "people.tsv"
CATEGORIES = ("politician", "royal", "official", "athlete", "coach", "culture", "business", "media", "other")
#: How alike (rapidfuzz ratio of the folded names, spaces and hyphens removed)
#: a written name must be to a listed one, and how far ahead of the next.
MIN_RATIO = 86.0
MIN_MARGIN = 4.0


@dataclass(frozen=True)
class Figure:
    name: str
    gender: str
    category: str
    note: str


def key(name: str) -> str:
    """The name folded, without spaces, hyphens and dots ("Stig-André Berge" -> "stigandreberge")."""
    return re.sub(r"[\s\-‐.'’]", "", fold(name))


def parse(text: str) -> tuple[Figure, ...]:
    out: dict[str, Figure] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 3 or parts[1] not in ("f", "m") or parts[2] not in CATEGORIES:
            continue
        name = parts[0]
        if len(name.split()) >= 2 and name not in out:
            out[name] = Figure(name, parts[1], parts[2], parts[3] if len(parts) > 3 else "")
    return tuple(out.values())


@cache
def figures() -> tuple[Figure, ...]:
    return parse(resources.files("mtqa.data").joinpath(DATA).read_text(encoding="utf-8"))


@cache
def figure_names() -> frozenset[str]:
    """The listed people's names as written ("Jonas Gahr Støre")."""
    return frozenset(f.name for f in figures())


@cache
def _index() -> tuple[dict[str, Figure], list[str]]:
    by_key = {key(f.name): f for f in figures()}
    return by_key, list(by_key)


@cache
def name_words() -> frozenset[str]:
    """Every word of a listed name, as written ("Gahr", "Støre", "Stig-André"),
    but words that are also common words ("Store" of a stage name)."""
    from mtqa.names.lexicon import zipf_frequency

    return frozenset(
        w for f in figures() for w in f.name.split()
        if len(w) > 2 and w[0].isupper() and zipf_frequency(w.lower(), "en") < 4.0
    )


def listed(written: str) -> Figure | None:
    """The listed person ``written`` names exactly (folded: "Sylvi Listhaug", "Jonas Gahr Store"), or None."""
    return _index()[0].get(key(written))


def near(written: str) -> tuple[Figure, float] | None:
    """The one listed person whose name ``written`` is a near spelling of, with the
    similarity (0-100); None when the name is listed, near none or near several.

    The surnames must start alike (one letter, folded) and the given names too, one
    edit apart, one the start of the other ("Mari" / "Marie") or each spelled as the
    other sounds ("Kristian" / "Christian"): a garble keeps the shape of a name;
    "Terje Pedersen" is another person than "Tore Pedersen".
    A surname that differs and is the surname of another listed person, written with
    another given name ("Eirik Haugen" near "Erik Hagen"), names another person; with the
    same given name ("Astrid Holm" near "Astrid Hoem", "Sigbjørn Johnson") it may be
    either, and is reported, as is a garble no list knows ("Jonas Gahr Styre")."""
    by_key, keys = _index()
    k = key(written)
    if len(k) < 8 or k in by_key:
        return None
    found = process.extract(k, keys, scorer=fuzz.ratio, score_cutoff=MIN_RATIO - MIN_MARGIN, limit=3)
    if not found or found[0][1] < MIN_RATIO:
        return None
    if len(found) > 1 and found[1][1] > found[0][1] - MIN_MARGIN:
        return None  # two listed people are as near: not sure which
    figure = by_key[found[0][0]]
    words, listed = written.split(), figure.name.split()
    surnames = {fold(words[-1])[:1], fold("".join(words[-2:]))[:1] if len(words) > 2 else ""}
    if fold(listed[-1])[:1] not in surnames:
        return None  # ("El Brahimi" may be "Elbrahimi": a particle split off)
    given, listed_given = key(" ".join(words[:-1])), key(" ".join(listed[:-1]))
    alike = given.startswith(listed_given) or listed_given.startswith(given) or Levenshtein.distance(given, listed_given) <= 1
    same_start = given[:1] == listed_given[:1]
    ours, theirs = re.split(r"[\s-]+", " ".join(words[:-1])), re.split(r"[\s-]+", " ".join(listed[:-1]))
    if not alike and len(ours) == len(theirs):
        # spelled as they sound, word by word ("Jan Kristian" / "Jan Christian", "Kristian" / "Christian")
        alike = all(sound(a) == sound(b) for a, b in zip(ours, theirs))
        same_start = same_start or alike
    if not same_start or not alike:
        return None  # another given name ("Terje" for "Tore"): another person, not a garble
    if fold(words[-1]) != fold(listed[-1]) and given != listed_given and fold(words[-1]) in _listed_surnames():
        return None  # "Eirik Haugen" beside "Erik Hagen": another listed family, another given name
    return figure, float(found[0][1])


@cache
def _listed_surnames() -> frozenset[str]:
    """The surnames (folded) of the people of the gazetteer."""
    by_key, _ = _index()
    return frozenset(fold(f.name.split()[-1]) for f in by_key.values())
