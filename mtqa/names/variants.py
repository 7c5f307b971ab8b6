"""Group the spellings of one name and choose the canonical one.

Spellings are grouped per *slot*: the surnames (last word of a person's name, or
a name alone) and the given names of people who share a surname.  Two surname
spellings are one person's when they are phonetically similar
(:func:`mtqa.names.phonetic.similarity`) and

- they are written with the same (or a similar) given name, or
- at least one of them is attested in no word list (real names usually are)
  and the match is strong, or the other is attested, or one is a surname used
  alone that was never introduced with a given name; or they differ in
  diacritics alone ("Store" / "Støre"),

and never when both are written with given names that are not alike (two
people: "Jens Stoltenberg" and "Thorvald Stoltenberg" share a surname; "Per
Nilsen" and "Ola Nielsen" are two people).  A surname never written with a
given name that is a near spelling (:func:`mtqa.names.phonetic.near_spelling`)
of a person's introduced in full is that person's, attested or not ("Wollan"
for "Vollan"), unless both are common surnames (Nilsen / Nielsen) or short
attested names a letter apart (Lie / Lien); but a surname alone written for
someone who speaks ("says Dahl.") and close to one introduced in full
("defender Marius Dal") is that person's however common both are, news
introducing the people who speak.  Spellings that differ only in
Norwegian letters are one name whoever is named with them.  Given names are
grouped when their surnames are one and the given names are similar, or one
is a known given name and the other a garble of it ("Oistein" / "Øystein").

Place names, roads and institutions are grouped in :mod:`mtqa.names.places`
and their spelling chosen by :func:`choose_place`.

The canonical spelling is chosen in this order: the Norwegian source, the user
glossary, attestation in word lists (a spelling not in the article counts when
it is attested and every spelling in the article is one edit from it), the
reference model (a hook, see :func:`model_choice`), then the spelling written in
a full name, the majority, the first.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from rapidfuzz.distance import OSA

from mtqa.model import Document
from mtqa.names.figures import figure_names as all_figure_names
from mtqa.names.figures import figures, name_words
from mtqa.names.glossary import Glossary
from mtqa.names.lexicon import ATTESTED, LANGS, UNATTESTED, attestation, attested_neighbours, words
from mtqa.names.mentions import Analysis, Mention, Token, analyse
from mtqa.names.phonetic import distance, fold, near_spelling, similarity, skeleton, transliterated
from mtqa.names.places import place_groups, place_spellings

if TYPE_CHECKING:
    from mtqa.checks.base import CheckContext

_LANG_NAMES = {
    "nb": "Norwegian", "sv": "Swedish", "da": "Danish", "en": "English", "de": "German",
    "nl": "Dutch", "fr": "French", "fi": "Finnish", "es": "Spanish", "it": "Italian",
    "pl": "Polish",
}
assert set(LANGS) <= set(_LANG_NAMES)
#: Two spellings both this frequent are two common names (Nilsen, Nielsen):
#: a near spelling alone does not make them one person's.
COMMON_SURNAME = 3.5
_SOURCE_WORD = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")


class Place(Protocol):
    """Where a spelling is written: a Token, or across documents each
    document's Finding (:meth:`mtqa.checks.names.InconsistentNameSpelling.finish_collected`)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass
class Spelling:
    text: str
    tokens: list[Place] | list[Token] = field(default_factory=list)
    person: bool = False  # written in a mention with evidence of a person
    full: bool = False  # written as part of a full name
    given: set[str] = field(default_factory=set)  # given names it is written with
    #: Names written right before it that are no given name: middle names, a double
    #: surname's first half ("Eide" of "Sunniva Eide Mathisen" and of "Eide Mathiesen").
    middles: set[str] = field(default_factory=set)
    #: Written alone as someone who speaks ("says Dahl.", "Holmen says", "Kleven denies").
    speaks: bool = False
    #: Written alone as the subject that opens its sentence ("Solbakk himself gave birth ...").
    leads: bool = False
    #: Written after a title or a role ("Prime Minister Støre", "mayor Kleven").
    titled: bool = False
    #: Written in a full name brought in as someone's kin by birth ("The son Per Lie", "Her daughter Kari Lie").
    kin: bool = False

    @property
    def count(self) -> int:
        return len(self.tokens)


@dataclass
class Choice:
    canonical: str
    reason: str  # why, for the message
    confidence: float
    step: str  # source, glossary, attested, outside, diacritics, full-name, majority


@dataclass
class Cluster:
    slot: str  # "surname" or "given"
    spellings: dict[str, Spelling]
    choice: Choice

    def deviants(self) -> list[Spelling]:
        return [s for t, s in self.spellings.items() if t != self.choice.canonical]


def source_words(text: str | None) -> dict[str, str]:
    """Capitalised words of the Norwegian source: folded form -> as written."""
    out: dict[str, str] = {}
    for w in _SOURCE_WORD.findall(text or ""):
        if w[:1].isupper():
            w = re.sub(r"['’]s$", "", w)
            out.setdefault(w.lower(), w)
    return out


def describe_attestation(spelling: str) -> str:
    z, lang = attestation(spelling)
    if not lang:
        return "in no word list"
    return f"Zipf {z:.1f} in {_LANG_NAMES.get(lang, lang)}"


# -- grouping ----------------------------------------------------------------------

class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, items) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for x in items:
            out.setdefault(self.find(x), []).append(x)
        return [g for g in out.values() if len(g) > 1]


def given_compatible(x: str, y: str) -> bool:
    """Two given names that may be one person's: alike, or one a garble of the
    other (a spelling that is no known given name, starting like one: "Ibra" /
    "Ibrahim", "Oistein" / "Øystein")."""
    if x == y or similarity(x, y) or near_spelling(x, y):
        return True
    w = words()
    fx, fy = fold(x), fold(y)
    if ("-" in x or "-" in y) and {fold(p) for p in x.split("-")} & {fold(p) for p in y.split("-")}:
        return True  # a double name and its half, or with the other half garbled: "Tor-Erik" / "Tor"
    if w.is_first_name(x) and w.is_first_name(y):
        return False
    # one the start of the other ("Ibra" / "Ibrahim"), or three letters alike: "Callum"
    # is not "Casper" garbled
    return len(fx) >= 2 and len(fy) >= 2 and (fx.startswith(fy) or fy.startswith(fx) or fx[:3] == fy[:3])


def _alike(a: set[str], b: set[str]) -> bool:
    return any(given_compatible(x, y) for x in a for y in b)


def _a_place(name: str) -> bool:
    """Whether the gazetteer of Norway knows ``name`` as a place."""
    from mtqa.names.gazetteer import gazetteer

    return gazetteer().knows(name)


def _close(a: str, b: str) -> bool:
    """Spellings an engine or a writer makes of one surname: an edit apart with a
    transposition counted as one ("Lien" / "Lein", "Dal" / "Dahl", "Moe" / "Moen"), a
    suffix apart ("Holm" / "Holmen"), two edits apart in a long name ("Pedersen" /
    "Pettersen", "Kristiansen" / "Christiansen")."""
    x, y = a.lower(), b.lower()
    if x == y or x + "s" == y or y + "s" == x:
        return False  # "the Rustads say": the family, not a spelling
    if OSA.distance(x, y) <= 1:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 3 and long_.startswith(short) and long_[len(short):] in ("en", "sen", "son"):
        return True
    return min(len(x), len(y)) >= 7 and OSA.distance(x, y) <= 2


def _a_speaker_misspelled(a: Spelling, b: Spelling) -> bool:
    """A surname never introduced with a given name, written for someone who speaks
    ("says Dahl"), a close spelling of a person's introduced in full ("defender Marius
    Dal") or by a role alone ("fire chief Sandvik" beside "Sandvig says"): news introduces
    the private people who speak, so the speaker is that person, whatever the word lists
    count of the two spellings (both may be common surnames).
    Not a person of the news named by the surname alone ("Prime Minister Støre says"
    beside "Kari Støle"), nor two families' letters ("Jansen" beside "Ole Hansen")."""
    if a.given or b.given:
        if bool(a.given) == bool(b.given):
            return False
        introduced, alone = (a, b) if a.given else (b, a)
    elif a.titled != b.titled:
        # "says fire chief Sandvik ... / Sandvig says": one introduced by a role alone, the
        # other never introduced, opening its sentences to speak (not "Neighbour Sandvig
        # says", a role the lists lack; not "Berge scored twice": a player of a match report)
        introduced, alone = (a, b) if a.titled else (b, a)
        if not (alone.speaks and alone.tokens and all(getattr(tok, "initial", False) for tok in alone.tokens)):
            return False
    else:
        return False
    if not ((alone.speaks or (alone.leads and not _a_place(alone.text))) and not alone.full and introduced.person and _close(a.text, b.text)):
        return False
    if alone.titled and alone.text in name_words():
        return False  # "Prime Minister Støre says": a person of the news, named by title and surname
    # one family's letters: the same first letter ("Dal" / "Dahl") or the same sound
    # ("Kristiansen" / "Christiansen"), not "Hansen" / "Jansen"
    return a.text[:1].lower() == b.text[:1].lower() or similarity(a.text, b.text) > 0


def same_surname(a: Spelling, b: Spelling) -> bool:
    """Whether two surname spellings are one person's (see the module docstring)."""
    if _a_speaker_misspelled(a, b):
        return True
    sim = similarity(a.text, b.text)
    near = near_spelling(a.text, b.text)
    if not (sim or near):
        return False
    if not (a.person or b.person):
        return False
    if fold(a.text) == fold(b.text):
        w = words()
        known_a = {g for g in a.given if w.is_first_name(g)}
        known_b = {g for g in b.given if w.is_first_name(g)}
        if known_a and known_b and not _alike(known_a, known_b):
            return False  # "Tore André Flo" and "Per Flø": two people, each with a given name of their own
        return True  # "Søreide" / "Soreide": the letters MT drops, whoever else is named
    if a.middles & b.middles:
        # "Sunniva Eide Mathisen" and "Eide Mathiesen": a double surname whose first half is
        # written alike, the second near, is one person's, common as both spellings are
        return True
    if a.given and b.given:
        return _alike(a.given, b.given) or _one_family(a, b)
    if transliterated(a.text, b.text):
        return True  # "Jon-Ivar Nygård" and "says Nygaard": one name, with and without "å"
    za, zb = attestation(a.text)[0], attestation(b.text)[0]
    introduced = a if a.given else b
    alone = b if a.given else a
    if bool(a.given) != bool(b.given) and _a_place(alone.text) and not _a_place(introduced.text):
        return False  # "actor Ingrid Oppedal" and "the mountains above Oppdal": a person and a place
    if bool(a.given) != bool(b.given) and near and introduced.person:
        # news names a person in full first and by the surname after: a surname
        # never written with a given name that is a near spelling of one that
        # is, is that person's, attested or not; a short pair of attested names
        # needs a phonetic match (Lie / Lien, Moe / Mo are two families)
        if min(za, zb) >= COMMON_SURNAME:
            return False  # Nilsen / Nielsen, Johansen / Johnsen: two families
        if min(za, zb) >= ATTESTED and min(len(a.text), len(b.text)) <= 5 and near < 2:
            return False
        return True
    if not sim:
        return False
    if min(za, zb) >= UNATTESTED:
        return False
    # one is unattested: a strong (phonetic) match, or a weak one to a name
    # that is attested, or to the full name that a surname used alone (and
    # never introduced) can only refer to
    if sim == 2 or max(za, zb) >= ATTESTED:
        return True
    return bool(a.given) != bool(b.given) and min(len(a.text), len(b.text)) >= 6


def of_one_family(cluster: Cluster) -> bool:
    """Whether a surname cluster holds the name of people with given names that cannot be
    one person's ("Stig Rugland" and "the son Håvard Rygland"): one family's name, not one
    person's."""
    if cluster.slot != "surname" or not any(s.kin for s in cluster.spellings.values()):
        return False
    given = [s.given for s in cluster.spellings.values() if s.given]
    return any(not _alike(a, b) for n, a in enumerate(given) for b in given[n + 1 :])


def _one_family(a: Spelling, b: Spelling) -> bool:
    """Two people's surnames, one of them brought in as kin ("Stig Rugland ... The son
    Håvard Rygland (19)"): a family's one name, spelled two ways, where the two are an
    edit apart with the same first letter and not both common ("The son Per Hansen" beside
    "Kari Jansen" are two families)."""
    if not (a.kin or b.kin) or min(len(a.text), len(b.text)) < 5:
        return False
    x, y = a.text.lower(), b.text.lower()
    if x[0] != y[0] or x + "s" == y or y + "s" == x or OSA.distance(x, y) > 1:
        return False
    return min(attestation(a.text)[0], attestation(b.text)[0]) < COMMON_SURNAME


#: A noun of kin by birth right before a full name: "The son ", "Her mother ", "her daughter, ".
_KIN_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?:eldest|oldest|youngest|younger|older|elder|late|twin)\s+)?"
    # (kin by birth, who most often bear the family's name: not a spouse, a cousin or a step-parent)
    r"(?:son|daughter|mother|father|mum|mom|dad|brother|sister|grandson|granddaughter|"
    r"grandmother|grandfather|grandchild|great-grandchild),?\s+$"
)


def surname_text(m: Mention) -> str:
    """The surname of a mention as written, with a capitalised particle before it
    ("El Ouazzani", "Van Dijk")."""
    last = m.last
    assert last is not None
    slots = m.slots()
    if len(slots) >= 3 and slots[-2].lower in words().particles:
        return f"{slots[-2].text} {last.text}"
    return last.text


def surname_spellings(analysis: Analysis) -> dict[str, Spelling]:
    out: dict[str, Spelling] = {}
    for m in analysis.mentions:
        if m.kind == "org":
            continue
        last = m.last
        if last is None:
            continue
        text = surname_text(m)
        s = out.setdefault(text, Spelling(text))
        s.tokens.append(last)
        s.person |= m.kind == "person"
        if m.full and m.first is not None:
            s.full = True
            s.given.add(m.first.text)
            first = m.tokens[0].start
            s.kin |= _KIN_BEFORE.search(analysis.doc.text, max(0, first - 40), first) is not None
        elif len(m.tokens) == 1 and m.kind != "org" and _speaks(analysis, last):
            s.speaks = True
        elif len(m.tokens) == 1 and m.kind == "name" and _leads_sentence(analysis, last) and not _named_as_place(
            analysis.doc.text, text
        ):
            s.leads = True
        if m.title or m.role:
            s.titled = True
        slots = m.slots()
        if m.kind == "person" and len(slots) >= 3:
            s.middles.update(t.text for t in slots[1:-1])
        elif len(slots) == 2 and not words().is_first_name(slots[0].text):
            s.middles.add(slots[0].text)
    return out


#: The end of a clause right after a speaker's name: '... , says Dahl.', 'says Dahl to NRK'.
_SPEAKER_END = re.compile(r"\s*(?:[.,;:!?»”\"]|$|\s+(?:to|in|on|at|of|for)\b)", re.MULTILINE)


def _speaks(analysis: Analysis, token: Token) -> bool:
    """Whether a name word alone is the speaker of its sentence: right before a verb of
    saying ("Holmen says", "Kleven denies") or right after one at a clause's end ("says Lein.")."""
    tokens = analysis.tokens
    i = bisect.bisect_left(analysis.token_starts, token.start)
    if i >= len(tokens) or tokens[i].start != token.start:
        return False
    verbs = words().speech_verbs
    text = analysis.doc.text
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == token.sentence else None
    if nxt is not None and nxt.lower in verbs and text[token.end : nxt.start] == " " and not token.possessive:
        return True
    prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == token.sentence else None
    if prev is not None and _ACCORDING_TO.search(text, max(0, token.start - 16), token.start):
        return True  # "According to Dale, the mud caused ...": what the name said
    return (
        prev is not None
        and prev.lower in verbs
        and text[prev.end : token.start] == " "
        and bool(_SPEAKER_END.match(text, token.end))
    )


#: "according to " right before a name alone: the name is the source of what is said.
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to $")


def _named_as_place(text: str, name: str) -> bool:
    """Whether the article writes ``name`` after a word of place anywhere ("visited Lund",
    "in Sand"): a place, not a surname."""
    return re.search(rf"\b(?:in|at|to|from|near|outside|visited|visit|visits|visiting)\s+{re.escape(name)}\b", text) is not None


def _leads_sentence(analysis: Analysis, token: Token) -> bool:
    """Whether a name word alone opens its sentence as its subject: a verb of saying, a past
    form of an act or an intensive pronoun after it ("Solbakk himself gave birth", "Solbakk
    pointed out that ...")."""
    tokens = analysis.tokens
    i = bisect.bisect_left(analysis.token_starts, token.start)
    if i >= len(tokens) or tokens[i].start != token.start or not token.initial or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt.sentence != token.sentence or analysis.doc.text[token.end : nxt.start] != " " or not nxt.text[:1].islower():
        return False
    return nxt.lower in ("himself", "herself") or nxt.lower in words().speech_verbs or _A_VERB.fullmatch(nxt.lower) is not None


#: A finite verb's look, a past form of an act ("gave", "pointed"; not "is", "has": "Lund is
#: home to a university" is a place).
_A_VERB = re.compile(r"(?:[a-z]+ed|gave|took|got|went|made|said|told|won|lost|came|left|became|began)")


def group_surnames(spellings: dict[str, Spelling]) -> list[list[str]]:
    names = sorted(spellings)
    u = _Union()
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if same_surname(spellings[a], spellings[b]):
                u.union(a, b)
    return u.groups(names)


def given_spellings(analysis: Analysis, surname_of: dict[str, str]) -> dict[str, dict[str, Spelling]]:
    """Given names per person (surname group): group id -> given spelling -> Spelling."""
    out: dict[str, dict[str, Spelling]] = {}
    for m in analysis.mentions:
        if m.kind == "org" or not m.full:
            continue
        first = m.first
        assert first is not None  # full: two name slots or more
        surname = surname_text(m)
        group = surname_of.get(surname, surname)
        s = out.setdefault(group, {}).setdefault(first.text, Spelling(first.text, person=True, full=True))
        s.tokens.append(first)
    return out


def middle_spellings(analysis: Analysis, surname_of: dict[str, str]) -> dict[tuple[str, str], dict[str, Spelling]]:
    """The middle names of people named with three name words or more, per (given
    name, surname group): "Øvrebø" of "Marte Øvrebø Lunde".  A mention of two words
    whose first is no known given name and whose surname is such a person's counts
    its first word as the middle one ("Knudsen Hegdal" beside "Sissel Knutsen
    Hegdal": a double surname written without the given name)."""
    w = words()
    out: dict[tuple[str, str], dict[str, Spelling]] = {}
    short: list[tuple[str, Token]] = []
    for m in analysis.mentions:
        if m.kind != "person" and not (m.kind == "name" and len(m.slots()) == 2):
            continue
        slots = m.slots()
        if len(slots) >= 3 and slots[-2].lower not in w.particles:
            group = surname_of.get(surname_text(m), surname_text(m))
            for tok in slots[1:-1]:
                key = (slots[0].text, group)
                s = out.setdefault(key, {}).setdefault(tok.text, Spelling(tok.text, person=True, full=True))
                s.tokens.append(tok)
        elif len(slots) == 2 and not w.is_first_name(slots[0].text):
            short.append((surname_of.get(slots[1].text, slots[1].text), slots[0]))
    for group, tok in short:
        keys = [k for k in out if k[1] == group]
        if len(keys) == 1:
            s = out[keys[0]].setdefault(tok.text, Spelling(tok.text, person=True))
            s.tokens.append(tok)
    return out


def _half_of(part: str, double: str) -> bool:
    """Whether ``part`` is one half of the double given name ``double`` ("Per", "Per-Ivar")."""
    return "-" in double and part in double.split("-")


def _a_figure(given_names: set[str], surname: str) -> bool:
    """Whether a person of the news is called ``surname`` with one of ``given_names``,
    or with a double given name one of them begins ("Jon" of "Jon-Ivar Nygård")."""
    for f in figures():
        parts = f.name.split()
        if len(parts) >= 2 and parts[-1] == surname:
            first = parts[0]
            if first in given_names or first.split("-")[0] in given_names:
                return True
    return False


@dataclass(frozen=True)
class _Span:
    """A stretch of text that is one spelling: "Per Ivar" of "Per Ivar Gjerde"."""

    start: int
    end: int


def _hyphen_clusters(
    analysis: Analysis, surname_of: dict[str, str], src: dict[str, str] | None, glossary: Glossary | None,
    ctx: CheckContext | None, source: str | None = None,
) -> list[Cluster]:
    """A double given name written with a hyphen and without ("Per-Ivar Gjerde" /
    "Per Ivar Gjerde"): one person's, spelled two ways."""
    text = analysis.doc.text
    figure_names = all_figure_names()
    by_person: dict[str, dict[str, Spelling]] = {}
    for m in analysis.mentions:
        slots = m.slots()
        if m.kind != "person" or len(slots) < 2 or slots[-2].lower in words().particles:
            continue
        given = text[slots[0].start : slots[-2].end]
        if not re.fullmatch(r"[^\W\d_]+(?:[ -][^\W\d_]+)+", given) or given.count(" ") + given.count("-") != 1:
            continue  # two given names, nothing else between them
        group = surname_of.get(surname_text(m), surname_text(m))
        _add_span(by_person.setdefault(group, {}), given, slots[0].start, slots[-2].end)
    # a double given name used alone, as royals' are ("Mette-Marit" / "Mette Marit"): both
    # halves given names, no surname after either form
    alone: dict[str, Spelling] = {}
    for m in analysis.mentions:
        slots = m.slots()
        whole = text[m.start : m.end]
        if m.kind not in ("person", "name") or not 1 <= len(slots) <= 2:
            continue
        parts = re.fullmatch(r"([^\W\d_]+)[ -]([^\W\d_]+)", whole)
        if parts is None or not all(words().is_first_name(x) for x in parts.groups()):
            continue
        _add_span(alone, whole, m.start, m.end)
    if any("-" in g for g in alone) and any(" " in g for g in alone):
        by_person.setdefault("", {}).update(alone)
    out = []
    for surname, spellings in sorted(by_person.items()):
        forms: dict[str, list[str]] = {}
        for given in spellings:
            forms.setdefault(given.replace("-", " "), []).append(given)
        for written in forms.values():
            if len(written) != 2:
                continue
            members = {g: spellings[g] for g in written}
            in_source = [g for g in written if source and re.search(rf"(?<![\w-]){re.escape(g)}(?![\w-])", source)]
            if len(in_source) == 1:
                # the source's spelling, which its single words cannot say ("Per Ivar")
                choice = Choice(in_source[0], f"the Norwegian source writes '{in_source[0]}'", 0.95, "source")
            else:
                known = [g for g in written if f"{g} {surname}".strip() in figure_names]
                choice = _choose_known(members, known, src, glossary, ctx)
            out.append(Cluster("given", members, choice))
    return out


def _add_span(spellings: dict[str, Spelling], written: str, start: int, end: int) -> None:
    """Count the text from ``start`` to ``end`` as one more place of ``written``."""
    place: list[Place] = [_Span(start, end)]
    if written in spellings:
        spellings[written].tokens.extend(place)  # type: ignore[arg-type]  # a list of places, as built here
    else:
        spellings[written] = Spelling(written, tokens=place, person=True, full=True)


def _known_choice(name: str) -> Choice:
    """The spelling ``name`` of a person of the news (``mtqa/data/people.tsv``)."""
    return Choice(name, f"'{name}' is the spelling of a person in Norwegian news", 0.8, "people")


def _choose_known(
    members: dict[str, Spelling], known: list[str], src: dict[str, str] | None, glossary: Glossary | None,
    ctx: CheckContext | None,
) -> Choice:
    """The one spelling of ``members`` that names a person of the news (``known``), when no
    source is given; else the evidence of :func:`choose`."""
    if len(known) == 1 and not src:
        return _known_choice(known[0])
    return choose(members, src, glossary, ctx)


def _middle_clusters(
    analysis: Analysis, surname_of: dict[str, str], src: dict[str, str] | None, glossary: Glossary | None,
    ctx: CheckContext | None,
) -> list[Cluster]:
    out = []
    w = words()
    figure_names = all_figure_names()
    for (given, surname), middle in sorted(middle_spellings(analysis, surname_of).items()):
        names = sorted(middle)
        u = _Union()
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if not (fold(a) == fold(b) or transliterated(a, b) or similarity(a, b) or near_spelling(a, b)):
                    continue
                if w.is_first_name(a) and w.is_first_name(b) and not (
                    {f"{given} {a} {surname}", f"{given} {b} {surname}"} & figure_names
                ):
                    continue  # "Anne Marie Lund" and her daughter "Anne Maria Lund": two known names
                u.union(a, b)
        for group in u.groups(names):
            if len(group) > 1:
                members = {n: middle[n] for n in group}
                # "Jan Christian Vestre", not "Jan Kristian Vestre": a person in the news
                known = [n for n in group if f"{given} {n} {surname}" in figure_names]
                out.append(Cluster("middle", members, _choose_known(members, known, src, glossary, ctx)))
    return out


def _one_vowel_apart(a: str, b: str) -> bool:
    """Two spellings of one length that differ in one vowel ("Even" / "Evan", "Durek" /
    "Derek"); not a name and its feminine form ("Adrian" / "Adriana")."""
    x, y = a.lower(), b.lower()
    diff = [(p, q) for p, q in zip(x, y) if p != q]
    return len(x) == len(y) and len(diff) == 1 and all(c in "aeiouyæøå" for c in diff[0])


#: Spellings of one given name in Norwegian and its neighbours (general knowledge): a
#: translation or a writer may put one for the other ("Eirik" / "Erik", "Pål" / "Paul");
#: two people of one surname are seldom named so in one article.
_FORMS_OF_ONE_NAME = tuple(
    frozenset(group.split("/"))
    for group in (
        "erik/eirik/eric/erick", "kristian/christian", "kristoffer/christoffer/christopher/kristofer",
        "kristine/christine", "kristina/christina", "tor/thor", "tore/thore", "torbjørn/thorbjørn",
        "torstein/thorstein", "torleif/thorleif", "henrik/hendrik", "fredrik/frederik/frederick",
        "mathias/matthias/mattias", "karl/carl", "karin/carin", "katrine/kathrine/cathrine/catrine",
        "karoline/caroline", "sofie/sophie", "sofia/sophia", "tomas/thomas", "teodor/theodor",
        "pål/paul", "olav/olaf", "nils/niels", "kjetil/ketil", "camilla/kamilla", "cecilie/sesilie",
        "elisabeth/elisabet/elizabeth", "steinar/steiner", "ragnhild/ragnhil", "gunnhild/gunhild",
        "mikael/michael", "jakob/jacob", "isak/isaac", "josef/joseph", "rikard/richard",
        "viktor/victor", "ludvig/ludwig", "gustav/gustaf", "susanne/suzanne",
        "annika/annica", "monika/monica", "veronika/veronica", "rebekka/rebecca", "jonatan/jonathan",
        "petter/peter", "jon/john",
    )
)
#: The English forms of those names, which an engine writes for the Norwegian one ("Petter
#: Rustad" ... "Peter Rustad"); the Norwegian form is taken where the article writes it first
#: or more often (some Norwegians are John or Peter).
_ENGLISH_FORMS = frozenset(
    "peter john eric erick christopher frederick michael jacob isaac joseph richard paul olaf jonathan".split()
)


#: Each spelling of the table, to its group.
_FORM_GROUP = {name: group for group in _FORMS_OF_ONE_NAME for name in group}


def _forms_of_one_name(a: str, b: str) -> bool:
    x, y = a.lower(), b.lower()
    return x != y and y in _FORM_GROUP.get(x, ())


#: A noun of one's kin ("his son, Tor Aasen", "the farm his grandfather left"): two spellings
#: of one name in sentences that name a relative are a family's two people (not "family",
#: "parents", "children": words of sentences about one person too).
_KIN_WORD = re.compile(
    r"\b(?:(?:great-)*(?:grand)?(?:sons?|daughters?|father|mother)|dad|mum|mom|brothers?|sisters?|cousins?|"
    r"uncle|aunt|nephew|niece|twins?|husband|wife|namesakes?|junior|senior|Jr|Sr)\b",
    re.I,
)


def _kept_apart(analysis: Analysis, a: Spelling, b: Spelling) -> bool:
    """Whether the article shows two people: both spellings in one sentence ("Sofie
    Hansen and Sophie Hansen are not related"), or a noun of kin in a sentence of either
    ("his son, Tor Aasen", "Carl Dalheim's great-grandson")."""
    doc = analysis.doc
    starts = [s.start for s in doc.sentences]
    sentences_a = {bisect.bisect_right(starts, p.start) - 1 for p in a.tokens}
    sentences_b = {bisect.bisect_right(starts, p.start) - 1 for p in b.tokens}
    if sentences_a & sentences_b:
        return True
    return any(
        _KIN_WORD.search(doc.text, doc.sentences[i].start, doc.sentences[i].end) for i in sentences_a | sentences_b if i >= 0
    )


def _double_names_one_half_apart(a: str, b: str) -> bool:
    """Two double given names alike but for one half, whose two spellings sound alike
    ("Anne-Karin" / "Anne-Karen", "Jon-Ivar" / "Jon-Iver")."""
    pa, pb = a.split("-"), b.split("-")
    if len(pa) < 2 or len(pa) != len(pb):
        return False
    differ = [(x, y) for x, y in zip(pa, pb) if fold(x) != fold(y)]
    return len(differ) == 1 and (_one_vowel_apart(*differ[0]) or bool(similarity(*differ[0])))


def same_given(a: Spelling, b: Spelling) -> bool:
    sim = similarity(a.text, b.text)
    w = words()
    if _forms_of_one_name(a.text, b.text):
        return True  # "Eirik Mathisen" beside "Erik Mathisen": one name, two spellings
    if w.is_first_name(a.text) != w.is_first_name(b.text) and given_compatible(a.text, b.text):
        return True  # "Oistein" beside "Øystein": a known given name and a garble of it
    if _double_names_one_half_apart(a.text, b.text):
        return True  # "Anne-Karin" beside "Anne-Karen": one half kept, the other garbled
    if transliterated(a.text, b.text):
        return True
    if not (w.is_first_name(a.text) or w.is_first_name(b.text)) and _one_vowel_apart(a.text, b.text):
        # one surname, and given names that sound alike, neither in the lists of given
        # names: one person's, the engine's English name put for the other ("Evan" for
        # "Even"); siblings' names that sound alike are known names ("Anne" and "Anna")
        return True
    if not sim:
        return False
    if fold(a.text) == fold(b.text) or sim == 2:
        return True
    return min(attestation(a.text)[0], attestation(b.text)[0]) < UNATTESTED


# -- choosing ------------------------------------------------------------------------

def model_choice(spellings: list[str], contexts: list[str], ctx: CheckContext | None) -> Choice | None:
    """The reference model's preference among ``spellings`` (a hook, not yet wired).

    The fluency issue's scorer (``ctx.scorer``) can tell how plausible each
    spelling is in its sentence; a multilingual model knows many real names.
    When it offers ``prefer_spelling(spellings, contexts) -> (spelling, confidence)``
    that choice is taken here, after the source, the glossary and word lists.
    """
    prefer = _prefer_spelling(ctx)
    if prefer is None:
        return None
    picked = prefer(spellings, contexts)
    if not picked:
        return None
    spelling, confidence = picked
    return Choice(spelling, f"the reference model finds '{spelling}' the most plausible", confidence, "model")


def _prefer_spelling(ctx: CheckContext | None):
    """The scorer's ``prefer_spelling``, when it has one (no scorer has yet)."""
    return getattr(ctx.scorer, "prefer_spelling", None) if ctx is not None else None


def choose(  # noqa: C901 - the evidence for a canonical spelling, strongest first
    spellings: dict[str, Spelling],
    source: dict[str, str] | None = None,
    glossary: Glossary | None = None,
    ctx: CheckContext | None = None,
    contexts: list[str] | None = None,
    given: bool = False,
) -> Choice:
    names = list(spellings)
    # 1. the Norwegian source
    if source:
        written = [n for n in names if n.lower() in source]
        if len(written) == 1:
            return Choice(written[0], f"the Norwegian source writes '{written[0]}'", 0.95, "source")
        near = [w for w in source.values() if all(similarity(w, n) for n in names)]
        if len(near) == 1:
            return Choice(near[0], f"the Norwegian source writes '{near[0]}'", 0.9, "source")
        near = [w for w in source.values() if any(similarity(w, n) for n in names)]
        if len(near) == 1:
            return Choice(near[0], f"the Norwegian source writes '{near[0]}'", 0.8, "source")
    # 2. the glossary
    if glossary is not None:
        canon = glossary.words
        written = [n for n in names if n.lower() in canon]
        if len(written) == 1:
            return Choice(written[0], f"the glossary spells it '{written[0]}'", 0.95, "glossary")
        wrong = glossary.wrong_words
        fixes = {wrong[n.lower()] for n in names if n.lower() in wrong}
        if len(fixes) == 1:
            fix = fixes.pop()
            return Choice(fix, f"the glossary spells it '{fix}'", 0.95, "glossary")
        near = [w for w in canon.values() if all(similarity(w, n) for n in names)]
        if len(near) == 1:
            return Choice(near[0], f"the glossary spells it '{near[0]}'", 0.85, "glossary")
    # a given name: the spelling that is a known given name ("Øystein", not "Oistein")
    if given:
        known = [n for n in names if words().is_first_name(n)]
        if len(known) == 1:
            return Choice(known[0], f"'{known[0]}' is a known given name", 0.75, "given-name")
        if all(_forms_of_one_name(a, b) for a in names for b in names if a != b):
            english = [n for n in names if n.lower() in _ENGLISH_FORMS]
            norwegian = [n for n in names if n not in english]
            if len(names) == 2 and len(english) == 1 and _most_used(spellings, names)[0] == norwegian[0]:
                # (where the Norwegian form is the article's first or more frequent: "John
                # Fredriksen" is a Norwegian's English name, and one stray "Jon" is the slip)
                return Choice(
                    norwegian[0],
                    f"'{norwegian[0]}' is the Norwegian form, '{english[0]}' the English one an engine writes",
                    0.6, "given-name",
                )
            # "Eirik" / "Erik": both real, so no word list tells; the article's own use does
            top, more = _most_used(spellings, names)
            if more:
                return Choice(top, f"'{top}' is the article's more frequent spelling", 0.5, "majority")
            return Choice(top, f"'{top}' is the spelling the article introduces", 0.45, "first")
    # one name with and without its diacritics or Nordic letters ("Eldén" / "Elden", "Ødegård"
    # / "Ødegaard"): a person of the news is spelled as the list spells them ("John Christian
    # Elden" ... "said Eldén": the lawyer is Elden)
    diacritics = len({fold(n) for n in names}) == 1
    transliteration = any(transliterated(a, b) for a in names for b in names)
    if diacritics or transliteration:
        given_names = {g for n in names for g in spellings[n].given}
        known = [n for n in names if _a_figure(given_names, n)]
        if len(known) == 1:
            return _known_choice(known[0])
    # diacritics: variants that differ only in them keep them
    if diacritics:
        marked = [n for n in names if n != fold(n) and n.lower() != fold(n)]
        if len(marked) == 1:
            return Choice(
                marked[0], f"'{marked[0]}' keeps the letters the others drop", 0.8, "diacritics"
            )
    # with and without the Nordic letters: word lists count the families (or a famous bearer)
    # of each, not this person, whose spelling is the one the article introduces in full
    if transliteration:
        full = [n for n in names if spellings[n].full]
        if len(full) == 1:
            return Choice(full[0], f"'{full[0]}' is the spelling of the full name", 0.6, "full-name")
    # three spellings or more, one of them written three times as often as each other or
    # more (and three times or more), and no other far better attested: the article's
    # spelling, the others its slips ("Løvlie" seven times beside one "Løvli" and one
    # "Lovlie"; not "Heitfeldt" four times beside the attested "Huitfeldt")
    if len(names) >= 3:
        top, *rest = sorted(names, key=lambda n: -spellings[n].count)
        if (
            spellings[top].count >= 3
            and all(spellings[top].count >= 3 * spellings[n].count for n in rest)
            and all(attestation(n)[0] < attestation(top)[0] + 0.5 for n in rest)
        ):
            return Choice(top, f"'{top}' is the article's spelling, the others the odd ones out", 0.55, "majority")
    # 3. attestation in word lists
    zs = sorted(((attestation(n)[0], n) for n in names), reverse=True)
    best_z, best = zs[0]
    second_z = zs[1][0]
    in_news = all_figure_names()
    news_spelled = {
        n for n in names for g in spellings[n].given
        if f"{g} {n}" in in_news or any(f"{g} {m} {n}" in in_news for m in spellings[n].middles)
    }  # ("Ida Wolden Bache" ... "Wolden Bach says": the list has her with her middle name)
    news_person = bool(news_spelled)
    if len(news_spelled) == 1 and best not in news_spelled:
        # a person of the news named in full: the list spells them ("national coach Magnus
        # Brevig" ... "says Brevik", though Brevik, a town, is the better attested word)
        return _known_choice(news_spelled.pop())
    if len(names) == 2 and second_z >= ATTESTED and not news_person:
        # both real names ("Opdahl" / "Opdal"): how often a list counts each family says
        # nothing of this person; an article that writes one of them three times as
        # often, three times or more, spells the person so (unless the other is a person
        # of the news named in full: "Anniken Hauglie")
        top, other = sorted(names, key=lambda n: -spellings[n].count)
        if spellings[top].count >= 3 and spellings[top].count >= 3 * spellings[other].count:
            return Choice(top, f"'{top}' is the article's spelling, '{other}' the odd one out", 0.55, "majority")
        # a person introduced in full and a speaker named by a close surname alone: the
        # introduction spells the person ("Mayor Åse Kleiven" ... "Kleven denies")
        full = [n for n in names if spellings[n].full]
        if len(full) == 1 and any(_a_speaker_misspelled(spellings[full[0]], spellings[n]) for n in names if n != full[0]):
            return Choice(full[0], f"'{full[0]}' is the spelling the person is introduced with", 0.55, "full-name")
    if best_z >= ATTESTED and best_z - second_z >= 0.5:
        others = [n for n in names if n != best]
        unknown = [n for n in others if attestation(n)[0] == 0]
        why = f"'{best}' is the attested spelling ({describe_attestation(best)})"
        if len(unknown) == len(others):
            why += "; " + (f"'{others[0]}' is" if len(others) == 1 else "the others are") + " in no word list"
        conf = min(0.9, 0.65 + 0.1 * (best_z - second_z))
        return Choice(best, why, round(conf, 2), "attested")
    if best_z < ATTESTED:
        outside: dict[str, float] = {}
        for n in names:
            for cand, z in attested_neighbours(n, 2.5):
                if cand in spellings or z < best_z + 1.0:
                    continue
                if all(similarity(cand, m) for m in names):
                    outside[cand] = max(outside.get(cand, 0.0), z)
        if outside:
            ranked = sorted(outside.items(), key=lambda kv: rank_outside(kv[0], kv[1], spellings))
            cand, z = ranked[0]
            tied = [c for c, zz in ranked[1:] if rank_outside(c, zz, spellings)[:2] == rank_outside(cand, z, spellings)[:2]]
            if not tied or z - outside[tied[0]] >= 0.5:
                quoted = " nor ".join(f"'{n}'" for n in sorted(names, key=lambda n: -spellings[n].count)[:2])
                why = (
                    f"'{cand}' is the attested spelling ({describe_attestation(cand)}); "
                    + (f"neither {quoted} is attested" if len(names) == 2
                       else "none of the article's spellings is attested")
                )
                return Choice(cand, why, 0.75 if not tied else 0.6, "outside")
    # 3c. no word list decides: the gazetteer of people in Norwegian news, where one
    # spelling is a listed person's name, or one listed name is near every spelling
    listed = name_words()
    written = [n for n in names if n in listed]
    if len(written) == 1:
        return Choice(written[0], f"'{written[0]}' is the name of a person in Norwegian news", 0.8, "people")
    if not written:
        near = sorted({w for w in listed if all(similarity(w, n) for n in names)})
        if len(near) == 1:
            return Choice(near[0], f"'{near[0]}' is the name of a person in Norwegian news", 0.7, "people")
    # 4. the reference model
    picked = model_choice(names, contexts or [], ctx)
    if picked is not None:
        return picked
    # 5. the full name, the majority, the first
    def rank(n: str):
        s = spellings[n]
        first = min((t.start for t in s.tokens), default=0)
        return (s.full, attestation(n)[0] >= ATTESTED, s.count, -first)

    ordered = sorted(names, key=rank, reverse=True)
    top = ordered[0]
    s = spellings[top]
    if s.full and not spellings[ordered[1]].full:
        return Choice(top, f"'{top}' is the spelling of the full name", 0.5, "full-name")
    if s.count > spellings[ordered[1]].count:
        return Choice(top, f"'{top}' is the most frequent spelling", 0.45, "majority")
    return Choice(top, f"'{top}' comes first", 0.35, "first")


def _most_used(spellings: dict[str, Spelling], names: list[str]) -> tuple[str, bool]:
    """The spelling the article writes most often, else the one it writes first, and
    whether it is written more often than the next."""
    ordered = sorted(names, key=lambda n: (-spellings[n].count, min(t.start for t in spellings[n].tokens)))
    return ordered[0], spellings[ordered[0]].count > spellings[ordered[1]].count


def choose_place(spellings: dict[str, Spelling], source: dict[str, str] | None, glossary: Glossary | None) -> Choice:
    """The spelling of a place: the source's, the glossary's, the gazetteer's,
    an attested one, the most frequent, the first."""
    from mtqa.names.gazetteer import gazetteer

    names = list(spellings)
    if source or glossary is not None:
        picked = choose(spellings, source, glossary)
        if picked.step in ("source", "glossary"):
            return picked
    if len({fold(n) for n in names}) == 1:
        marked = [n for n in names if n != fold(n) and n.lower() != fold(n)]
        if len(marked) == 1:
            return Choice(marked[0], f"'{marked[0]}' keeps the letters the others drop", 0.8, "diacritics")
    known = [n for n in names if gazetteer().knows(n)]
    if len(known) == 1:
        return Choice(known[0], f"'{known[0]}' is the name in the gazetteer of Norway", 0.85, "gazetteer")
    zs = sorted(((attestation(n)[0], n) for n in names), reverse=True)
    if zs[0][0] >= UNATTESTED and zs[1][0] < UNATTESTED:
        best = zs[0][1]
        return Choice(best, f"'{best}' is the attested spelling ({describe_attestation(best)})", 0.7, "attested")
    top, more = _most_used(spellings, names)
    if more:
        return Choice(top, f"'{top}' is the most frequent spelling", 0.5, "majority")
    return Choice(top, f"'{top}' comes first", 0.4, "first")


def rank_outside(cand: str, z: float, spellings: dict[str, Spelling]) -> tuple:
    """Sort key of a spelling from outside the article: same consonants first,
    then the fewest edits from the article's spellings (weighted by use), then
    the most frequent."""
    same = sum(1 for n in spellings if skeleton(n) == skeleton(cand))
    edits = sum(distance(cand, n) * max(1, s.count) for n, s in spellings.items())
    return (-same, edits, -z)


def memo_key(what: str, doc: Document, glossary: Glossary | None) -> str:
    """The key of names data of ``doc`` that depends on its Norwegian source and
    the glossary too (:meth:`Document.memo`): a digest of both is part of it."""
    digest = hashlib.sha256((doc.source or "").encode("utf-8"))
    if glossary is not None:
        digest.update(b"\0" + repr(glossary.entries).encode("utf-8"))
    return f"names.{what}:{digest.hexdigest()[:16]}"


def document_clusters(
    doc: Document, glossary: Glossary | None = None, ctx: CheckContext | None = None
) -> list[Cluster]:
    """Every group of spellings of one name in ``doc``, with its canonical
    spelling: computed once per source and glossary and kept on the document
    (the names and pronoun checks all ask), unless the reference model takes
    part in the choice (:func:`model_choice`)."""
    analysis = analyse(doc)
    if _prefer_spelling(ctx) is not None:
        return clusters(analysis, doc.source, glossary, ctx)
    found: list[Cluster] = doc.memo(
        memo_key("clusters", doc, glossary), lambda d: clusters(analysis, d.source, glossary, ctx)
    )
    return found


def clusters(
    analysis: Analysis, source: str | None = None, glossary: Glossary | None = None, ctx: CheckContext | None = None
) -> list[Cluster]:
    """Every group of spellings of one name in the article, with its canonical
    spelling (computed at each call: :func:`document_clusters` keeps a document's)."""
    src = source_words(source) if source else None
    surnames = surname_spellings(analysis)
    out: list[Cluster] = []
    surname_of: dict[str, str] = {}
    for group in group_surnames(surnames):
        members = {n: surnames[n] for n in group}
        for n in group:
            surname_of[n] = group[0]
        out.append(Cluster("surname", members, choose(members, src, glossary, ctx)))
    for _, given in sorted(given_spellings(analysis, surname_of).items()):
        names = sorted(given)
        u = _Union()
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if _half_of(a, b) or _half_of(b, a):
                    continue  # "Per-Ivar" and "Per" (of "Per Ivar"): the hyphen's clusters
                if _forms_of_one_name(a, b) and _kept_apart(analysis, given[a], given[b]):
                    continue  # "Erik Dalheim and his son Eirik Dalheim": two people
                if same_given(given[a], given[b]):
                    u.union(a, b)
        for group in u.groups(names):
            members = {n: given[n] for n in group}
            out.append(Cluster("given", members, choose(members, src, glossary, ctx, given=True)))
    out += _middle_clusters(analysis, surname_of, src, glossary, ctx)
    out += _hyphen_clusters(analysis, surname_of, src, glossary, ctx, source)
    taken = {s for c in out for s in c.spellings}
    places = place_spellings(analysis, taken)
    for group in place_groups(places, analysis):
        members = {n: Spelling(n, tokens=places[n]) for n in group}
        out.append(Cluster("place", members, choose_place(members, src, glossary)))
    return out

