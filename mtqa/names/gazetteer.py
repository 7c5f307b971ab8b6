"""A gazetteer of Norway: places, police districts, outlets and institutions.

The data is ``mtqa/data/gazetteer.yaml`` (general knowledge, MIT).  Each entry
has its Norwegian ``name``, the English forms that are right (``english``) and the
word-for-word renderings machine translation makes of it (``translated``).  The
names checks use it to keep two real places apart (Troms and Tromsø are not one
name spelled two ways), to choose a spelling (a gazetteer name beats a garble of
it) and to recognise a name translated as words ("news" for NRK).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from mtqa.names.phonetic import fold

#: libyaml's loader where PyYAML has it (four times faster on these files).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

GAZETTEER_FILE = "gazetteer.yaml"
#: More names and the renderings machine translation makes of them (places, outlets, bodies, clubs).
TRANSLATED_FILE = "gazetteer_translated.yaml"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # county, police_district, place, outlet, institution, club
    english: tuple[str, ...] = ()
    translated: tuple[str, ...] = ()
    #: From the second file only (gazetteer_translated.yaml): its names and English
    #: forms do not make a common English word a known name ("Home", "Justice").
    extra: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: the caches below key on it
class Gazetteer:
    entries: tuple[Entry, ...]
    nrk_regions: tuple[str, ...]
    sha256: str

    @property
    def words(self) -> frozenset[str]:
        """Every name word (folded) of every entry and its English forms."""
        return _words(self)

    def knows(self, word: str) -> bool:
        return fold(word) in self.words

    def outlets(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "outlet")

    def names(self, *kinds: str) -> frozenset[str]:
        """The names of the entries of these kinds, as written (cached)."""
        return _names(self, kinds)

    def forms(self, *kinds: str) -> frozenset[str]:
        """The names of the entries of these kinds and their English and translated
        forms, as written ("Sosialistisk Venstreparti", "Socialist Left"; cached)."""
        return _forms(self, kinds)

    def is_outlet(self, name: str) -> bool:
        """Whether ``name`` is a Norwegian news outlet's name ("VG", "Bergens Tidende"), as written."""
        return " ".join(name.split()) in self.names("outlet")

    def by_kind(self, kind: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == kind)


@cache
def _names(g: Gazetteer, kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(e.name for e in g.entries if e.kind in kinds)


@cache
def _forms(g: Gazetteer, kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f for e in g.entries if e.kind in kinds for f in (e.name, *e.english, *e.translated))


@cache
def _words(g: Gazetteer) -> frozenset[str]:
    from mtqa.names.lexicon import english_zipf

    out: set[str] = set()
    for e in g.entries:
        for form in (e.name, *e.english):
            for part in form.replace("-", " ").split():
                if part[:1].isupper() and len(part) > 1 and not (e.extra and english_zipf(part.lower()) >= 3.0):
                    out.add(fold(part))
            if not (e.extra and (len(form) <= 2 or english_zipf(form.lower()) >= 3.0)):
                out.add(fold(form))
    return frozenset(out)


def _entry(raw, kind: str) -> Entry:
    if isinstance(raw, str):
        return Entry(raw, kind)
    return Entry(
        str(raw["name"]),
        kind,
        tuple(str(x) for x in raw.get("english", ()) or ()),
        tuple(str(x) for x in raw.get("translated", ()) or ()),
    )


_KINDS = {
    "counties": "county",
    "police_districts": "police_district",
    "places": "place",
    "outlets": "outlet",
    "institutions": "institution",
    "clubs": "club",
}


@cache
def gazetteer() -> Gazetteer:
    raw = resources.files("mtqa.data").joinpath(GAZETTEER_FILE).read_bytes()
    extra = _translated_bytes()
    data = yaml.load(raw.decode("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    entries = [_entry(item, kind) for key, kind in _KINDS.items() for item in data.get(key, ()) or ()]
    regions = tuple(str(r) for r in data.get("nrk_regions", ()))
    # the second file: an entry of a name and kind the first has adds its renderings there
    at = {(e.kind, e.name): i for i, e in enumerate(entries)}
    more = _translated_data()
    for key, kind in _KINDS.items():
        for item in more.get(key, ()) or ():
            e = _entry(item, kind)
            i = at.get((kind, e.name))
            if i is None:
                at[(kind, e.name)] = len(entries)
                entries.append(Entry(e.name, kind, e.english, e.translated, extra=True))
                continue
            old = entries[i]
            entries[i] = Entry(old.name, kind, old.english + tuple(x for x in e.english if x not in old.english),
                               old.translated + tuple(x for x in e.translated if x not in old.translated), old.extra)
    return Gazetteer(tuple(entries), regions, hashlib.sha256(raw + extra).hexdigest())


@cache
def _translated_bytes() -> bytes:
    return resources.files("mtqa.data").joinpath(TRANSLATED_FILE).read_bytes()


@cache
def _translated_data() -> dict:
    return yaml.load(_translated_bytes().decode("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader


@cache
def english_names() -> frozenset[str]:
    """Renderings of places that English writes as names of their own or capitalised for
    other reasons ("Greenland", "Paradise"): read as a place only in the narrow slots."""
    return frozenset(str(x) for x in _translated_data().get("english_names", ()) or ())


@dataclass(frozen=True)
class Garble:
    start: int
    end: int
    written: str
    name: str  # the gazetteer's spelling
    context: str  # the gazetteer name it was found in


@cache
def _tails(g: Gazetteer) -> dict[str, set[str]]:
    """The rest of each multi-word gazetteer name after its first word:
    ``University Hospital`` -> {``Akershus``, ``Oslo``, ...}."""
    out: dict[str, set[str]] = {}
    for e in g.entries:
        for form in (e.name, *e.english):
            parts = form.split(" ", 1)
            if len(parts) == 2 and parts[1][:1].isupper() and len(parts[0]) >= 4:
                out.setdefault(parts[1], set()).add(parts[0])
    return out


@cache
def _tail_pattern(g: Gazetteer) -> re.Pattern[str]:
    tails = sorted(_tails(g), key=len, reverse=True)
    return re.compile(r"\b([A-ZÆØÅ][a-zæøåéü]+) (" + "|".join(re.escape(t) for t in tails) + r")\b")


@cache
def _region_names(g: Gazetteer) -> frozenset[str]:
    """Single-word names of counties, police districts and NRK's offices."""
    out = {e.name for e in g.entries if e.kind in ("county", "police_district")}
    out |= set(g.nrk_regions)
    return frozenset(n for n in out if " " not in n and "-" not in n)


def garbles(text: str, start: int, end: int) -> list[Garble]:
    """Names near a gazetteer name where one of its names stands: a county after
    "in" or "NRK" ("in Agdar" for Agder), the first word of a multi-word
    name ("Akerhus University Hospital" for Akershus)."""
    from mtqa.names.phonetic import near_spelling

    g = gazetteer()
    tails = _tails(g)
    out: list[Garble] = []
    for m in _tail_pattern(g).finditer(text, start, end):
        word, tail = m.group(1), m.group(2)
        heads = tails[tail]
        if word in heads or g.knows(word):
            continue
        near = [h for h in sorted(heads) if near_spelling(word, h)]
        if len(near) == 1:
            out.append(Garble(m.start(1), m.end(1), word, near[0], f"{near[0]} {tail}"))
    regions = sorted(_region_names(g))
    for m in _REGION_SLOT.finditer(text, start, end):
        word = m.group(1)
        if g.knows(word):
            continue
        near = [r for r in regions if near_spelling(word, r) == 2]
        if len(near) == 1:
            out.append(Garble(m.start(1), m.end(1), word, near[0], near[0]))
    return out


_REGION_SLOT = re.compile(r"\b(?:in|NRK) ([A-ZÆØÅ][a-zæøå]{3,})\b")


#: The endings of a street's name.
_STREET_ENDINGS = ("gata", "gaten", "gate", "veien", "vegen")


@cache
def _single_names(g: Gazetteer) -> dict[str, tuple[str, ...]]:
    """One-word gazetteer names (places, counties, institutions) by the first
    letter of their phonetic key."""
    from mtqa.names.phonetic import key

    out: dict[str, list[str]] = {}
    for e in g.entries:
        if e.kind == "outlet" or e.name.endswith(_STREET_ENDINGS):
            continue  # (a street many towns have, "Storgata", is no place a misspelling means)
        if e.extra and e.kind in ("institution", "club"):
            continue  # (a venue, a company or a club listed for its word-for-word English, not as a place)
        for form in (e.name, *e.english):
            if " " not in form and len(form) >= 6 and form[:1].isupper():
                out.setdefault(key(form)[:1], []).append(form)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def near_place(word: str) -> str | None:
    """The one gazetteer name that ``word`` is a near spelling of ("Lillehamer"
    -> "Lillehammer"), if ``word`` itself is no gazetteer name."""
    from mtqa.names.phonetic import key, near_spelling

    g = gazetteer()
    if len(word) < 6 or g.knows(word):
        return None
    pool = _single_names(g).get(key(word)[:1], ())
    near = [n for n in pool if abs(len(n) - len(word)) <= 2 and near_spelling(word, n)]
    if len(near) != 1 or transliteration(word, near[0]):
        return None  # "Tromsoe" is how English writes Tromsø
    return near[0]


_TRANSLITERATIONS = {"ø": ("oe", "o"), "å": ("aa", "a"), "æ": ("ae", "e"), "ö": ("oe", "o"), "ä": ("ae", "a")}


def transliteration(word: str, name: str) -> bool:
    """Whether ``word`` writes ``name`` with its Norwegian letters spelled out
    ("Tromsoe", "Baerum", "Aalesund" for Tromsø, Bærum, Ålesund)."""
    forms = [""]
    for c in name.lower():
        options = _TRANSLITERATIONS.get(c, (c,))
        forms = [f + o for f in forms for o in options]
        if len(forms) > 64:
            return False
    return word.lower() in forms
