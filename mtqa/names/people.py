"""The people of an article: mentions linked to persons, and how the article
refers to each of them (pronouns, titles, given names).

A person is keyed by their canonical surname (after the spelling corrections of
:mod:`mtqa.names.variants`) and, when the article names two people with that
surname, their given name.  A surname alone belongs to the person last named in
full with it.  Pronouns are resolved with a deliberately cautious heuristic:

- the candidates are the people (and person nouns such as "his wife") named in
  the pronoun's sentence before it, or, when there are none, in the nearest of
  the three sentences before it that names someone;
- a pronoun with one candidate is *resolved*;
- a sentence-initial "He"/"She" with several candidates goes to the subject of
  the sentence that named them (its first word), as evidence only, and only when
  no other candidate could be a "he"/"she";
- several candidates who all have the other gender by title or given name
  make the pronoun wrong whichever it is;
- "himself"/"herself" refers inside its own sentence: one person there is it;
- a given name alone is the one person the article named in full with it; a
  person noun before "of" ("NRK's head of entertainment") is a candidate; a
  person introduced as someone's kin with a pronoun ("Her husband, Kjell Aune")
  leaves a later pronoun of that gender unresolved; "her/his name is <Name>"
  points forward;
- the sentence's form gives a referent (:func:`_by_form`): "He adds that ..." after
  a sentence attributing speech to one person, "his own" after a named subject or
  its "she"/"he" (*sin egen*), "Kari Lie says he understands ..." (the speaker's own
  mind), "says he" closing a dialogue line (:func:`_introducer`), "his client" (the
  lawyer's who speaks of them, :func:`_lawyer_of_client`).

A person of the news (``mtqa/data/people.tsv``) has the gender the list gives, which
outweighs the engine's pronouns for them (``NEWS_WEIGHT``: "Erna Solberg ... he says
that he understands"); for a given name of neither or both genders ("Sylvi Listhaug")
it is the only evidence but the pronouns.

Names in photo credits ("Photo: Kari Nordmann / NTB") are no candidates.
Pronouns inside quotation marks or dialogue lines are resolved apart
(:func:`_resolve_quoted`): the speaker says "I", so a "he"/"she" of the
speaker's gender refers to someone else near it.  A possessive whose two-word
object the article gives to someone else ("his family cabin" beside "the
princess's family cabin") is checked by :func:`_resolve_possessed`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from mtqa.model import Block, BlockKind, Document
from mtqa.names.figures import listed
from mtqa.names.gazetteer import gazetteer
from mtqa.names.glossary import Glossary
from mtqa.names.lexicon import english_zipf, only_norwegian, unmangled, words, zipf_in
from mtqa.names.mentions import FEMALE, MALE, Analysis, Mention, Token, analyse
from mtqa.names.variants import document_clusters, memo_key, of_one_family

if TYPE_CHECKING:
    from mtqa.checks.base import CheckContext

#: How far back (in sentences) a pronoun looks for its referent.
LOOKBACK = 3
#: How far back someone else may be meant by a possessive whose subject is named in its own
#: sentence ("Nils Eira has been on the vidda with her herd": not a woman three sentences back).
NAMED_LOOKBACK = 2
#: The weight of a person of the news's gender (``mtqa/data/people.tsv``) against the
#: engine's pronouns for them: two "he" for Erna Solberg are two guesses, her gender a fact.
NEWS_WEIGHT = 3.0
#: The weight of a given name that Norwegian gives one gender and other languages use less
#: ("Ingrid", "Kari", "Marit"; :func:`norwegian_name_gender`): in a translation from
#: Norwegian, a name's gender is a fact of the source, each pronoun one guess of the engine.
NAME_WEIGHT = 2.0
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "former", "new"}
#: Words that follow a noun rather than an adjective: "the forward has", not
#: "the general message".
_AFTER_NOUN = {
    "has", "had", "is", "was", "said", "says", "told", "who", "will", "would", "and", "of", "to",
    "in", "on", "at", "for", "with", "from", "by", "did", "does", "could", "can", "should", "must",
}
_PLURAL_NOUNS = {"men", "women", "people", "children", "kids", "parents", "twins", "family", "couple"}


def _plural_noun(low: str, nouns: frozenset[str] | set[str]) -> bool:
    """Whether a person noun is plural: "parents", "nurses", "fishermen", "chairwomen"."""
    return (
        low in _PLURAL_NOUNS
        or (low.endswith("s") and low[:-1] in nouns)
        or (low.endswith("men") and low[:-3] + "man" in nouns)
    )


_CONTRACTION = re.compile(r"['’](?:ll|s|d|re|ve|m)$", re.I)
#: "Her Majesty", "His Royal Highness": a form of address, not a pronoun.
_ADDRESS = {"majesty", "royal", "highness", "excellency", "holiness", "grace"}


def pronoun_base(word: str) -> str:
    """``she’ll`` -> ``she``: the pronoun of a contraction."""
    return _CONTRACTION.sub("", word)


def pronoun_gender(word: str) -> str | None:
    low = pronoun_base(word).lower()
    if low in MALE:
        return "male"
    if low in FEMALE:
        return "female"
    return None


def gendered_before(tokens: list[Token], i: int) -> Iterator[str]:
    """The genders of the pronouns before ``tokens[i]`` in its sentence, nearest first
    ("His wife Randi says that he slept": "male" for "He"'s walk back from "he")."""
    sentence = tokens[i].sentence
    k = i - 1
    while k >= 0 and tokens[k].sentence == sentence:
        if (g := pronoun_gender(tokens[k].text)) is not None:
            yield g
        k -= 1


#: Between the two pronouns of a pair that means anyone: "he or she", "his/her".
_PAIRED = re.compile(r"\s*(?:/|\bor\b)\s*", re.I)


def generic_pronoun(text: str, tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` is one of a pair of pronouns of both genders that means anyone
    ("she or he must choose", "his or her", "him/her"): no one's pronoun."""
    g = pronoun_gender(tokens[i].text)
    if g is None:
        return False
    for j in (i - 2, i - 1, i + 1, i + 2):
        if not 0 <= j < len(tokens) or pronoun_gender(tokens[j].text) in (None, g):
            continue
        a, b = (tokens[j], tokens[i]) if j < i else (tokens[i], tokens[j])
        if _PAIRED.fullmatch(text, a.end, b.start):
            return True
    return False


@dataclass
class Person:
    key: tuple[str | None, str]  # (given name or None, surname), canonical spellings
    mentions: list[Mention] = field(default_factory=list)
    static: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    votes: dict[str, list[tuple[Token, bool]]] = field(default_factory=lambda: defaultdict(list))

    given_name: str | None = None  # the canonical given name, when the article gives one
    news_gender: str | None = None  # the gender of a person of the news (mtqa/data/people.tsv)
    #: the gender a given name of both genders says in Norway ("Eli Skogstad"): counted only
    #: where a pronoun of the article says it too (an emigrant "Eli Hansen" is a man)
    norway_gender: str | None = None

    @property
    def display(self) -> str:
        given, surname = self.key
        given = given or self.given_name
        return f"{given} {surname}" if given else surname


@dataclass
class Ref:
    """Someone a pronoun may refer to, at a position in the text."""

    start: int
    sentence: int
    person: Person | None = None  # a named person
    gender: str | None = None  # of a person noun or title
    subject: bool = False  # the first word of its sentence
    unknown: bool = False  # a name that may be a person's
    quoted: bool = False  # inside quotation marks or a dialogue line


@dataclass
class Resolution:
    token: Token
    gender: str
    person: Person | None
    hard: bool  # one candidate (else: the previous sentence's subject)
    speaker: str | None = None  # for a pronoun in a quote: who speaks
    expected: str | None = None  # the referent's gender, when it is known without a Person
    bound: bool = False  # by the sentence's form: its other pronouns repeat the engine's choice
    by_form: bool = False  # the one the sentence's form says it means (the speaker going on, a lawyer's client)


@dataclass
class People:
    analysis: Analysis
    persons: dict[tuple[str | None, str], Person]
    refs: list[Ref]
    person_of: dict[int, Person]  # mention start -> person
    resolutions: list[Resolution]
    quoted: list[Resolution] = field(default_factory=list)  # he/she in a quote, not the speaker
    possessed: list[Resolution] = field(default_factory=list)  # "his X" where X is a woman's

    def gender(self, person: Person, exclude: Token | None = None, bound: bool = False) -> dict[str, float]:
        """Evidence for each gender: resolved pronouns (one each, an unsure one
        counts 0.75), a gendered title and a given name of known gender (one each).
        For a pronoun ``bound`` to the person by its sentence's form, the other pronouns
        of its sentence count for neither: in "Kari Lie voted for it, and he does not hide
        that he is disappointed" the second "he" repeats the engine's choice. Nor do the
        pronouns of its gender in its sentence when the person's name or title is of the
        other gender and nobody else is named there: in "He has lived here since 1979 and
        says he has never seen the like", of Gunn Eikeland, the engine chose "he" once."""
        score = {"male": 0.0, "female": 0.0}
        siblings: frozenset[str] = frozenset()
        if exclude is not None and self._one_choice(person, exclude):
            siblings = _SAME_CHOICE.get(exclude.lower, frozenset())
        for g, reasons in person.static.items():
            score[g] += len(set(reasons))
        named = norwegian_name_gender(person)
        if named is not None:
            score[named] += NAME_WEIGHT - 1  # (its reason counted once above)
        if person.news_gender is not None:
            score[person.news_gender] += NEWS_WEIGHT - 1  # (its reason counted once above)
        if person.norway_gender is not None and person.votes.get(person.norway_gender):
            # "Eli Skogstad ... she says ... He tells": the name in Norway and a pronoun agree
            score[person.norway_gender] += 1
        for g, toks in person.votes.items():
            for tok, hard in toks:
                if exclude is not None and (
                    tok.start == exclude.start
                    or (tok.sentence == exclude.sentence and (bound or tok.lower in siblings))
                    or _intensive_pair(exclude, tok)
                    or _bound_pair(self.analysis, exclude, tok)
                ):
                    continue
                score[g] += 1.0 if hard else 0.75
        return score

    def _one_choice(self, person: Person, tok: Token) -> bool:
        """Whether the pronouns of ``tok``'s gender in its sentence are one choice of the
        engine against the person's name or title: the name or title is of the other gender,
        the sentence opens with a pronoun of that gender ("He has lived here and says he ...";
        not "Police attorney Kari Lie says he was arrested at his home": someone else's), and
        it names nobody else who may be meant ("Queen Sonja on the King: – He will be back on
        his feet": the king's "he" and "his")."""
        g = pronoun_gender(tok.text)
        if g is None:
            return False
        other = "female" if g == "male" else "male"
        titled = any(r.startswith("titled") and not r.rstrip("'").endswith("man") for r in person.static.get(other, ()))
        if not (titled or person.news_gender == other or norwegian_name_gender(person) == other):
            return False  # (not "Chairman Dana Levi", "Gerd Weber": a man's title, a German man)
        tokens = self.analysis.tokens
        k = bisect.bisect_left(self.analysis.token_starts, self.analysis.doc.sentences[tok.sentence].start)
        if k >= len(tokens) or tokens[k].lower not in ("he", "she") or pronoun_gender(tokens[k].text) != g:
            return False  # the sentence opens with the pronoun ("He has lived ...", not "Kari Lie says he ...")
        return not any(r.sentence == tok.sentence and r.person is not person for r in self.refs)


def norwegian_name_gender(person: Person) -> str | None:
    """The gender of the person's given name ("Hege", "Per", "Aud"), weighed as a fact of the
    source: not for a name borne by the other gender abroad unless Norwegian text uses it
    more than English, German, Italian, Polish, Spanish or French text ("Kari", not "Simone",
    "Jan", "Gerd"), nor where the surname is more at home in one of those ("Inge Schulz")."""
    given = person.given_name
    named = words().first_name_gender(given) if given else None
    if named is None or not given or not person.static.get(named):
        return None
    return named if _norwegian_more_than_abroad(given.lower(), (person.key[1] or "").lower()) else None


@cache
def _norwegian_more_than_abroad(given: str, surname: str) -> bool:
    """The word lists' part of :func:`norwegian_name_gender`, once per name: it weighs
    every pronoun's evidence (:meth:`People.gender`)."""
    if given in words().other_gender_abroad and zipf_in(given, "nb") < max(
        zipf_in(given, lang) for lang in ("en", *_OTHER_LANGUAGES)
    ) + 0.3:
        return False  # a name of the other gender abroad, borne there more: "Simone", "Jan", "Gerd"
    nb = zipf_in(surname, "nb")
    return not any(zipf_in(surname, lang) > nb + 0.5 for lang in _OTHER_LANGUAGES)


#: Languages whose surnames a Norwegian given name may come with abroad ("Inge Schulz").
_OTHER_LANGUAGES = ("de", "it", "pl", "es", "fr")


#: The pronouns of one gender: in one sentence, one choice of the engine.
_SAME_CHOICE = {**dict.fromkeys(MALE, MALE), **dict.fromkeys(FEMALE, FEMALE)}


def _intensive_pair(a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` are a pronoun and the intensive right after it ("he himself",
    Norwegian *han selv*): one choice of the engine, one piece of evidence."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return second.lower in _REFLEXIVE and second.start - first.end == 1 and first.lower in ("he", "she")


def _bound_pair(analysis: Analysis, a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` are "he"/"she" and a possessive its clause binds to it ("he said
    in his speech", "she shook his head", "he runs her own firm"): one choice of the engine."""
    first, second = (a, b) if a.start < b.start else (b, a)
    if first.sentence != second.sentence or first.lower not in ("he", "she") or second.lower not in ("his", "her"):
        return False
    starts = analysis.token_starts
    i, k = bisect.bisect_left(starts, first.start), bisect.bisect_left(starts, second.start)
    if any(t.lower in ("he", "she") for t in analysis.tokens[i + 1 : k]):
        return False
    return subject_bound(analysis, k)


def _link(analysis: Analysis, glossary: Glossary | None, ctx: CheckContext | None) -> tuple[dict, dict]:  # noqa: C901 - the linking rules, in order of trust
    doc = analysis.doc
    canon: dict[str, str] = {}
    for c in document_clusters(doc, glossary, ctx):
        if of_one_family(c):
            continue  # "Stig Rugland" and "the son Håvard Rygland": two people
        for s in c.spellings:
            canon[s] = c.choice.canonical
    surnames_of_people = {
        canon.get(m.last.text, m.last.text)
        for m in analysis.mentions
        if m.kind == "person" and m.last is not None
    }
    persons: dict[tuple[str | None, str], Person] = {}
    person_of: dict[int, Person] = {}
    last_full: dict[str, tuple[str | None, str]] = {}
    last_full_block: dict[str, Block | None] = {}
    genders_before: dict[str, set[str | None]] = defaultdict(set)
    full_keys: dict[str, set] = defaultdict(set)
    # "Per-Ivar Gjerde" beside "Per Ivar Gjerde": one given name, keyed by its first half
    halves = {
        f"{m.slots()[0].text}-{m.slots()[1].text}": m.slots()[0].text
        for m in analysis.mentions
        if m.kind == "person" and len(m.slots()) >= 3
    }

    # "Wolden Bache" beside "Ida Wolden Bache": a double surname written without the given
    # name is the one person the article names with that given name in front of it
    tails: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in analysis.mentions:
        if m.kind == "person" and len(full := m.slots()) >= 3:
            tails[(full[-2].text, full[-1].text)].add(full[0].text)

    def given_of(m: Mention) -> str:
        assert m.first is not None  # only asked of full names
        name = halves.get(m.first.text, m.first.text)
        if (
            len(two := m.slots()) == 2
            and len(owners := tails.get((two[0].text, two[1].text), ())) == 1
            and words().first_name_gender(two[0].text) is None  # "Erik Hansen" beside "Jan Erik Hansen" is two
        ):
            name = next(iter(owners))
        return canon.get(name, name)

    for m in analysis.mentions:
        if m.kind == "person" and m.full:
            assert m.first is not None and m.last is not None  # full: two name slots or more
            full_keys[canon.get(m.last.text, m.last.text)].add(given_of(m))
    w = words()
    abroad: dict[int, Person] = {}
    for m in analysis.mentions:
        if m.kind == "org" or m.last is None:
            continue
        surname = canon.get(m.last.text, m.last.text)
        if m.kind != "person" and surname not in surnames_of_people:
            continue
        if m.full:
            assert m.first is not None  # full: two name slots or more
            given = given_of(m)
            key = (given if len(full_keys[surname]) > 1 else None, surname)
            last_full[surname] = key
            last_full_block[surname] = analysis.doc.block_at(m.start)
            genders_before[surname].add(w.full_name_gender(given) if given else None)
        else:
            if surname in last_full and not (
                analysis.doc.block_at(m.start) is not last_full_block[surname]
                and genders_before[surname] >= {"male", "female"}
            ):
                # (a surname borne by a man and a woman named before, alone in another paragraph
                # than the last of them named in full, may be either: "Ingrid Solbakken ... The
                # father, Terje Solbakken, ... / Solbakken took part in The Voice")
                key = last_full[surname]
            elif len(full_keys[surname]) > 1:
                key = (None, surname)  # ambiguous: one of several
            else:
                key = (None, surname)
        person = persons.setdefault(key, Person(key))
        person.mentions.append(m)
        if len(full_keys[surname]) == 1:
            person.given_name = next(iter(full_keys[surname]))
        person_of[m.start] = person
        # the given name of a full name, or one alone with an age ("Håvard (13) had ...")
        first = given if m.full else m.slots()[0].text if len(m.slots()) == 1 and "first-name" in m.evidence else None
        named_gender = None
        if _FOREIGN_BEFORE.search(analysis.doc.text, max(0, m.start - 60), m.start) or _abroad_after(
            analysis.doc.text, m.end
        ):
            abroad[id(person)] = person  # "Italian chef Nicola Bianchi": not a Norwegian's name
        if first is not None:
            g = named_gender = w.full_name_gender(first) if m.full else w.first_name_gender(first)
            if g is None and m.full and _norwegian_surname(surname) and first.lower() in w.in_norway:
                # "Eli Skogstad" (not "Eli Manning"): a tie-breaker, weighed in People.gender
                named_gender = person.norway_gender = w.in_norway[first.lower()]
            elif g:
                nb = w.word_given_names.get(first.lower()) if m.full else None
                named_as = f"'{first}' is {nb}," if nb and nb.lower() != first.lower() else f"'{first}' is"
                person.static[g].append(f"{named_as} {'a man' if g == 'male' else 'a woman'}'s name")
            if m.full and (figure := listed(m.text)) is not None:
                # a person of the news ("Sylvi Listhaug", "Erna Solberg"): a fact, where
                # the engine's pronouns are guesses (weighed in People.gender)
                g = "male" if figure.gender == "m" else "female"
                person.static[g].append(f"'{figure.name}' is the name of {'a man' if g == 'male' else 'a woman'} of the news")
                person.news_gender = g
        for t in m.title:
            low = t.lower.rstrip(".")
            if low in w.male_titles and not _man_compound(low, first, named_gender):
                person.static["male"].append(f"titled '{t.text}'")
            elif low in w.female_titles:
                person.static["female"].append(f"titled '{t.text}'")
        if m.role in w.male_nouns and not _man_compound(m.role, first, named_gender):
            person.static["male"].append(f"called '{m.role}'")
        elif m.role in w.female_nouns:
            person.static["female"].append(f"called '{m.role}'")
    # a given name says nothing of one introduced as from abroad: "Nicola" and "Simone" are
    # Italian men, "Inge" a German or Danish woman, "Jan" an American woman
    for person in abroad.values():
        for g in ("male", "female"):
            person.static[g] = [r for r in person.static[g] if "'s name" not in r]
    # a full name whose given name was keyed apart only because of a namesake:
    # fold the given-less person into the full one when there is one full name
    for key in list(persons):
        key_given, surname = key
        if key_given is None and len(full_keys[surname]) == 1:
            only = next(iter(full_keys[surname]))
            if (only, surname) in persons:
                target = persons[(only, surname)]
                src = persons.pop(key)
                target.mentions += src.mentions
                for m in src.mentions:
                    person_of[m.start] = target
    # a given name alone ("... and said Arvid had been saying that") is the one person
    # the article names in full with that given name
    by_given: dict[str, dict[int, Person]] = defaultdict(dict)
    for m in analysis.mentions:
        if m.full and m.first is not None and m.start in person_of:
            person = person_of[m.start]
            by_given[given_of(m)][id(person)] = person
    for m in analysis.mentions:
        if m.start in person_of or m.kind == "org" or m.full:
            continue
        slots = list(m.slots())
        holders = by_given.get(canon.get(slots[0].text, slots[0].text), {}) if len(slots) == 1 else {}
        if len(holders) == 1:
            person = next(iter(holders.values()))
            person.mentions.append(m)
            person_of[m.start] = person
    return persons, person_of


#: A nationality other than Norwegian right before a name, with up to three words of a role
#: between ("Italian chef ", "The German sculptor ", "American folk singer ").
_FOREIGN_BEFORE = re.compile(
    r"\b(?-i:American|British|English|Scottish|Irish|Welsh|Canadian|Australian|German|Austrian|Swiss|"
    r"Dutch|Belgian|French|Italian|Spanish|Portuguese|Polish|Czech|Slovak|Hungarian|Romanian|Bulgarian|"
    r"Greek|Turkish|Russian|Ukrainian|Danish|Swedish|Finnish|Icelandic|Estonian|Latvian|Lithuanian|"
    r"Serbian|Croatian|Bosnian|Brazilian|Argentine|Argentinian|Mexican|Chilean|Colombian|Japanese|"
    r"Chinese|Korean|Indian|Pakistani|Iranian|Iraqi|Syrian|Afghan|Somali|Eritrean|Ethiopian|Nigerian|"
    r"Kenyan|Egyptian|Moroccan|Israeli|Palestinian|US|U\.S\.|UK|[A-Z][a-z]+-born)(?:[\s-]+[a-z][\w-]*){0,3}\s+$"
)


#: After a name, what says the person is from abroad ("Eli Olsen, born in Minnesota", "Andrea
#: Haugen, whose mother is from Sel", "Eli Berg, of Norwegian descent").
_ABROAD_AFTER = re.compile(
    r"(?:\s*\(\d{1,3}\))?,\s+(?:who\s+was\s+)?(?:(?:born\s+(?:and\s+raised\s+)?|raised\s+)in\s+(?P<place>[A-Z][\w-]+)|"
    r"whose\s+(?:mother|father|parents|grandparents|grandmother|grandfather|family|ancestors)|"
    r"of\s+Norwegian\s+(?:descent|origin|ancestry|heritage))\b"
)


def _abroad_after(text: str, end: int) -> bool:
    """Whether what follows a name says the person is from abroad (born in a place the
    gazetteer of Norway does not know: "born in Manchester", not "born in Bergen")."""
    m = _ABROAD_AFTER.match(text, end)
    return m is not None and (m.group("place") is None or not gazetteer().knows(m.group("place")))
_VERBISH = re.compile(r"^[a-z]+(?:ed|s)$")


_CREDIT = re.compile(
    r"\b(?:Photo|Foto|Photograph|Video|Illustration|Graphics|Camera|Source)\s*:[^:\n]*$"
    # a byline's words only where a line or a credit starts ("Reporter: Jonas Hammer"),
    # not in a sentence ("It was a text: Kari Lie had ...")
    r"|(?:^|[\n|•·]|\.\s)\s*(?:Reporter|Journalist|Editor|Producer|Text|Tekst)\s*:[^:\n]*$",
    re.I,
)
#: The last word of a lead before a name, and the space or hyphen after it.
_LAST_WORD = re.compile(r"([^\W\d_]+)[ -]$")

_SUBJECT_LEAD = re.compile(
    r"^[\s–—\-\"“«‘']*(?:(?:the|a|an|his|her|their|our|my|then|former|new)\s+)*"
    # a person noun set off before the name: "The employee, Kari Lunde (52), has ..."
    r"(?:(?:the|an?)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?,\s+)?$"
    # a cleft's focus: "It was a neighbour, Marit Solheim, who raised the alarm" (*Det var en
    # nabo, Marit Solheim, som ...*): the one who did it
    r"|^[\s–—\-\"“«‘']*it\s+(?:was|is)\s+(?:(?:the|an?)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?,\s+)?$"
    # a person noun after one modifier: "The bus driver, a woman in her 50s, ...", "A female employee"
    r"|^[\s–—\-\"“«‘']*(?:the|an?)\s+(?-i:[a-z][a-z-]+)\s+$",
    re.I,
)


@cache
def _a_noun_only(word: str) -> bool:
    """Whether a word is an English noun and no verb by the inflection tables ("church",
    "house"; not "was", "died", "drowned")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return "NOUN" in lemmas and "VERB" not in lemmas and "AUX" not in lemmas


def _modifies_a_noun(doc: Document, t: Token, nxt: Token | None) -> bool:
    """Whether the person noun ``t`` modifies the noun right after it ("the owner company",
    "the mother church": a thing, no one a pronoun may mean; not "the owner himself")."""
    return (
        nxt is not None
        and nxt.sentence == t.sentence
        and not nxt.cap
        and not doc.text[t.end : nxt.start].strip()
        and nxt.lower not in words().person_nouns
        and pronoun_gender(nxt.text) is None
        and nxt.lower not in _REFLEXIVE
        and nxt.lower not in _CLOSED_CLASS  # ("the man who", "the neighbour today")
        and _a_noun_only(nxt.lower)
    )


#: Words of closed classes the inflection tables list as nouns only.
_CLOSED_CLASS = frozenset(
    "who whom whose which that what whatever one ones all both each some none many most few other others "
    "another such this these those now today yesterday tomorrow tonight here there then".split()
)


def _norwegian_surname(surname: str) -> bool:
    """Whether a surname is Norwegian: spelt with æ, ø or å, or more frequent in Norwegian
    text than in English ("Skogstad", "Hansen"; not "Manning", "Lie")."""
    low = surname.lower()
    return any(c in low for c in "æøå") or zipf_in(low, "nb") > zipf_in(low, "en")


def _man_compound(noun: str, given: str | None, named_gender: str | None) -> bool:
    """A noun of a man made with "-man" ("fisherman", "chairman", "spokesman") before a
    woman's given name only Norwegians bear, or a given name of both genders: what machine
    translation makes of a Norwegian noun of either gender (*fisker*, *leder*,
    *talsperson*), so it says nothing of the person ("says fisherman Randi Myre", "board
    chairman Kim Nordvik"; not "spokesman Simone Rossi", a man's name in Italy)."""
    if not noun.endswith("man") or noun in ("man", "gentleman") or given is None:
        return False
    if named_gender is None:
        return given.lower() in words().both_names
    return named_gender == "female" and (only_norwegian(given) or given.lower() in words().in_norway)


def _credit(doc: Document, m: Mention) -> bool:
    """A name in a photo credit ("Photo: Kari Nordmann / NTB")."""
    sentence = doc.sentence_at(m.start)
    start = sentence.start if sentence is not None else max(0, m.start - 80)
    before = doc.text[max(start, m.start - 80) : m.start]
    return bool(_CREDIT.search(before))


def _apposition(doc: Document, noun_end: int, m: Mention) -> bool:
    """Whether a person noun ending at ``noun_end`` is followed by a name set off
    as its apposition: ", Kari Lunde (52)," or ", Kari Lunde," (the same person)."""
    return doc.text[noun_end : m.start].strip() == "," and bool(_APPOSITION_END.match(doc.text, m.end))


def _of_org_apposed(doc: Document, analysis: Analysis, noun_end: int) -> bool:
    """Whether a role noun ending at ``noun_end`` is followed by "of" and a capitalised name
    and then, set off by a comma, the person's name closed by a comma or the sentence's end
    ("the director of NAV Rogaland, Hege Tjelta.", "the head of Hol Red Cross, Torunn Aas,"):
    the role is that person's."""
    m = _OF_ORG_COMMA.match(doc.text, noun_end)
    if m is None:
        return False
    mention = analysis.mention_starts.get(m.end())
    return mention is not None and mention.kind == "person" and bool(_APPOSED_END.match(doc.text, mention.end))


#: "of" and a capitalised name (up to four words), then a comma: " of NAV Rogaland, ".
_OF_ORG_COMMA = re.compile(r" of (?:the )?[A-ZÆØÅ][\w&'’-]*(?: (?:[A-ZÆØÅ][\w&'’-]*|og|and|of|i|in))*?, ")
#: What closes a name set off by a comma: a comma or the sentence's end (an age may come first).
_APPOSED_END = re.compile(r"\s*(?:\(\d{1,3}\)\s*)?(?:,|[.!?](?:\s|$))")


#: What closes an apposition after the name: a comma, or an age in brackets and a comma.
_APPOSITION_END = re.compile(r"\s*(?:\(\d{1,3}\)\s*)?,")


#: A phrase of place, time or company fronted before the subject, with its comma: "Among
#: the women, ", "After the match, ", "In a statement to VG, " (Norwegian puts the verb
#: second and MT keeps the order: "Blant kvinnene vant Kari Lie" -> "Among the women, Kari
#: Lie won"); not a clause ("When the police came, "), whose own subject is named in it.
_FRONTED_PHRASE = re.compile(
    r"^[\s–—\-\"“«‘']*(?:among|after|before|during|in|at|on|for|with|since|despite|unlike|from|under|"
    r"through|following|according\s+to|together\s+with|along\s+with)\s+"
    r"(?![^,]*\b(?:he|she|they|it|we|I|you|was|were|is|are|had|has)\b)[^,;:–—\"“”«»\n]{1,50},\s+$",
    re.I,
)


def _subject(doc: Document, tok: Token, first: int) -> bool:
    """Whether a mention starting at ``first`` opens its sentence ("The king
    himself is ...", "– Kari Nordmann said ...", "Among the women, Kari Lie won"): the
    likely subject."""
    sentence = doc.sentence_at(tok.start)
    if sentence is None:
        return False
    lead = _without_role(doc.text[sentence.start : first])
    return bool(_SUBJECT_LEAD.match(lead) or _FRONTED_PHRASE.match(lead))


def _without_role(lead: str) -> str:
    """``lead`` without the role right before the name: a person noun and up to two
    title words or person nouns before it ("Skipper ", "Police attorney ", "acting
    operations manager "); not a verb ("The police arrested skipper " keeps "arrested")."""
    w = words()
    m = _LAST_WORD.search(lead, max(0, len(lead) - 40))
    if m is None or m.group(1).lower() not in w.role_nouns:
        return lead
    lead = lead[: m.start()]
    for _ in range(2):
        m = _LAST_WORD.search(lead, max(0, len(lead) - 40))
        if m is None or not (m.group(1).lower() in w.role_nouns or w.title(m.group(1)) in ("title", "modifier", "ambiguous")):
            break
        lead = lead[: m.start()]
    m = _ROLE_MODIFIER.match(lead)
    if m is not None and m.group(1).lower() not in _NO_MODIFIER:
        return lead[: m.start(1)]  # "Reindeer herder ", "The dairy farmer ": the role's own first word
    return lead


#: The one word that opens a sentence before its role ("Reindeer herder Nils Eira", "The
#: dairy farmer Kari Lie"; what is left of the lead, "The ", is a subject's).
_ROLE_MODIFIER = re.compile(r"^[\s–—\-\"“«‘']*(?:[Tt]he\s+(?=[a-z]))?([A-Za-z][^\W\d_]*(?:-[^\W\d_]+)?)\s+$")
#: Words that open a clause or a fronted phrase, not a role ("When farmer Kari Lie came").
_NO_MODIFIER = frozenset(
    "when if after before as while because since although though and but so where once until unless "
    "yesterday today tonight now then meanwhile later there here also only even".split()
)


def _maybe_person(doc: Document, analysis: Analysis, m: Mention, starts: list[int] | None = None) -> bool:
    """A name of unknown kind that may be a person's: two or three name words
    ("Veronika Stepanova"), or one followed by a verb ("Trump called")."""
    w = words()
    name = unmangled(" ".join(doc.text[m.start : m.end].split()))
    if _REGION.match(name):
        return False  # "farmers in Eastern Norway", "Northern Europe": a region
    if name in gazetteer().forms(*_NOT_PEOPLE) or (" " in name and name in gazetteer().names("place")):
        # "says Kari Lie to Bergens Tidende", "mayor in Nordre Follo": no one (a place
        # of one word may be a surname: Strand, Moen)
        return False
    if _institution_with_possessive(doc.text, m.end, name):
        return False  # "Norwegian People's Aid", "Children's Hospital": the name runs on past "'s"
    kind = _ORG_BEFORE.search(doc.text, max(0, m.start - 40), m.start)
    if kind is not None and w.first_name_gender(name.split()[0]) is None and (
        _NAME_ENDS_PHRASE.match(doc.text, m.end) or _opens_sentence(doc, kind.start())
    ):
        # "the supporter club Den Gule Horde, says ...", "The company West Wind Power applied":
        # a body named after its kind (not "runs the company Hansen started", "joined the choir
        # Bjarte Moen started": a verb after the name makes it the one who did it)
        return False
    if _THE_BEFORE.search(doc.text, max(0, m.start - 5), m.start) and (
        _a_thing(doc.text[m.start : m.end])
        or (
            len(name.split()) >= 2
            and not any(w.first_name_gender(part) for part in name.split())
            and zipf_in(name.split()[-1].lower(), "en") >= _BODY_HEAD_ZIPF
        )
    ):
        # "won the Tour de Ski", "the Atlantic Ocean Road": a thing's name; "The Rich
        # Antiquarian went in with 3.2 million": a body's, no given name in it and an
        # English word last (not "The Reich Mediator Mats Wilhelm Ruland", "the Dane
        # Mette Holm", "the Kenyan Wanjiru Chebet")
        return False
    if " " in name and name.split()[-1].lower() in _THING_ONLY and w.first_name_gender(name.split()[0]) is None:
        return False  # "replaces the old Sotra Bridge", "at Lerkendal Stadium": a thing, whatever is before it
    if _right_after_a_person(analysis, m, _WORKPLACE):
        # "Tone Gravdal at Volue", "Elin Tvedt of Equinor", "Marte Lea at Rogaland Fire and
        # Rescue": where a person works
        return False
    if _said_to(analysis, m):
        return False  # "..., says Bjørg Tveit to Vest-Telemark Blad": told it, no one a pronoun means
    if " " not in name and _NORWEGIAN_BODY.search(name):
        return False  # "Skiskytterforbundet", "Redningsselskapet": a body by its Norwegian form
    if _SAYS_IT.match(doc.text, m.end):
        return False  # "Coop Extra says it is following the situation": a body speaking of itself
    slots = m.slots()
    if " " in name and name.split()[-1].lower() in _NORWEGIAN_TRADES:
        return False  # "Sulaholmen Havbruk had a turnover of ...": a company named by its trade
    if 2 <= len(slots) <= 3:
        return True
    one_word_place = w.first_name_gender(name) is None and not doc.text.startswith(",", m.end)
    if (name in gazetteer().names("place") or one_word_place) and _right_after_a_person(analysis, m, _FROM):
        # "Silje Moen from Heimdal discovered ...": where she is from; one word that is no
        # given name is a place or a club too ("Kari Lie from Båtsfjord fishes"; not "to Per
        # Hansen from Kari", nor "for Kari Lie from Bamse, the family's dog")
        return False
    starts = starts if starts is not None else [t.start for t in analysis.tokens]
    if len(slots) == 1 and w.first_name_gender(name) is not None and name.lower() not in _CALENDAR:
        first = analysis.tokens[bisect.bisect_left(starts, m.start)]
        if not first.quoted and doc.blocks[first.block].kind is not BlockKind.QUOTE:
            return True  # a given name alone, never in full, in the narration: a singer ("Dagny"), a dog ("Rex")
    k = bisect.bisect_left(starts, m.end + 1)
    nxt = analysis.tokens[k] if k < len(analysis.tokens) else None
    if nxt is None or nxt.sentence != m.sentence or doc.text[m.end : nxt.start].strip() not in ("", "'s", "’s"):
        return False
    # (a verb is an English word: not "at Eid vgs", "at Danmarks plass", a place's Norwegian name)
    return nxt.lower in w.speech_verbs or (
        bool(_VERBISH.match(nxt.text)) and nxt.lower not in _NOT_VERBS and english_zipf(nxt.lower) >= 2.5
    )


#: A verb of saying and "it" right after a name: the name is a body's ("Coop Extra says it ...").
_SAYS_IT = re.compile(
    r"\s+(?:says|said|writes|wrote|confirms|confirmed|states|stated)(?:\s+that)?\s+"
    # "it is following", "it has", "its": itself (not "says it is important": no one)
    r"(?:its\b|it\s+(?:is|was)\s+\w+ing\b|it\s+(?:has|had|will|would|can|cannot|could|does|did|plans|expects|intends)\b)"
)

#: Head words of things that are no one's surname ("Sotra Bridge"; not Park, Hall, House, Field).
_THING_ONLY = frozenset(
    "road street bridge tunnel stadium arena centre center museum festival airport station harbour railway "
    "highway square cathedral fjord cup race prize award trophy games league championship championships series "
    "marathon rally ocean sea river valley region project agreement fund cross".split()
)

#: Months that are given names too ("May", "June"): a date, not someone.
_CALENDAR = frozenset("january february march april may june july august september october november december".split())

#: A region named by a point of the compass and a country or a part of the world.
_REGION = re.compile(
    r"(?:Northern|Southern|Eastern|Western|Central|North|South|East|West|Mid|Inner|Outer)[ -]"
    r"(?:Norway|Sweden|Denmark|Finland|Iceland|Europe|Scandinavia|Africa|America|Asia|England|Scotland|Germany|Russia)$"
)

#: The gazetteer's kinds of name that are never a person's.
_NOT_PEOPLE = ("outlet", "county", "police_district", "institution")
#: A possessive and up to three capitalised words after a name: the rest of an institution's
#: English name that the mention stopped short of ("Norwegian People" + "'s Aid").
_POSSESSIVE_TAIL = re.compile(r"['’]s((?:\s+[A-Z][\w-]*){1,3})")


def _institution_with_possessive(text: str, end: int, name: str) -> bool:
    """Whether ``name`` with the possessive and the capitalised words after it (one, two or
    three of them) is an institution, outlet or the like that the gazetteer knows."""
    tail = _POSSESSIVE_TAIL.match(text, end)
    if tail is None:
        return False
    forms = gazetteer().forms(*_NOT_PEOPLE)
    words_after = tail.group(1).split()
    return any(f"{name}'s {' '.join(words_after[:n])}" in forms for n in range(1, len(words_after) + 1))

#: Between a subject and a possessive: a new clause, whose subject may be someone else.
NEW_CLAUSE = re.compile(
    r"\b(?:that|who|whom|whose|which|when|while|because|if|after|before|until|and|but|or|than)\b|(?<!\d),|,(?!\d)|[;:–—(]",
    re.I,
)  # (not the comma of a number: "collected 1,200 signatures")

#: A copula and the words before a predicate noun: "is the municipal chief ", "has been a "
#: (the match ends where the noun starts).
_COPULA_TO_NOUN = (
    r"(?:is|was|has\s+been|had\s+been|became|remains)\s+(?:now\s+|also\s+)?(?:the|a|an)\s+"
    r"(?:(?!(?:of|to|for|with|the|a|an|and|in|at|on|from|who|that)\b)[^\W\d_]+\s+){0,3}$"
)
#: A predicate noun's lead-in after a named subject or "he"/"she": "Kari Lie is the municipal
#: chief ", "Per Hansen, who has been a ", "She has been a " (the match ends where the noun starts).
_PREDICATE = re.compile(
    r"(?:[–—-]\s*)?(?:He|She)\s+(?:(?:has|had)\s+(?:also\s+)?been|is|was|became|remains)\s+(?:now\s+|also\s+)?"
    r"(?:the|a|an)\s+(?:(?!(?:of|to|for|with|the|a|an|and|in|at|on|from|who|that)\b)[^\W\d_]+\s+){0,3}$|"
    r"[A-ZÆØÅ][^\W\d_]+(?:[ -][A-ZÆØÅ][^\W\d_]+){1,3}(?:\s*\(\d+\))?,?\s+(?:who\s+)?" + _COPULA_TO_NOUN
)

#: A sentence's subject working in a role ("Tangen works as an auxiliary nurse", "She has worked
#: for years as a midwife", "Per Hansen started as the club's first coach"): the noun is the subject.
_WORKS_AS = re.compile(
    r"(?:[–—-]\s*)?(?:He|She|[A-ZÆØÅ][^\W\d_]+(?:[ -][A-ZÆØÅ][^\W\d_]+){0,3}(?:\s*\(\d+\))?,?)\s+"
    r"(?:(?:now|also|still|currently|today|daily)\s+)?"
    r"(?:works?|worked|(?:has|had)\s+(?:also\s+)?worked|is\s+working|was\s+working|started|starts|began|"
    r"(?:is|was|has\s+been)\s+employed|serves|served|trained|qualified)\b"
    r"[^.,;:!?–—]{0,40}?\bas\s+(?:the|a|an|\w+'s|\w+’s)\s+"
    r"(?:(?!(?:of|to|for|with|the|a|an|and|in|at|on|from|who|that)\b)[^\W\d_]+\s+){0,3}$"
)

def _role_ends(doc: Document, tokens: list[Token], i: int) -> bool:
    """Whether the noun at ``i`` after "works as the" is the role itself: not a possessor
    ("as the judge's clerk") nor the subject of a clause "as" opens ("worked as the manager
    looked on")."""
    if doc.text.startswith(("'s", "’s"), tokens[i].end):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == tokens[i].sentence else None
    return nxt is None or not _verb_not_noun(nxt.lower)


@cache
def _verb_not_noun(word: str) -> bool:
    """Whether a word is an English verb and no noun by the inflection tables ("looked",
    "blew", "was"; not "nurse", "at")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return ("VERB" in lemmas or "AUX" in lemmas) and "NOUN" not in lemmas


#: A name, then a relative clause whose copula ends at the noun: "..., says prosecutor
#: Kari Lie, who was the actor in the case" (the noun is her, wherever the name stands).
_WHO_PREDICATE = re.compile(r"[A-ZÆØÅ][^\W\d_]+(?:\s*\(\d+\))?,\s+who\s+" + _COPULA_TO_NOUN)

#: ", and" / ", but" right before a pronoun that opens a second main clause.
_CLAUSE_AND = re.compile(r",\s+(?:and|but)\s+$")

#: The definite endings of the names of Norwegian bodies left untranslated ("Skiskytterforbundet",
#: "Brannvesenet", "Redningsselskapet", "Vegvesenet"): no one's name ends so.
_NORWEGIAN_BODY = re.compile(
    r"\w{3,}(?:forbundet|foreningen|laget|etaten|direktoratet|tilsynet|departementet|senteret|sentralen|"
    r"kontoret|rådet|partiet|selskapet|verket|vesenet|tjenesten|klubben|nemnda|retten|kommunen)$"
    # things of a town by their Norwegian form: "Bybanen", "Hurtigruten", "Flytoget", "Storgata"
    r"|\w{2,}(?:banen|ruten|toget|bussen|veien|gata|plassen|torget|brua|broen|stasjonen|sykehuset|skolen|kirken)$"
)

#: The Norwegian words of a trade that end a company's name ("Sulaholmen Havbruk", "Vest Bygg",
#: "Lerøy Sjømat"): no surname is one of them (not "Kraft", "Skog", "Fisk": surnames too).
_NORWEGIAN_TRADES = frozenset(
    "havbruk oppdrett sjømat fiskeri fiskeindustri bygg byggevarer entreprenør transport energi "
    "kraftlag eiendom eiendommer invest holding gruppen maskin elektro regnskap rør auto bilsenter "
    "meieri bakeri slakteri trelast sagbruk verft mekaniske rederi shipping netthandel "
    "dagligvare reiseliv hotell camping gartneri landbruk".split()
)

#: " at ", " of " or " in " right before a name (the match ends where it starts: "Marte
#: Lie in Trøndelag Fire and Rescue"); not "from" ("the prize went to Kari Lie from
#: Oleksandr ...": a person may follow it).
_WORKPLACE = re.compile(r"\s+(?:at|of|in)\s+$")


def _right_after_a_person(analysis: Analysis, m: Mention, link: re.Pattern[str]) -> bool:
    """Whether ``m`` follows a person's name and ``link`` between them ("Kari Lie at")."""
    before = link.search(analysis.doc.text, max(0, m.start - 6), m.start)
    return before is not None and any(p.kind == "person" and p.end == before.start() for p in analysis.mentions)


def _said_to(analysis: Analysis, m: Mention) -> bool:
    """Whether ``m`` is what a speaker, named after a verb of saying, said it to: "...,
    says dentist Bjørg Tveit to Vest-Telemark Blad" (an outlet, or one the speaker spoke
    to: no one a pronoun after it means)."""
    text = analysis.doc.text
    before = _TO.search(text, max(0, m.start - 6), m.start)
    if before is None:
        return False
    for p in analysis.mentions:
        if p.kind == "person" and p.end == before.start():
            first = p.title[0].start if p.title else p.start
            return _SAID_BY.search(text, max(0, first - 40), first) is not None
    return False


_TO = re.compile(r"\s+to\s+$")


def _a_thing(name: str) -> bool:
    """A name of a thing, by its form: a small word inside ("Tour de Ski", "Bay of
    Biscay") or a head word of things or bodies last ("Atlantic Ocean Road", "World
    Cup", "Coastal Works", "Address Newspaper")."""
    parts = name.split()
    last = parts[-1].lower()
    return any(p.islower() for p in parts[1:]) or last in _THING_HEADS or last in words().org_heads


#: Last words of the names of things, events and places.
_THING_HEADS = frozenset({
    "road", "street", "bridge", "tunnel", "cup", "ocean", "sea", "race", "prize", "award", "trophy", "house",
    "hall", "arena", "stadium", "centre", "center", "park", "square", "museum", "festival", "games", "league",
    "championship", "championships", "series", "open", "marathon", "rally", "tour", "show", "cathedral",
    "church", "airport", "station", "harbour", "line", "route", "railway", "highway", "valley", "mountain",
    "island", "islands", "lake", "river", "fjord", "forest", "region", "project", "plan", "agreement", "fund",
    "works", "newspaper", "paper", "magazine", "channel", "company", "prison", "system", "act", "law", "report",
    "theatre", "theater", "opera", "library", "hospital", "school", "university", "college", "academy", "hotel",
})

#: An age's figure and hyphen before "year-old" ("70-").
_AGED = re.compile(r"\d{1,3}[-‐]$")
#: "the" before an age: "the 41-"
_THE_AGED = re.compile(r"\b[Tt]he\s+\d{1,3}[-‐]$")

def _aged_before(text: str, age: str, before: int) -> str | None:
    """The gender of the one person the article introduced before ``before`` with the same age
    and a gendered noun, in the few sentences before ("A 41-year-old man has been sentenced ...
    The 41-year-old did not plead guilty": a man); none where two of that age are named."""
    w = words()
    if len(re.findall(rf"\b{age}[-‐]year[-‐]old\b|\b(?:aged|of)\s+{age}\b", text[:before])) != 1:
        return None  # two of that age, or none introduced ("a 16-year-old girl ... a 16-year-old classmate")
    genders = {
        "male" if noun in w.male_nouns else "female" if noun in w.female_nouns else None
        for noun in re.findall(rf"\b{age}[-‐]year[-‐]old\s+([a-z]+)", text[max(0, before - 400) : before])
    }
    return next(iter(genders)) if len(genders) == 1 else None


#: "the" right before a name (the match ends where it starts).
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: The English frequency (Zipf) of the last word of a body's name after "the"
#: ("Antiquarian" 2.8, "Directorate" 3.4; a surname such as "Chebet" is 1.2).
_BODY_HEAD_ZIPF = 2.5
#: A body's kind before its name: "the supporter club ", "the company ", "the band ".
_ORG_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|our)\s+(?:[\w-]+\s+)?(?:club|company|firm|association|organi[sz]ation|band|"
    r"group|choir|union|party|chain|brand|foundation|newspaper|magazine|restaurant|shop|store|hotel|charity|"
    r"agency|federation|cooperative|co-op|network|label|publisher|broadcaster)\s+$",
    re.I,
)
def _opens_sentence(doc: Document, at: int) -> bool:
    """Whether nothing but quotation marks or a dash stands before ``at`` in its sentence."""
    sentence = doc.sentence_at(at)
    return sentence is not None and not doc.text[sentence.start : at].strip(" \t\n–—-\"“«‘'")


#: What follows a name that ends its phrase: a punctuation mark or a possessive.
_NAME_ENDS_PHRASE = re.compile(r"\s*(?:[,.;:!?)]|['’]s\b|$)")
#: " from " right before a name.
_FROM = re.compile(r"\s+from\s+$")

_NOT_VERBS = {"was", "has", "is", "as", "its", "his", "this", "us", "plus", "news", "less", "across", "towards"}


def _refs(doc: Document, analysis: Analysis, person_of: dict[int, Person]) -> list[Ref]:
    w = words()
    refs: list[Ref] = []
    titles: dict[str, tuple[list[tuple[int, Person]], list[tuple[int, Person]]]] = {}  # who holds each title
    mention_starts = analysis.mention_starts
    role_positions = set()
    for m in analysis.mentions:
        if m.role:
            # the role word right before the name is part of the name
            role_positions.add(m.start)
    tokens = analysis.tokens
    starts = [t.start for t in tokens]
    for i, t in enumerate(tokens):
        if t.start in mention_starts:
            m = mention_starts[t.start]
            if _credit(doc, m):
                continue  # "Photo: Kari Nordmann / NTB": no one the text speaks of
            person = person_of.get(m.start)
            if person is not None:
                first = m.title[0].start if m.title else m.start
                refs.append(
                    Ref(m.start, t.sentence, person=person, subject=_subject(doc, t, first), quoted=t.quoted)
                )
            elif m.kind == "name" and _maybe_person(doc, analysis, m, starts):
                # someone the article does not show to be a person, who may be
                # one: a pronoun near them is not clear
                refs.append(Ref(m.start, t.sentence, unknown=True, quoted=t.quoted))
            continue
        low = t.lower
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else None
        if t.cap and not _capitalised_role(tokens, i) and not (t.initial and low in _KIN_ALONE):
            continue  # (but "– Mother is 94": a speaker's kin, named by the noun)
        nxt_tok = tokens[i + 1] if i + 1 < len(tokens) else None
        kind = w.title(low)
        if kind in ("title", "ambiguous") and low.endswith("s") and low not in w.titles and low not in w.ambiguous_titles:
            kind = None  # "The researchers have followed ...": several people, no one "he" or "she" means
        ends_phrase = (
            nxt_tok is None
            or nxt_tok.sentence != t.sentence
            or doc.text[t.end : nxt_tok.start].strip() != ""
            or nxt_tok.lower in _AFTER_NOUN
        )
        # the words of "The fire chief" when it opens its sentence, for a word that may be a role
        definite = (
            _definite_phrase(doc, tokens, i)
            if kind in ("title", "ambiguous") or low in _ROLE_HEADS or low in w.person_nouns
            else None
        )
        role = (
            prev is not None
            and (prev.lower in _DETERMINERS or (prev.cap and not prev.initial))
            and (kind == "title" or (kind == "ambiguous" and ends_phrase))
        ) or (
            # "The fire chief says": a title after a modifier, in a definite phrase that opens
            # its sentence, whose holder the article named before ("fire chief Kjetil Ødegård")
            kind in ("title", "ambiguous")
            and not t.possessive  # (not "The fire chief's deputy says": the deputy)
            and prev is not None
            and not prev.cap
            and _titled_before(analysis, person_of, definite, t.start, titles) is not None
        ) or (
            # "NRK's head of entertainment", "the chief of staff": someone a pronoun may mean
            low in _ROLE_HEADS
            and nxt_tok is not None
            and nxt_tok.lower == "of"
            and prev is not None
            and (prev.lower in _DETERMINERS or doc.text[prev.end : t.start].strip() in ("'s", "’s"))
            and _ROLE_OF.match(doc.text, nxt_tok.end) is not None
        )
        if low == "year-old" and _AGED.search(doc.text, max(0, t.start - 6), t.start):
            # "A 70-year-old was rescued", "the 25-year-old": someone a pronoun may mean
            # (not "a 70-year-old man": the man is)
            after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == t.sentence else None
            if after is None or doc.text[t.end : after.start].strip() or not (
                # (not "a 70-year-old man": the man is; nor "the 400-year-old Hamre church": a thing)
                after.lower in w.person_nouns or after.cap or _a_noun_only(after.lower)
            ):
                age = _AGED.search(doc.text, max(0, t.start - 6), t.start).group(0)[:-1]  # type: ignore[union-attr]
                # the one introduced before, for "the 41-year-old" (not "A 19-year-old was driving":
                # someone new; nor "the 19-year-old's lawyer": the client)
                again = _THE_AGED.search(doc.text, max(0, t.start - 12), t.start) is not None
                possessive = doc.text.startswith(("'s", "’s"), t.end)
                refs.append(Ref(
                    t.start, t.sentence, gender=_aged_before(doc.text, age, t.start) if again and not possessive else None,
                    subject=_subject(doc, t, t.start), quoted=t.quoted,
                ))
            continue
        if role or (
            low in w.person_nouns and not _plural_noun(low, w.person_nouns)
        ):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if _a_role_before_a_name(doc, tokens, i, mention_starts) or _modifies_a_noun(doc, t, nxt):
                continue  # (a role before a name; "The owner company has ...": no one)
            if (
                prev is not None
                and prev.lower in ("the", "a", "an")
                and nxt is not None
                and nxt.start in mention_starts
                and _apposition(doc, t.end, mention_starts[nxt.start])
            ):
                # "The employee, Kari Lunde (52), has ...": the noun is the person named
                # (not after a possessive: "Her mother, Randi, ..." says whose kin she is)
                continue
            if (
                prev is not None
                and (prev.lower == "the" or (prev.lower in w.speech_verbs and prev.sentence == t.sentence))
                and _of_org_apposed(doc, analysis, t.end)
            ):
                # "says the director of NAV Rogaland, Hege Tjelta.", "says leader of Fagforbundet
                # Tromsø, Hege Lie.": the director is Tjelta
                continue
            sentence = doc.sentences[t.sentence] if t.sentence >= 0 else None
            if sentence is not None and (
                _PREDICATE.match(doc.text, sentence.start, t.start)
                or _WHO_PREDICATE.search(doc.text, sentence.start, t.start)
                or (_WORKS_AS.match(doc.text, sentence.start, t.start) and _role_ends(doc, tokens, i))
            ):
                # "Kari Lie is the municipal chief physician", "says prosecutor Kari Lie, who
                # was the actor in the case": the one named, not someone else
                continue
            # (not a noun of someone who speaks for another: "The lawyer says he ..." may be the client)
            titled = (
                None
                if low in _SPEAKS_FOR
                else _titled_before(analysis, person_of, definite or _speaker_phrase(doc, tokens, i), t.start, titles)
            )
            if titled is not None:
                # "operations manager Randi Sveen ... The operations manager says": her, the
                # subject of a sentence the phrase opens
                subject = definite is not None or _subject(doc, t, t.start)
                refs.append(Ref(t.start, t.sentence, person=titled, subject=subject, quoted=t.quoted))
                continue
            gender = _noun_gender(low) or _sex_beside(doc.text, prev, t)
            refs.append(Ref(t.start, t.sentence, gender=gender, subject=_subject(doc, t, t.start), quoted=t.quoted))
    refs.sort(key=lambda r: r.start)
    return refs


def _a_role_before_a_name(doc: Document, tokens: list[Token], i: int, mention_starts: dict[int, Mention]) -> bool:
    """Whether the person noun at ``i`` is the role of the name right after it: "counterpart
    Anthony Blinken", "the goalkeeper legend Katrine Lunde" (a role of two words), "says
    meteorologist on duty Kristin Myrvang"."""
    t = tokens[i]
    ahead = tokens[i + 1 : i + 4]
    if ahead and ahead[0].start in mention_starts and doc.text[t.end : ahead[0].start].strip() == "":
        return True
    if (
        len(ahead) >= 2
        and ahead[1].start in mention_starts
        and not ahead[0].cap
        and ahead[0].lower in _ROLE_SECOND
        and doc.text[t.end : ahead[1].start].strip() == ahead[0].text
    ):
        return True
    if len(ahead) == 3 and ahead[2].start in mention_starts and doc.text[t.end : ahead[2].start] == " on duty ":
        return True
    # "says business leader for water and sewage Tone Haugen", "head of communications Kari Lie":
    # the role's field in lower case between the noun and the name, a title before the name
    # with no article (not "The father of missing teenager Hege Lunde": someone else, her kin)
    if t.lower in _NOT_A_FIELDED_ROLE or (i > 0 and tokens[i - 1].lower in _DETERMINERS):
        return False
    field = _ROLE_FIELD.match(doc.text, t.end)
    return field is not None and field.end() in mention_starts


#: Person nouns that are someone's kin or counsel, never a role with a field before its holder's
#: name ("father of missing teenager Hege Lunde", "lawyer for defendant Per Hansen").
_NOT_A_FIELDED_ROLE = frozenset(
    "father mother son daughter husband wife brother sister parent parents partner uncle aunt grandfather "
    "grandmother grandson granddaughter cousin friend boyfriend girlfriend fiancé fiancee fiancée widow widower "
    "lawyer lawyers attorney counsel defender client coach trainer agent neighbour neighbor".split()
)
#: The field of a role between its noun and a name: " for water and sewage ", " of communications ".
_ROLE_FIELD = re.compile(r" (?:for|of) (?:[a-z]+ ){1,4}(?=[A-ZÆØÅ])")


def _capitalised_role(tokens: list[Token], i: int) -> bool:
    """A person noun or title capitalised after "the" (and title words): "the King",
    "the Crown Prince", "the Prime Minister"."""
    w = words()
    t = tokens[i]
    if t.lower not in w.person_nouns and w.title(t.text) != "title":
        return False
    for k in range(i - 1, max(-1, i - 4), -1):
        prev = tokens[k]
        if prev.sentence != t.sentence:
            return False
        if prev.lower == "the":
            return True
        if not (prev.cap and w.title(prev.text) in ("title", "modifier", "ambiguous")):
            return False
    return False


#: Second words of a role of two nouns before a name ("goalkeeper legend", "fire chief").
_ROLE_SECOND = frozenset({
    "legend", "veteran", "star", "icon", "talent", "profile", "chief", "boss", "leader", "manager", "colleague",
    "contact", "officer", "expert", "spokesperson", "spokesman", "spokeswoman", "coach", "captain", "director",
    "adviser", "advisor", "inspector", "commander", "head", "champion", "king", "queen", "rookie",
})

#: Nouns of people who speak for someone else: in "The lawyer says he denies the charges"
#: the pronoun is as likely the client, so the noun is not taken for the titled person.
_SPEAKS_FOR = frozenset({
    "lawyer", "attorney", "defender", "counsel", "solicitor", "prosecutor", "doctor", "nurse", "physician",
    "surgeon", "spokesperson", "spokesman", "spokeswoman", "agent", "guardian", "therapist", "psychologist",
    "investigator", "detective",
})


def _definite_phrase(doc: Document, tokens: list[Token], i: int) -> str | None:
    """The words of a definite noun phrase that opens its sentence (or follows a fronted
    time: "On Friday evening the TV chef opened") and ends at token ``i``, after "The" and
    up to two words in lower case or initials ("operations manager" of "The operations
    manager says", "TV chef"), when a verb follows it, not "of", "at" or "in" (the mayor of
    another town, the mayor at the time)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.sentence != tokens[i].sentence or nxt.lower in _OTHER_HOLDER:
        return None
    for back in (1, 2, 3):
        k = i - back
        if k < 0 or tokens[k].sentence != tokens[i].sentence:
            return None
        if (tokens[k].text == "The" and tokens[k].initial) or (tokens[k].text == "the" and _FRONTED_THE.search(doc.text, max(0, tokens[k].start - 40), tokens[k].end)):
            return " ".join(doc.text[tokens[k].end : tokens[i].end].split()).lower()
        if tokens[k].cap and not (tokens[k].text.isupper() and 1 < len(tokens[k].text) <= 4):
            return None  # (not "TV chef": a word's initials)
    return None


def _speaker_phrase(doc: Document, tokens: list[Token], i: int) -> str | None:
    """The words of "the mayor" in "..., says the mayor." (up to two words in lower case
    after "the", right after a verb of saying, ending the sentence, a title proper: not "the
    neighbour", "the farmer", whom anyone may be): the speaker, whom the article may have
    named with the title before ("mayor Eli Vågen")."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.sentence == tokens[i].sentence:
        return None
    if not re.match(r"\s*[.!?]", doc.text[tokens[i].end : tokens[i].end + 3]):
        return None
    for back in (1, 2, 3):
        k = i - back
        if k < 1 or tokens[k].sentence != tokens[i].sentence:
            return None
        if tokens[k].text == "the":
            verb = tokens[k - 1]
            if verb.sentence == tokens[i].sentence and verb.lower in words().speech_verbs and (
                words().title(tokens[i].lower) == "title"
            ):
                return " ".join(doc.text[tokens[k].end : tokens[i].end].split()).lower()
            return None
        if tokens[k].cap:
            return None
    return None


#: A time of the story's own days fronted before the subject "the": "On Friday evening the TV chef
#: opened ..." (not "Last century the bishop ...": another holder of the office).
_FRONTED_THE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:On\s+[A-Z][a-z]+day(?:\s+(?:morning|afternoon|evening|night))?|This\s+(?:morning|afternoon|"
    r"evening|week|weekend)|Earlier\s+(?:today|this\s+week)|Later(?:\s+that\s+(?:day|evening))?|In\s+the\s+(?:morning|"
    r"afternoon|evening))\s*,?\s+the$"
)

#: After "the mayor": someone else who holds the office ("of Moskenes", "at the time").
_OTHER_HOLDER = frozenset({"of", "at", "in", "for", "from", "with", "then", "who", "before", "until"})
#: Before "operations manager Randi Sveen": words that leave the title whole (not
#: "Deputy", "Former", "Acting", "Youth", a party's name: another office).
_BEFORE_TITLE = re.compile(
    r"(?:^|[\n.,;:!?–—\"“”(]|\b(?:says|said|tells|told|adds|added|writes|wrote|explains|explained|to|and|by|from|with|"
    r"according|confirms|confirmed|reports|reported|is|was))\s*$",
    re.IGNORECASE,
)


def _titled_before(
    analysis: Analysis,
    person_of: dict[int, Person],
    phrase: str | None,
    before: int,
    memo: dict[str, tuple[list[tuple[int, Person]], list[tuple[int, Person]]]] | None = None,
) -> Person | None:
    """The person last named before ``before`` right after the words of ``phrase``
    and nothing that makes it another office ("says operations manager Randi Sveen",
    "Mayor Kari Lie" for "The mayor"; not "Deputy mayor Per Hansen"), when no one
    else was named after them.  ``memo`` keeps each phrase's holders for the article
    (a long article asks about "the minister" hundreds of times)."""
    if not phrase:
        return None
    if memo is None:
        memo = {}
    if phrase not in memo:
        memo[phrase] = _title_holders(analysis, person_of, phrase)
    titled, fielded = memo[phrase]
    found = [p for start, p in titled if start < before] or [p for start, p in fielded if start < before]
    people = {id(p) for p in found}
    return found[-1] if len(people) == 1 else None


def _title_holders(
    analysis: Analysis, person_of: dict[int, Person], phrase: str
) -> tuple[list[tuple[int, Person]], list[tuple[int, Person]]]:
    """Where the article names someone right after the words of ``phrase`` ("Mayor Kari
    Lie"), and, for a title of one word, after it with its field ("Fisheries Minister
    Kari Lie", "Minister of Fisheries and Oceans Kari Lie"; not "Deputy", "Former",
    "Prime"): (the mention's start, the person), in text order."""
    text = analysis.doc.text
    titled: list[tuple[int, Person]] = []
    fielded: list[tuple[int, Person]] = []
    field = _field_title(phrase) if " " not in phrase else None
    for m in analysis.mentions:
        person = person_of.get(m.start)
        if person is None:
            continue
        head = text[max(0, m.start - len(phrase) - 40) : m.start].rstrip()
        if " ".join(head.split()).lower().endswith(phrase):
            # what stands before the title's words (the text is cut where they start)
            words_before = head[: len(head) - len(phrase)] if head[-len(phrase) :].lower() == phrase else ""
            if _BEFORE_TITLE.search(words_before):
                titled.append((m.start, person))
                continue
        if field is not None:
            office = field.search(text, max(0, m.start - 80), m.start)
            if office is not None and not _OTHER_OFFICE_BEFORE.search(text, max(0, office.start() - 12), office.start()):
                fielded.append((m.start, person))
    return titled, fielded


#: Words before a title that make it another office ("Deputy Mayor", "Prime Minister").
_OTHER_OFFICE = "deputy|former|acting|prime|vice|assistant|junior|state|youth|ex|interim|shadow|first|second|new"
#: One of them right before "Minister of ...": "Former Minister of Fisheries".
_OTHER_OFFICE_BEFORE = re.compile(rf"\b(?:{_OTHER_OFFICE})[\s-]+$", re.IGNORECASE)


@cache
def _field_title(phrase: str) -> re.Pattern[str]:
    """A title of one word with its field before a name: "Fisheries Minister ", "Minister
    of Fisheries and Oceans " (the match ends where the name starts)."""
    return re.compile(
        rf"(?:(?:^|[\n.,;:!?–—\"“”(]|\b(?:says|said|tells|told|to|and|by|from|with|is|was))\s*"
        rf"(?!(?:{_OTHER_OFFICE})\b)(?-i:[A-ZÆØÅ])[\w-]+\s+{re.escape(phrase)}"
        rf"|\b{re.escape(phrase)}\s+of\s+(?:the\s+)?(?-i:[A-ZÆØÅ])[\w-]+"
        rf"(?:(?:,|\s+and|\s+&)\s+(?-i:[A-ZÆØÅ])[\w-]+){{0,3}})\s*$",
        re.IGNORECASE,
    )

#: Nouns that name a person only before "of" and what a person heads ("head of
#: entertainment", "chief of staff", "head of the agency"; not "the head of the fjord").
_ROLE_HEADS = frozenset({"head", "chief", "boss"})
_ROLE_OF = re.compile(
    r"\s+(?:the\s+)?(?:(?-i:[A-ZÆØÅ])|(?:communications|entertainment|news|sport|sports|staff|security|research|"
    r"finance|marketing|operations|department|division|unit|section|agency|ministry|board|company|group|police|"
    r"investigations?|emergency|programming|culture|content|strategy|sales|development)\b)",
    re.IGNORECASE,
)


#: "Her name is ...", "His name was ...": the pronoun points at the name that follows
#: (unless its given name says the other gender: "His name was Kari Marie Olsen").
_NAME_FOLLOWS = re.compile(r"\s+(?:first\s+|full\s+|real\s+)?name(?:\s+(?:is|was)|['’]s)\s+([A-ZÆØÅ][\w-]*)")


def _cataphora(analysis: Analysis, t: Token, refs: list[Ref]) -> bool:
    """A pronoun in an opening clause that the name follows: "Speaking to his
    fans, Ronaldo said ...", "In her speech, May said ..."."""
    doc = analysis.doc
    sentence = doc.sentences[t.sentence]
    comma = doc.text.find(",", t.end, sentence.end)
    if comma < 0:
        return False
    if any(r.start < t.start and r.person is not None for r in refs):
        return False
    after = [r for r in refs if r.start > comma]
    return bool(after) and after[0].person is not None and doc.text[comma + 1 : after[0].start].strip() == ""


_REFLEXIVE = {"himself", "herself"}
#: A possessive right after "<person> and", a reflexive right after "<person>".
_AND_POSSESSIVE = re.compile(r"\s+and\s+$")


def _right_after_person(analysis: Analysis, here: list[Ref], t: Token) -> Person | None:
    """The person a pronoun stands right after: "Tandrevold and his coaching team"
    (a possessive after the sentence's subject and "and"), "Reistad himself" (a
    reflexive after the name); None elsewhere."""
    named = [r for r in here if r.person is not None and not r.quoted]
    if not named:
        return None
    last = max(named, key=lambda r: r.start)
    mention = analysis.mention_starts.get(last.start)
    if mention is None:
        return None
    between = analysis.doc.text[mention.end : t.start]
    if t.lower in ("his", "her") and _AND_POSSESSIVE.fullmatch(between) and last.subject:
        return last.person  # the sentence's subject ("Zoran Zaev, his wife Zorica and his son" is a list)
    if t.lower in _REFLEXIVE and between in (" ", "’s own ", "'s own "):
        return last.person if between == " " else None
    if t.lower in ("his", "her") and _IN_POSSESSIVE.fullmatch(between):
        text = analysis.doc.text
        lead = text[analysis.doc.sentences[t.sentence].start : mention.start]
        if _SAID_THEN_ROLE.search(lead) and _OWN_SPEECH.match(text, t.end):
            # "said police prosecutor Kari Lie in his opening statement": the speaker's own
            # (Norwegian "sa Kari Lie i sitt innlegg")
            return last.person
    return None


#: Between a speaker's name and a possessive: "in".
_IN_POSSESSIVE = re.compile(r"\s+in\s+")
#: The speaker's own speech after the possessive ("his opening statement"; not "his visit").
_OWN_SPEECH = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:statement|speech|lecture|address|presentation|argument|arguments|testimony|"
    r"explanation|remarks|closing|opening|introduction|submission|plea|post|letter|reply|answer|column|blog)\b"
)
#: A verb of saying and up to four role words right before a name: the speaker after the
#: quote (not one spoken of: "said the lawyer of Kari Lie").
_SAID_THEN_ROLE = re.compile(
    r"\b(?:says|said|writes|wrote|explains|explained|adds|added|concludes|concluded|states|stated)"
    r"\s+(?:(?!(?:of|for|to|representing|about|with|and|by|on|behalf)\b)[\w-]+\s+){0,4}$"
)




#: What ends a pronoun's clause before a name after it: punctuation, a quotation mark.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”«»–—]")


def _named_later_in_clause(analysis: Analysis, t: Token) -> set[tuple[str | None, str]]:
    """The names a subject or object pronoun cannot mean, as (given name or None, surname):
    those it comes before in its own clause ("Judge Kari Lie tells TV 2 that he is sad on
    Strand's behalf": "he" is not Strand; "He and Strand", "She told him Lie would come").
    A name after a comma may be what the pronoun means ("When he arrived, Strand was
    tired"), and so may any name after a possessive ("her coach praised Lie")."""
    if t.lower not in ("he", "she", "him"):
        return set()
    text = analysis.doc.text
    end = analysis.doc.sentences[t.sentence].end
    brk = _CLAUSE_BREAK.search(text, t.end, end)
    stop = brk.start() if brk else end
    return {
        (m.first.text if m.full and m.first is not None else None, m.last.text)
        for m in analysis.mentions
        if t.end < m.start < stop and m.kind != "org" and m.last is not None
    }


def _named_later(analysis: Analysis, r: Ref, later: set[tuple[str | None, str]]) -> bool:
    """Whether a candidate referent is one of the names after the pronoun: its surname
    written alone there, or its given name and surname ("He beat his brother Henrik
    Ingebrigtsen" does not rule out Jakob Ingebrigtsen)."""
    m = analysis.mention_starts.get(r.start)
    if m is None or m.last is None:
        return False
    given = m.first.text if m.full and m.first is not None else None
    return any(surname == m.last.text and (g is None or g == given) for g, surname in later)


def refs_by_sentence(refs: list[Ref]) -> dict[int, list[Ref]]:
    """``refs`` grouped by their sentence, in text order."""
    by_sentence: dict[int, list[Ref]] = defaultdict(list)
    for r in refs:
        by_sentence[r.sentence].append(r)
    return by_sentence


def static_gender(person: Person) -> str | None:
    """The gender a person's title or given name says, when it says one."""
    genders = {g for g, reasons in person.static.items() if reasons}
    return next(iter(genders)) if len(genders) == 1 else None


def _resolve(analysis: Analysis, refs: list[Ref]) -> list[Resolution]:
    out: list[Resolution] = []
    by_sentence = refs_by_sentence(refs)
    ref_starts = [r.start for r in refs]  # (refs are in text order)
    tokens = analysis.tokens
    for i, t in enumerate(tokens):
        g = pronoun_gender(t.text)
        if (
            g is None or t.sentence < 0 or _address(tokens, i) or _after_colon_dash(analysis, t)
            or generic_pronoun(analysis.doc.text, tokens, i)  # "he or she": anyone
        ):
            continue
        here = [r for r in by_sentence.get(t.sentence, []) if r.start < t.start]
        formed = _by_form(analysis, by_sentence, here, i, out)
        if formed is not None:
            out.append(Resolution(t, g, formed, True, by_form=True))
            continue
        if t.quoted or _cataphora(analysis, t, by_sentence.get(t.sentence, [])):
            continue
        named = _NAME_FOLLOWS.match(analysis.doc.text, t.end)
        if named and words().first_name_gender(named.group(1)) in (None, g):
            continue  # "Her name is Marit Olsen": the name comes after the pronoun
        if noun_subject_of(analysis, here, t) is not None:
            continue  # "The Crown Princess ended his visit": the subject's, a person noun (the check's case)
        beside = _right_after_person(analysis, here, t)
        if beside is not None:
            # "Tandrevold and his coaching team", "Reistad himself": the person just named
            out.append(Resolution(t, g, beside, True))
            continue
        if t.lower in _REFLEXIVE:
            # "himself" refers inside its own sentence: one person there is it
            local = [r for r in here if r.person is not None or r.unknown or not r.quoted]
            persons_here = {id(r.person): r.person for r in local if r.person is not None}
            if len(persons_here) == 1 and len(local) == sum(1 for r in local if r.person is not None):
                out.append(Resolution(t, g, next(iter(persons_here.values())), True))
                continue
        purpose = (
            _subject_of_purpose(analysis, here, i)
            or _subject_saying_that(analysis, refs, by_sentence, here, i)
            or _continuing_speaker(analysis, refs, out, i)
            or _speaker_of_chain(analysis, refs, out, by_sentence, i)
            or _named_speaker_goes_on(analysis, refs, i)
        )
        if purpose is not None:
            # "Brekke has applied for free choice of treatment, so that he can be operated on"
            out.append(Resolution(t, g, purpose, not _named_in_caption_only(analysis, refs, out, purpose, t)))
            continue
        # everyone named in the sentence before the pronoun and in the sentences
        # before it: one person there is a clear referent, two are not
        from_previous = not here
        cands = _speakers_candidates(analysis, refs, out, _named_before(analysis, by_sentence, here, t), i, g)
        later = _named_later_in_clause(analysis, t)
        if later:
            cands = [r for r in cands if not _named_later(analysis, r, later)]
        if not cands:
            continue
        # a noun or title of the other gender cannot be the referent, nor a
        # noun inside someone's quote ("my little one")
        # (a person noun in the quote that ends right before the pronoun's sentence is someone
        # the narration may go on about: "– A man fell into the water, says Kari Lie. He was
        # pulled out")
        cands = [
            r for r in cands
            if r.person is not None
            or (r.gender in (None, g) and (r.unknown or not r.quoted or _quoted_just_before(tokens, r, i)))
        ]
        cands = [r for r in cands if not _object_of_own_subject(analysis, r, i)]
        people = {id(r.person): r.person for r in cands if r.person is not None}
        nouns = [r for r in cands if r.person is None]  # person nouns and unknown names
        if len(people) == 1 and not nouns:
            first = min(r.start for r in cands if r.person is not None)
            person = next(iter(people.values()))
            if _introduced_by_kin(analysis.doc.text, first, g) or _role_subject_between(
                analysis, max(r.start for r in cands), t, person
            ) or _someone_else_of_its_gender(analysis, out, t):
                # "Her husband, Kjell Aune, died. She ...": "her" is someone else; "Kari Lie
                # watched as the youngster ... scored his first goal": the youngster's
                continue
            # one named only in a photo's caption between two paragraphs is an unsure
            # referent ("Producer Haakon Strand in the studio. Photo: Private" between two
            # paragraphs of Lene Marlin's "she")
            out.append(Resolution(t, g, person, not _named_in_caption_only(analysis, refs, out, person, t)))
            continue
        if len(people) > 1 and not nouns:
            # several people, all of the other gender by title or given name:
            # whichever it is, the pronoun does not fit
            genders = {static_gender(p) for p in people.values()}
            if len(genders) == 1 and None not in genders and g not in genders:
                nearest = max((r for r in cands if r.person is not None), key=lambda r: r.start)
                out.append(Resolution(t, g, nearest.person, True))
                continue
        introducer = _introducer(analysis, refs, ref_starts, by_sentence, i, out)
        if introducer is not None:
            # "Doctor Kari Lie confirms that she was there. / – I talked to him, says he."
            out.append(Resolution(t, g, introducer, True, bound=True))
            continue
        sentence_initial = t.initial and t.text[:1].isupper()
        previous = [r for r in by_sentence.get(t.sentence - 1, [])]
        if from_previous and sentence_initial and previous and previous[0].subject and previous[0].person is not None:
            subject = previous[0].person
            others = [r for r in previous[1:] if r.person is not subject]
            if all(r.person is not None or r.gender not in (None, g) for r in others):
                out.append(Resolution(t, g, subject, False))
    _mark_bound(analysis, out, by_sentence)
    return out


def _speakers_candidates(
    analysis: Analysis, refs: list[Ref], out: list[Resolution], cands: list[Ref], i: int, g: str
) -> list[Ref]:
    """``cands`` for the pronoun at ``i`` less the person nouns a quote before it speaks of
    (:func:`_not_spoken_of`); none where it speaks after a quote ("– ..., she says") and a
    pronoun of its gender taken for nobody stands between them and it ("Grav described her
    as ... / – ..., she says": the "her" may be the speaker; :func:`_unplaced_pronoun_between`)."""
    cands = _not_spoken_of(analysis, cands, analysis.tokens, i)
    if cands and reporting_pronoun(analysis.tokens, i, words().speech_verbs) and _unplaced_pronoun_between(
        analysis, refs, out, max(r.start for r in cands), i, g
    ):
        return []
    return cands


def _unplaced_pronoun_between(
    analysis: Analysis, refs: list[Ref], out: list[Resolution], start: int, i: int, g: str
) -> bool:
    """Whether a pronoun of gender ``g`` outside quotes stands between ``start`` (the last
    candidate) and token ``i``, taken for nobody and after no person noun it may mean:
    someone of that gender, not named, is spoken of ("Host Per Lie described her as ... /
    – ..., she says": the speaker may be "her"; not "the man was seen ... He had a weapon")."""
    tokens = analysis.tokens
    k = bisect.bisect_left(analysis.token_starts, start)
    taken = {r.token.start for r in out}
    nouns = [r.start for r in refs if r.person is None and not r.unknown and not r.quoted and r.gender in (None, g)]
    return any(
        not tok.quoted
        and pronoun_gender(tok.text) == g
        and tok.start not in taken
        and not any(start < n < tok.start for n in nouns)
        for tok in tokens[k:i]
    )


def _not_spoken_of(analysis: Analysis, cands: list[Ref], tokens: list[Token], i: int) -> list[Ref]:
    """``cands`` without the person nouns a quote speaks of, for the pronoun that speaks after
    it ("– Stay away from the man, he says": whoever "the man" is, he is not the speaker)."""
    spoken_of = _spoken_of_in_quote(analysis, tokens, i)
    if not spoken_of:
        return cands
    text = analysis.doc.text
    return [
        r for r in cands
        if r.person is not None or r.unknown or _NOUN_AT.match(text, r.start).group(0).lower() not in spoken_of  # type: ignore[union-attr]
    ]


def _spoken_of_in_quote(analysis: Analysis, tokens: list[Token], i: int) -> frozenset[str]:
    """For a pronoun that speaks after a quote ("– Do not approach the man, he says"), the
    person nouns the quote speaks of in the third person, definite and ending their clause (the
    speaker is none of them); else nothing."""
    t, text = tokens[i], analysis.doc.text
    if i + 1 >= len(tokens) or tokens[i + 1].lower not in words().speech_verbs:
        return frozenset()
    if not _COMMA_BEFORE.search(text, max(0, t.start - 4), t.start):
        return frozenset()
    quote = text[analysis.doc.blocks[t.block].start : t.start]
    nouns = words().person_nouns
    return frozenset(m.group(1).lower() for m in _DETERMINED.finditer(quote) if m.group(1).lower() in nouns)


#: A definite person noun that ends its clause ("not to approach the man."): someone the quote
#: speaks of (not "a driver" in general, "the man on the phone", "the man who was hurt").
_DETERMINED = re.compile(r"\b(?:the|this|that)\s+([^\W\d_]+)(?=\s*[.,;:!?])", re.I)


#: A comma (and a closing quotation mark) right before a word: the end of a quote.
_COMMA_BEFORE = re.compile(r"[,][”’\"]?\s+$|[”’\"],\s+$")


def _continuing_speaker(analysis: Analysis, refs: list[Ref], out: list[Resolution], i: int) -> Person | None:
    """For a pronoun that opens its paragraph to go on speaking ("He adds that ...") right after
    a dialogue line whose reporting clause is a pronoun ("– ..., she says."): the person that
    pronoun was taken for, who is the one going on ("adds" follows on from what was said)."""
    tokens = analysis.tokens
    t = tokens[i]
    if not (t.initial and t.cap) or i + 2 >= len(tokens) or tokens[i + 1].lower not in _GOES_ON or t.block < 2:
        return None
    if not _SAYS_WHAT.match(analysis.doc.text, tokens[i + 1].end):
        return None  # ("He continues to deny the charges", "She added a second goal": no speech)
    k = i - 1
    while k >= 0 and tokens[k].block == t.block:
        k -= 1
    if k < 0 or tokens[k].block != t.block - 1:
        return None  # the paragraph right before
    j = k
    while j > 0 and tokens[j - 1].block == t.block - 1:
        j -= 1
    line = tokens[j : k + 1]  # (its tokens, walked back from its end)
    if not line[0].quoted:
        return None  # a dialogue line
    last = line[-1] if line[-1].lower not in words().speech_verbs else line[-2] if len(line) > 1 else None
    if last is None or last.lower not in ("he", "she"):
        return None
    said = next((r for r in out if r.token.start == last.start), None)
    if said is not None:
        return said.person
    # the reporting pronoun unresolved: the one the paragraph before the line opens with, by
    # name, where that pronoun fits them ("Varpe says that ... / – ..., she says. / He adds")
    above = analysis.doc.blocks[t.block - 2]
    first = next((r for r in refs if above.start <= r.start < above.end), None)
    person = first.person if first is not None and first.subject and not first.quoted else None
    if person is None or static_gender(person) not in (None, pronoun_gender(last.text)):
        return None
    # nobody else named in the two paragraphs who may be the one going on (two people who speak
    # in turn: "... says the minister Per Lie. / – ..., she says. / He adds that ...")
    g = pronoun_gender(t.text)
    if any(
        (r.person is not None and r.person is not person and static_gender(r.person) in (None, g)) or r.unknown
        for r in refs
        if above.start <= r.start < analysis.doc.blocks[t.block - 1].end
    ):
        return None
    return person


def _named_speaker_goes_on(analysis: Analysis, refs: list[Ref], i: int) -> Person | None:
    """For a pronoun that opens its paragraph with a verb of saying and "that" ("He tells that
    ...", or "According to him, ...") right after a dialogue line attributed to someone by
    name ("– ..., says operations manager Kristin Bråten."): that person, who goes on; the
    people and nouns of the quote itself are the ones spoken of."""
    tokens = analysis.tokens
    t = tokens[i]
    if i + 2 >= len(tokens) or t.block < 1:
        return None
    block_start = analysis.doc.blocks[t.block].start
    opener = _ACCORDING_TO.search(analysis.doc.text, block_start, t.start)
    according = (
        t.lower in ("him", "her")
        and opener is not None
        and not opener["role"]
        and not analysis.doc.text[block_start : opener.start()].strip()
    )
    if not according and (
        not (t.initial and t.cap)
        or tokens[i + 1].lower not in words().speech_verbs
        or not _SAYS_WHAT.match(analysis.doc.text, tokens[i + 1].end)
    ):
        return None
    k = i - 1
    while k >= 0 and tokens[k].block >= t.block - 1:
        k -= 1
    line = [tok for tok in tokens[k + 1 : i] if tok.block == t.block - 1]
    if not line or not line[0].quoted or line[-1].quoted:
        return None  # a dialogue line with its reporting clause after the quote
    said = next(k for k in range(len(line) - 1, -1, -1) if line[k].quoted)
    clause = (line[said].end, line[-1].end)
    named = {id(r.person): r.person for r in refs if clause[0] < r.start <= clause[1] and r.person is not None}
    if len(named) != 1 or any(r.person is None for r in refs if clause[0] < r.start <= clause[1]):
        return None
    speaker = next(iter(named.values()))
    g = pronoun_gender(t.text)
    w = words()
    gendered = w.male_nouns if g == "male" else w.female_nouns
    # nobody else of the pronoun's gender named in the paragraphs before the line, who may be
    # meant ("Mayor Per Hansen proposes ... / – ..., says parent Kari Lie. / He says that ..."),
    # but one the sentence names by the noun of their role ("Pop artist Eirik Nordvik ... / He
    # tells that ... the artist was admitted": the artist is someone else than "He")
    above = analysis.doc.blocks[max(0, t.block - 5)].start
    others = [
        r for r in refs
        if above <= r.start < t.start
        and r.person is not speaker
        and (r.unknown or (r.person is not None and static_gender(r.person) in (None, g)))
    ]
    nouns = _role_nouns_after(analysis, i)
    by_noun = {id(r.person) for r in others if r.person is not None and _roles(r.person) & nouns}
    if any(not (r.person is not None and id(r.person) in by_noun) for r in others):
        return None
    # (or someone brought in by that noun alone: "The man acknowledged ... / – ... He has
    # cooperated ..., says Lie. / According to him, ... the man has sold his house")
    text = analysis.doc.text
    by_noun_alone = any(
        r.person is None and not r.unknown and _NOUN_AT.match(text, r.start).group(0).lower() in nouns  # type: ignore[union-attr]
        for r in refs
        if above <= r.start < line[0].start
    )
    if not (by_noun or by_noun_alone) and any(
        tok.quoted and ((tok.lower in ("he", "she") and pronoun_gender(tok.text) == g) or tok.lower in gendered)
        for tok in line
    ):
        return None  # the quote speaks of someone of that gender as a subject ("– He saved my son's life")
    return speaker


#: What opens a paragraph before the pronoun of "According to him, ...".
#: "According to" right before a person's mention, with up to three words of a role between:
#: "According to him" (no role), "According to chairman Per Mikkelsen" (role "chairman").
_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<role>(?:[a-z]+\s+){0,3})$")


def _role_nouns_after(analysis: Analysis, i: int) -> set[str]:
    """The person nouns after "the" in the sentence of token ``i``, after it ("He tells that
    ... the artist was admitted": {"artist"})."""
    tokens = analysis.tokens
    nouns = words().person_nouns
    out: set[str] = set()
    k = i + 2
    while k < len(tokens) and tokens[k].sentence == tokens[i].sentence:
        if tokens[k].lower in nouns and tokens[k - 1].lower == "the":
            out.add(tokens[k].lower)
        k += 1
    return out


def _roles(person: Person) -> set[str]:
    """The roles a person is named with ("artist" of "Pop artist Eirik Nordvik"), in lower case."""
    return {m.role.lower().split()[-1] for m in person.mentions if m.role}


#: A preposition of place before a name: "in Mandal" is somewhere, not someone.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|outside)\s+$")
#: How far back (in sentences) the pronoun a reporting pronoun goes on from may stand.
CHAIN_BACK = 6


def _a_place_after_preposition(text: str, r: Ref) -> bool:
    """Whether ``r`` is a name not known as a person's after a preposition of place ("in Mandal")."""
    return r.unknown and _PLACE_BEFORE.search(text, max(0, r.start - 8), r.start) is not None


def _speaker_of_chain(
    analysis: Analysis, refs: list[Ref], out: list[Resolution], by_sentence: dict[int, list[Ref]], i: int
) -> Person | None:
    """For the reporting pronoun of a dialogue line ("– ..., she adds.") with nobody named in
    the :data:`LOOKBACK` before it: the person the pronouns before it were taken for, where
    the last of them, a subject ("he", "she"), stands in the :data:`CHAIN_BACK` sentences
    before with only the dialogue line between, and nobody else is named or meant by a noun
    between that person's name and the pronoun ("Culture chief Haugland defends ... – ...,
    he says. / He emphasizes ... / – ..., she adds.")."""
    tokens = analysis.tokens
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.sentence != t.sentence or nxt.lower not in words().speech_verbs:
        return None
    if not re.search(r"(?:,|[”\"»])\s*$", analysis.doc.text[max(0, t.start - 4) : t.start]):
        return None  # the clause after a quotation
    text = analysis.doc.text
    if any(
        not _a_place_after_preposition(text, r)
        for back in range(LOOKBACK + 1)
        for r in by_sentence.get(t.sentence - back, [])
    ):
        return None  # someone named near (not "in Mandal": a place): the candidates decide
    last = next((r for r in reversed(out) if r.token.start < t.start), None)
    if last is None or last.person is None or t.sentence - last.token.sentence > CHAIN_BACK:
        return None
    if last.token.lower not in ("he", "she"):
        return None  # ("The local vet shares his worry": someone new, the subject)
    k = bisect.bisect_right(analysis.token_starts, last.token.start)
    if any(not tok.quoted for tok in tokens[k:i] if tok.sentence != last.token.sentence and tok.sentence != t.sentence):
        return None  # only the dialogue line between ("The caretaker empties them. – ..., she says")
    person = last.person
    named = [r for r in refs if r.start < t.start and r.person is person]
    if not named or any(
        r.person is not person and not _a_place_after_preposition(text, r)
        for r in refs
        if named[-1].start < r.start < t.start
    ) or any(r.person is not person for r in out if named[-1].start < r.token.start < t.start):
        return None
    return person


#: What a verb that goes on speaking says: "that ...", a colon, a quote.
_SAYS_WHAT = re.compile(r"\s+that\b|\s*:|\s*[–—\"“«]")
#: Verbs of saying that go on from what was said.
_GOES_ON = frozenset(
    "adds added continues continued emphasizes emphasises emphasized emphasised stresses stressed "
    "underlines underlined elaborates elaborated".split()
)


def _quoted_just_before(tokens: list[Token], r: Ref, i: int) -> bool:
    """Whether ``r``, a person noun opening a quote, stands in the two sentences right before
    the narration's pronoun ``tokens[i]`` ("– My neighbour had not been seen for days, says Lie.
    He was found dead"), where the pronoun does not go on speaking ("... says captain Kari Lie.
    He says ...": the speaker)."""
    t = tokens[i]
    if t.quoted or not t.sentence - 2 <= r.sentence < t.sentence or not r.subject:
        return False  # (the quote's subject: not "it takes little for a skier to ...", "my son")
    return i + 1 >= len(tokens) or tokens[i + 1].lower not in words().speech_verbs


def _after_colon_dash(analysis: Analysis, t: Token) -> bool:
    """Whether ``t`` stands after a dash that a colon opens in its block, in someone's
    words: "Queen Sonja on the King: – He will be back on his feet soon" (the king's "he")."""
    return _COLON_DASH.search(analysis.doc.text, analysis.doc.blocks[t.block].start, t.start) is not None


#: A colon and a dash: a quote opens ("Knutsen on the offer: – I stay").
_COLON_DASH = re.compile(r":\s*[–—]\s")


def _a_past_verb(word: str) -> bool:
    """Whether a lower-case word reads as a verb in the past tense ("beat", "turned")."""
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


def _a_verb(word: str) -> bool:
    """Whether a lower-case word after a noun reads as its verb: a past form ("beat",
    "turned", "attacked"), a present one in -s ("scores"), an auxiliary."""
    return word.isalpha() and word.islower() and (
        _a_past_verb(word) or word in _AUXILIARIES
        or (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def _object_of_own_subject(analysis: Analysis, r: Ref, i: int) -> bool:
    """Whether the pronoun at token ``i`` is the object right after a verb ("found her",
    "told him") of a clause whose subject is ``r``, in the same sentence with no clause opening
    between: such a pronoun is someone else (the subject would be "herself"): "Per Hansen found
    her in the water" (not "Kari asked Per to help her", "Kari took the dog with her")."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("him", "her") or not r.subject or r.sentence != t.sentence or i == 0:
        return False
    verb = tokens[i - 1]
    if verb.lower in _PREPOSITIONS or not (_a_past_verb(verb.lower) or _a_verb(verb.lower)) or verb.lower in _AUXILIARIES:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == t.sentence else None
    if t.lower == "her" and nxt is not None and not (nxt.lower in _PREPOSITIONS or nxt.lower in _AFTER_AN_OBJECT):
        return False  # "sold her house", "got her cat out": a possessive
    between = tokens[bisect.bisect_right(analysis.token_starts, r.start) : i - 1]
    while between and between[0].cap:
        between = between[1:]  # (the rest of the name)
    if between and between[0].lower == "who":
        between = between[1:]  # "It was Per Hansen who found her": the relative clause's subject is his
    return not any(
        tok.lower in _CLAUSE_OPENERS or tok.lower in words().speech_verbs or tok.text in (",", ";", ":", "–", "—")
        for tok in between
    )


def _someone_else_of_its_gender(analysis: Analysis, out: list[Resolution], t: Token) -> bool:
    """Whether the sentence before ``t`` (or its own, before it) has an object pronoun of
    ``t``'s gender that nobody named was taken for ("Per Hansen found her in the water. She had
    been there an hour": "her" is someone unnamed, whom "She" may mean)."""
    g = pronoun_gender(t.text)
    taken = {res.token.start for res in out if res.person is not None}
    sentences = analysis.doc.sentences
    first = bisect.bisect_left(analysis.token_starts, sentences[max(0, t.sentence - 1)].start)
    last = bisect.bisect_left(analysis.token_starts, t.start)
    return any(
        tok.sentence in (t.sentence - 1, t.sentence)
        and tok.lower in ("him", "her")
        and not tok.quoted  # (not one a quote speaks of: "– We will miss him, he says.")
        and pronoun_gender(tok.text) == g
        and tok.start not in taken
        for tok in analysis.tokens[first:last]
    )


#: Words that follow an object pronoun and never a possessive's noun ("found her in the water",
#: "told him that", "drove her home", "asked her to leave").
_AFTER_AN_OBJECT = frozenset(
    "the a an to that this up down out off back away home again there here yesterday today tonight now later "
    "immediately soon first".split()
)


def _noun_gender(low: str) -> str | None:
    """The gender a person noun or title says of itself ("mother", "king"; none of "driver")."""
    w = words()
    if low in w.male_nouns:
        return "male"
    if low in w.female_nouns:
        return "female"
    return "male" if low in w.male_titles else "female" if low in w.female_titles else None


#: A woman or a man set beside a person noun: "The bus driver, a woman in her 50s, ...".
_SEX_APPOSED = re.compile(r",\s+an?\s+(?P<sex>woman|man|girl|boy)\b")


def _sex_beside(text: str, prev: Token | None, t: Token) -> str | None:
    """The gender said beside the person noun ``t`` of no gender of its own: "a female
    employee", "The bus driver, a woman in her 50s, ..." (*en kvinne i 50-årene*)."""
    if prev is not None and prev.sentence == t.sentence and prev.lower in ("female", "male"):
        return prev.lower
    m = _SEX_APPOSED.match(text, t.end)
    if m is None:
        return None
    return "female" if m["sex"] in ("woman", "girl") else "male"


#: Words that open a clause of their own between a subject and a later verb.
_CLAUSE_OPENERS = frozenset("that who whom which whose when while because after before if and but or to as since until".split())


#: Auxiliaries after a subject.
_AUXILIARIES = frozenset("was were is has had will would could can must should did does may might".split())


#: Lower-case words before a name, the last two of them its role ("says acting rector Kari Lie").
_ROLE_BEFORE = re.compile(r"\b([a-z][a-z-]+)\b")


def _role_subject_between(analysis: Analysis, start: int, t: Token, person: Person | None = None) -> bool:
    """Whether, in the pronoun's sentence, a role noun that is not read as anyone
    ("youngster", "substitute", "rider", see ``role_nouns``) stands as a subject
    between the last person named (at ``start``) and the pronoun: "the" or "one of
    the" (for a plural), at most one word, the noun and a verb after it ("Kari Lie
    watched as the youngster beat two defenders and scored his first goal"), not an
    object ("took the children and drove to his sister") nor words in a quote; nor the
    title of ``person``, the one named ("acting rector Kari Lie ... The rector points out
    that she understands the frustration among his employees": the rector is Kari Lie)."""
    tokens = analysis.tokens
    titles: set[str] = set()
    for m in person.mentions if person is not None else ():
        titles |= {tok.lower for tok in m.title}
        titles |= {w.lower() for w in _ROLE_BEFORE.findall(analysis.doc.text[max(0, m.start - 40) : m.start])[-2:]}
    lo = bisect.bisect_left(analysis.token_starts, max(start, analysis.doc.sentences[t.sentence].start))
    hi = bisect.bisect_left(analysis.token_starts, t.start)
    w = words()
    nouns = w.role_nouns - w.male_nouns - w.female_nouns  # ("the man ran ... her son": a noun of a gender is read already)
    for k in range(lo, hi):
        if tokens[k].lower != "the":
            continue
        plural = k >= 2 and tokens[k - 1].lower == "of" and tokens[k - 2].lower == "one"
        for n in (k + 1, k + 2):
            if n + 1 >= hi:
                break
            noun, after = tokens[n].lower, tokens[n + 1]
            known = noun in nouns or (plural and noun.endswith("s") and noun[:-1] in nouns)
            if known and noun not in titles and not tokens[n].quoted and _a_verb(after.text):
                return True
    return False


def _named_in_caption_only(
    analysis: Analysis, refs: list[Ref], out: list[Resolution], person: Person, t: Token
) -> bool:
    """Whether ``person`` is named near the pronoun ``t`` (in its sentence and the
    :data:`LOOKBACK` before it) only in a photo's caption between two paragraphs, or not
    named near it and last taken, unsure, for such a pronoun: an unsure referent, as in
    :func:`_named_before` ("Producer Haakon Strand in the studio. Photo: Private / She has
    not decided ... / – We'll see, she says")."""
    near = [r for r in refs if r.person is person and t.sentence - LOOKBACK <= r.sentence <= t.sentence]
    if near:
        return all(caption_apart(analysis.doc, r.sentence, t.sentence) for r in near)
    last = next((r for r in reversed(out) if r.person is person), None)
    return last is not None and not last.hard and any(
        caption_apart(analysis.doc, r.sentence, last.token.sentence) for r in refs if r.person is person
    )


def _named_before(analysis: Analysis, by_sentence: dict[int, list[Ref]], here: list[Ref], t: Token) -> list[Ref]:
    """Everyone named before a pronoun in its sentence and in the :data:`LOOKBACK` before
    it; not someone a photo's caption names between two paragraphs, where the narration
    names someone too."""
    cands = here
    captioned: list[Ref] = []
    for back in range(1, LOOKBACK + 1):
        if caption_apart(analysis.doc, t.sentence - back, t.sentence):
            captioned += by_sentence.get(t.sentence - back, [])
        cands = by_sentence.get(t.sentence - back, []) + cands
    if captioned and len(captioned) < len(cands):
        cands = [r for r in cands if r not in captioned]
    return cands


def caption_apart(doc: Document, sentence: int, of: int) -> bool:
    """Whether sentence ``sentence`` is (in) a photo's caption and sentence ``of`` is not:
    a caption between two paragraphs is no context of the narration's pronouns (but of
    its own)."""

    def caption(n: int) -> bool:
        return 0 <= n < len(doc.sentences) and doc.blocks[doc.sentences[n].block].kind is BlockKind.CAPTION

    return caption(sentence) and not caption(of)


def _mark_bound(analysis: Analysis, out: list[Resolution], by_sentence: dict[int, list[Ref]]) -> None:
    """A pronoun after ", and" resolved to the subject of its sentence's first clause is
    bound to it by form, however it was resolved."""
    for r in out:
        if not r.bound and r.person is not None:
            here = [ref for ref in by_sentence.get(r.token.sentence, []) if ref.start < r.token.start]
            r.bound = _clause_subject(analysis, here, r.token, r.gender) is r.person


#: A verb in the words before a name: the name is no subject ("The prize went to Kari Lie").
_A_VERB_LEAD = re.compile(r"\b(?:is|was|were|are|has|had|went|goes|gave|met|told|says|said|to|by|with|for|from|than)\b", re.I)

#: An indefinite article (and a word) before a noun: no one in particular.
_A_NOUN = re.compile(
    r"\b(?:(?:for|find|finds|hire|hires|appoint|appoints|seek|seeks|seeking|recruit|recruits|need|needs)\s+(?:an?|any)\s+"
    r"(?:new\s+)?|[Aa]ny\s+|[Nn]o\s+|[Ee]very\s+)(?:[^\W\d_]+\s+){0,2}$"
)
#: The verbs of saying that put their speaker after them ("says Kari Lie").
_SAYING_VERBS = "says|said|adds|added|tells|told|explains|explained|answers|answered|writes|wrote|confirms|confirmed"
#: A verb of saying (and a title) right before a name: "..., says Hansen", "said coach Per
#: Hansen", "says operations manager ", "says meteorologist on duty "; not someone spoken of ("says the brother of ",
#: "says the lawyer representing ").
_SAID_BY = re.compile(
    rf"\b(?:{_SAYING_VERBS})\s+"
    r"(?:(?:(?!(?:of|for|to|representing|about|with|and|by|on|behalf)\b)(?:[a-zæøåäöü]+|[A-ZÆØÅ]{2,5}|FrP|KrF|Sp|Ap)\s+){0,3}"
    r"|[a-z]+\s+on\s+duty\s+)$"  # ("said FrP leader ": a party's abbreviation as Norwegian writes it)
)

#: Nouns of kin after a possessive: someone else's kin ("The woman is his niece").
_KIN_NOUNS = frozenset(
    "husband wife partner son daughter father mother brother sister boyfriend girlfriend uncle aunt nephew niece "
    "cousin grandson granddaughter grandfather grandmother widow widower fiancé fiancée children child kids parents "
    "family friend friends colleague colleagues".split()
)
#: A copula between a subject and a possessive: "The woman behind the counter is his ...".
_COPULAS = frozenset("is was are were became becomes remains remained".split())
def _another_clause(tokens: list[Token], between: list[Token]) -> bool:
    """Whether ``between`` (tokens between a subject and a possessive) holds a verb that
    opens a clause of its own: of saying or thinking, a copula, or a verb whose object
    acts next ("lets every cow keep", not "does not want to comment on")."""
    w = words()
    skip = -1
    for k, tok in enumerate(between):
        if k <= skip:
            continue
        if tok.lower in _COPULAS and _reported_to(between, k + 1):
            after = [b.lower for b in between[k + 3 : k + 5]]
            if after[:1] == ["be"] or after[:2] == ["have", "been"]:
                return True  # "The woman is said to be his own daughter": a predicate, someone else's
            skip = k + 2  # "The woman is said to have transferred ...": one clause (*skal ha*)
            continue
        if tok.lower in _COPULAS and _feeling_preposition(between, k + 1):
            continue  # "Kari Lie was proud of his runner": of her feelings, one clause
        if tok.lower in _COPULAS and k + 1 < len(between) and _progressive(between[k + 1].lower):
            continue  # "Stavik is looking forward to ...": an auxiliary, one clause
        if tok.lower in _COPULAS and _of_a_thing(between, k + 2):
            continue  # "Marit Vik was on her way home": where she is, no predicate of another
        if tok.lower in w.speech_verbs or tok.lower in _THINKING or tok.lower in _COPULAS:
            return True
        if tok.lower in _CAUSATIVES and not (k + 1 < len(between) and between[k + 1].lower == "to"):
            return True
    return False


def _progressive(word: str) -> bool:
    """Whether ``word`` after "is"/"was" makes a progressive ("looking"), not a noun or
    pronoun in -ing ("something", "king", "a building")."""
    return word.endswith("ing") and len(word) > 5 and not word.endswith("thing") and word not in _ING_NOUNS


#: Words in -ing that are no verb's progressive.
_ING_NOUNS = frozenset(
    "during morning evening ceiling sibling darling building meeting spring string wedding feeling "
    "painting setting ruling outing herring pudding stuffing lightning".split()
)


def _feeling_preposition(between: list[Token], k: int) -> bool:
    """Whether ``between[k:]`` is an adjective of feeling and its preposition, the last
    words before the possessive: "(was) proud of", "(is) very happy with"."""
    rest = [tok.lower for tok in between[k:]]
    return 2 <= len(rest) <= 3 and rest[-1] in ("of", "with", "about", "over") and rest[-2] in _FEELINGS


#: Adjectives of feeling before "of", "with", "about": "proud of his runner".
_FEELINGS = frozenset(
    "proud happy pleased satisfied unhappy disappointed dissatisfied worried concerned angry upset glad "
    "grateful thankful impressed delighted sad".split()
)

#: Participles of a report after a copula and before "to": "is said to have", "was believed to".
_REPORTED = frozenset("said alleged reported believed thought claimed suspected supposed understood known expected".split())


def _reported_to(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k:]`` opens with a participle of a report and "to" ("said to")."""
    return k + 1 < len(tokens) and tokens[k].lower in _REPORTED and tokens[k + 1].lower == "to"


#: Verbs whose object is the subject of the verb after it ("lets every cow keep her own calf").
_CAUSATIVES = frozenset(
    "let lets letting allow allows allowed allowing help helps helped helping make makes made making "
    "ask asks asked tell tells told urge urges urged encourage encourages encouraged give gives gave given "
    "offer offers offered lend lends lent".split()
)
#: Verbs of thinking that open a reported clause without "that" ("The woman believes it was his").
_THINKING = frozenset("believe believes believed think thinks thought feel feels felt claim claims claimed".split())

#: A possessive before a subject noun ("Her husband", "His daughter").
_POSSESSIVE_LEAD = re.compile(r"\b(?:his|her|their|its)\s+(?:[^\W\d_]+\s+)?$", re.I)

#: An adverbial and its comma before a subject noun: "Over a period of six years, the".
_FRONTED = re.compile(
    r"^(?:[^,;:–—\"“”«»]{3,60},\s+)?(?:the|a|an)\s+(?:[^\W\d_]+\s+){0,2}$", re.I
)


def noun_subject_of(
    analysis: Analysis, here: list[Ref], t: Token, named: bool = False, plain: bool = False
) -> Ref | None:
    """For "his"/"her" after the subject of its clause, when the subject is a person
    noun of known gender and nobody else is named between ("The woman transferred the
    money to his own account", "The Crown Princess ended his visit"), that subject.
    "her" only in "her own" ("rebuilt her plank by plank": her may be the object, a
    ship); not before a noun of kin ("The woman is his niece"), nor after a copula.
    With ``named``, the subject is a person named instead, and the possessive is
    "his own" or "her own" (Norwegian *sin egen*, which is the subject's: "Skipper
    Kari Lie fishes with his own boat"); with ``plain`` too, a plain "his" after the
    named subject ("Kari Lie has had good support from his family", *familien sin*),
    which the caller reports only where nobody else may be meant."""
    reflexive = t.lower in _REFLEXIVE and not named
    # (in a quote, only a named subject's "his own": "– Tveit has found his own voice, she says")
    if (t.lower not in ("his", "her") and not reflexive) or (t.quoted and not named) or not here:
        return None
    tokens = analysis.tokens
    k = bisect.bisect_left(analysis.token_starts, t.start)
    if reflexive:
        return _noun_subject_of_reflexive(analysis, here, k)
    said_in = said_in_own(analysis, k)
    own = subject_bound(analysis, k)
    if named and (not plain or t.quoted) and not own:
        return None
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is None or nxt.sentence != t.sentence or analysis.doc.text[t.end : nxt.start] != " ":
        return None
    # "her" after a preposition and before a word is the possessive ("with her herd"):
    # a preposition takes the one object, so "her" cannot be it
    her_possessive = t.lower == "her" and plain and k > 0 and tokens[k - 1].lower in _PREPOSITIONS and _NOUN_AFTER.match(nxt.text)
    if (((t.lower == "her" and not her_possessive) or (named and not plain)) and not own) or (nxt.lower in _KIN_NOUNS and not plain):
        return None
    doc = analysis.doc
    apposed = None
    if named and len(here) > 1:
        # "Her coach, Hege Moldestad, was proud of his runner": the person the role names
        unset = _without_apposed_roles(doc.text, here)
        if unset and unset[0] is here[1] and here[0].subject:
            apposed = _APPOSED_LEAD.match(doc.text, doc.sentences[t.sentence].start, here[1].start)
            if apposed is None or pronoun_gender(apposed.group("pos") or "") == pronoun_gender(t.text):
                return None  # ("His coach, Kari Lie, praised his progress": his may be the one the coach trains)
            here = unset
    subject, others = here[0], here[1:]
    lead = doc.text[doc.sentences[t.sentence].start : subject.start]
    that = _THAT_BEFORE.search(doc.text, doc.sentences[t.sentence].start, here[-1].start) if plain else None
    g = pronoun_gender(t.text)
    if that is not None and len(here) > 1:
        # "Kari Lie says that Marit Olsen has had good support from his family": the
        # reported clause's subject, where nobody before it may be of the possessive's
        # gender ("Her neighbour Per Hansen says that ...": he may be meant)
        if any(_may_be(r, g) for r in here[:-1] if r.person is None or r.person is not here[-1].person):
            return None
        subject, others, lead = here[-1], [], ""
    if subject.quoted != t.quoted or (subject.person is None if named else (subject.person is not None or subject.gender is None)):
        return None
    if not (subject.subject or _FRONTED.match(lead) or that is not None or apposed or (plain and _subject_lead(lead))) or (
        _POSSESSIVE_LEAD.search(lead) and not apposed
    ):
        return None  # (not "Her husband encouraged ...": whose husband names someone else)
    after = _mention_end(analysis, subject.start) if named else subject.start + 1
    if named:
        after = _AGE_ONLY.match(doc.text, after).end()  # type: ignore[union-attr]  # (it matches the empty string)
        if apposed and doc.text.startswith(",", after):
            after += 1  # (the comma that closes the apposition)
    between = tokens[bisect.bisect_left(analysis.token_starts, after) : k - 2 if said_in else k]
    if any(
        (pronoun_gender(tok.text) is not None or tok.lower in ("them", "they"))
        and not (named and plain and pronoun_gender(tok.text) != g and _of_a_thing(between, n))
        for n, tok in enumerate(between)
    ):
        # "Her husband encouraged her to start her own business": "her" is the one meant;
        # not the subject's own thing before ("Marit Vik was on her way home together with
        # his daughter": *sin*, hers, as "her way" is)
        return None
    # "Sigrid Fjeld got to play the last ten minutes and scored his first goal": the named
    # subject's second verb; what the first one took is no object of the second
    between, after = _from_coordinated_verb(between, after, named)
    if _another_clause(tokens, between):
        # "The woman says it was his own fault": a clause of its own; "Ola Lindvik lets
        # every cow keep her own calf": the object is the subject of the next verb
        return None
    if named and _object_between(tokens, between):
        return None  # "Kari Lie gave the old horse his own stall": the object's
    if any(
        (r.person is not subject.person) if named else (r.person is not None or r.unknown or r.gender != subject.gender)
        for r in others
    ):
        return None
    if NEW_CLAUSE.search(doc.text, after if named else subject.start, t.start) or (
        named and _role_subject_between(analysis, subject.start, t)
    ):
        # "The woman said that the boy had used his own phone"; "Kari Lie crossed, and the
        # substitute turned and scored his first goal"
        return None
    return subject


def _from_coordinated_verb(between: list[Token], after: int, named: bool) -> tuple[list[Token], int]:
    """``between`` and ``after`` from a named subject's second verb on, if there is one."""
    k = _coordinated_verb(between) if named else None
    return (between, after) if k is None else (between[k:], between[k].start)


def _coordinated_verb(between: list[Token]) -> int | None:
    """The index in ``between`` of a verb in the past tense right after its last "and", with
    a lower-case word before that "and" (the subject's second verb: "... played the last ten
    minutes and scored"), or None."""
    for k in range(len(between) - 2, 0, -1):
        if between[k].lower == "and":
            verb = between[k + 1]
            if between[k - 1].cap or verb.cap:
                return None
            if _a_past_verb(verb.lower):
                return k + 1
            return None
    return None


#: Verbs in the past tense that do not end in -ed, for :func:`_coordinated_verb`.
_IRREGULAR_PAST = frozenset(
    "won got took made became ran went came gave saw set hit left held kept led beat broke threw wrote drove "
    "found brought told put sent spent lost bought sold caught fought began rode swam".split()
)


def _noun_subject_of_reflexive(analysis: Analysis, here: list[Ref], k: int) -> Ref | None:
    """For "himself"/"herself" right after a verb (and its particle), the subject of the
    clause where it is a person noun of known gender that opens the sentence, with only
    auxiliaries, adverbs and the verb between ("The woman had got himself out before the
    fire service arrived", *hadde kommet seg ut*: *seg* is the subject's); not where an
    object, a pronoun or another clause stands between ("The woman helped the boy get
    himself out")."""
    tokens = analysis.tokens
    t = tokens[k]
    subject = here[0]
    if len(here) != 1 or subject.person is not None or subject.gender is None or subject.quoted:
        return None
    if tokens[bisect.bisect_left(analysis.token_starts, subject.start)].possessive:
        return None  # "The princess's bodyguard had placed himself": the bodyguard is the subject
    text = analysis.doc.text
    lead = text[analysis.doc.sentences[t.sentence].start : subject.start]
    after = subject.start + 1
    if not subject.subject:
        # "The resident, a woman in her 50s, had got himself out": a person noun apposed
        # to the subject, the apposition closed by a comma
        close = text.find(",", subject.start, t.start)
        if not _APPOSED_NOUN_LEAD.fullmatch(lead) or close < 0:
            return None
        after = close
    elif not _NOUN_SUBJECT_LEAD.fullmatch(lead):
        return None  # ("Her husband ...", "After the woman left, ...")
    between = tokens[bisect.bisect_left(analysis.token_starts, after) : k]
    if not between or any(not _VERB_GROUP_WORD.fullmatch(tok.text) for tok in between) or len(between) > 5:
        return None
    if _another_clause(tokens, between) or _object_between(tokens, between):
        return None
    return subject


#: Before a person noun that opens its sentence: its article and up to two words ("The
#: elderly ", "A young ").
_NOUN_SUBJECT_LEAD = re.compile(r"[\s–—\-\"“«]*(?:The|A|An)\s+(?:[a-z][\w-]*\s+){0,2}")
#: A subject and the start of a person noun apposed to it: "The resident, a ", "The driver
#: of the car, an elderly ".
_APPOSED_NOUN_LEAD = re.compile(
    r"[\s–—\-\"“«]*The\s+(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*,\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){0,2}"
)
#: A word of a verb group: lower case, no punctuation ("had", "quickly", "got").
_VERB_GROUP_WORD = re.compile(r"[a-z]+")


#: A role set off before the name of its sentence's subject: "Her coach, ", "The rector at
#: Skåbu school, " (the possessive, if any, is someone else's).
_APPOSED_LEAD = re.compile(
    r"[\s–—\-\"“«]*(?:(?P<pos>[Hh]is|[Hh]er|[Tt]he)\s+)?(?:[\w-]+\s+){0,5}?[\w-]+,\s+$"
)


def _subject_lead(lead: str) -> bool:
    """Whether the words before a name that opens its sentence leave it the subject: a
    role, a person noun and up to two words before it ("The Stavanger artist ", "Dairy
    farmer "), or an adverb of time ("Now ", "On Monday, ")."""
    if _TIME_LEAD.match(lead):
        return True
    m = _ROLE_LEAD.match(lead)
    return m is not None and m.group(1).lower() in words().role_nouns


#: An adverb of time opening the sentence before its subject: "Now ", "On Monday, ".
_TIME_LEAD = re.compile(
    r"^[\s–—\-\"“«]*(?:now|today|tonight|yesterday|then|meanwhile|later|afterwards|recently|finally|"
    r"(?:on|last|this|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|year|weekend)|"
    r"this\s+(?:morning|evening|summer|winter|spring|autumn))\s*,?\s+$",
    re.I,
)


#: A sentence's opening words before a name, ending with the noun of a role.
_ROLE_LEAD = re.compile(r"^[\s–—\-\"“«]*(?:the\s+)?(?:[\w-]+\s+){0,2}?([^\W\d_]+)\s+$", re.I)


#: "says that " right before a name: the name opens the reported clause (the match must end there).
_THAT_BEFORE = re.compile(r"\b(?:says?|said|tells?|told|writes?|wrote|confirms?|confirmed|adds?|added)\s+(?:\w+\s+)?that\s+$")


def _his_own(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" right before "own" in its sentence."""
    tokens = analysis.tokens
    t = tokens[i]
    return (
        t.lower in ("his", "her")
        and i + 1 < len(tokens)
        and tokens[i + 1].lower == "own"
        and tokens[i + 1].sentence == t.sentence
        and analysis.doc.text[t.end : tokens[i + 1].start] == " "
    )


#: Words that open a noun phrase: after them an object may stand between a verb and "his own".
_DETERMINERS_OBJ = frozenset("the a an every each this that these those its their our my your some all".split())
#: Prepositions: right before "his own" they tie it to the verb's own phrase ("fishes with his own boat").
_PREPOSITIONS = frozenset(
    "with on in for to from about at by into onto over under of through after before against without".split()
)


#: A word that may be the noun after a possessive "her" (not "to her and ...", "with her
#: all night", "gave it to her last week": a word that ends or goes on the phrase).
_NOUN_AFTER = re.compile(
    r"(?!(?:and|or|but|nor|at|in|on|to|for|with|by|from|as|than|when|that|who|whom|which|while|after|before|"
    r"again|too|so|up|out|back|off|now|then|there|here|yesterday|today|tonight|all|every|each|this|these|those|"
    r"last|next|the|a|an|some|any|both|either|one|two|three|home|alone|anymore|since|until|because|if|about|"
    r"into|over|through|during|against|without|around|down|away|instead|later|first|more|less|is|was|"
    r"were|are|has|had|have|will|would|could|can|may|might|should|must|did|does|do)$)[a-z][a-z'-]*$"
)


def _of_a_thing(between: list[Token], n: int) -> bool:
    """Whether ``between[n]`` is "his"/"her" after a preposition and before a word that
    names no person ("on her way", "in his car"; not "with her husband")."""
    if not 0 < n < len(between) - 1 or between[n].lower not in ("his", "her"):
        return False
    after = between[n + 1]
    return (
        between[n - 1].lower in _PREPOSITIONS
        and after.text.islower()
        and after.lower not in _KIN_NOUNS
        and after.lower not in words().person_nouns
    )


def _object_between(tokens: list[Token], between: list[Token]) -> bool:
    """Whether an object may stand between a subject's verb and "his own": a pronoun, a
    capitalised word (a name: "gives Ola his own room") or a noun phrase not closed by a
    preposition ("gave the old horse his own stall"; not "went with the team on his own bus")."""
    for k, tok in enumerate(between):
        if tok.lower in ("him", "her", "them", "it", "us", "me", "you") and not _of_a_thing(between, k):
            return True
        if tok.cap and not (k > 0 and (between[k - 1].lower in _PREPOSITIONS or between[k - 1].cap)):
            return True  # (a place after a preposition is no object: "Kari Lie from Båtsfjord fishes ...")
    if between and between[-1].lower == "all":
        between = between[:-1]  # "all his life", "sold all her horses": of the possessive's own phrase
    return any(tok.lower in _DETERMINERS_OBJ for tok in between) and not (between and between[-1].lower in _PREPOSITIONS)


def _by_form(analysis: Analysis, by_sentence: dict[int, list[Ref]], here: list[Ref], i: int, out: list[Resolution]) -> Person | None:
    """The one a pronoun means by the form of its sentence: who spoke goes on ("...,
    says operations manager Kari Lie. She adds that ...", also after a dialogue line's
    reporting clause, whose narration the tokens count as quoted); *sin egen*, the
    subject's ("Skipper Kari Lie fishes with his own boat"; "..., and says that she has
    gone his own ways"; "..., who does not want to comment on his own commission"); the
    speaker of their own mind ("Mayor Kari Lie says he understands the anger")."""
    t = analysis.tokens[i]
    if t.quoted:
        if _after_attribution(analysis, i):
            return _last_speaker(analysis, by_sentence, i)
        return _named_in_quote(analysis, by_sentence, i)
    lawyer = _lawyer_of_client(analysis, here, i)
    if lawyer is not None:
        return lawyer
    speaker = _last_speaker(analysis, by_sentence, i) or _pronoun_speaker(analysis, i, out)
    if speaker is not None:
        return speaker
    in_words = _in_own_words(analysis, here, i)
    if in_words is not None:
        return in_words
    owner = noun_subject_of(analysis, here, t, named=True)
    if owner is not None:
        return owner.person
    return (
        _own_after_pronoun(analysis, here, i, out)
        or _own_after_who(analysis, here, i)
        or _reflexive_of_named(analysis, here, i)
        or _says_of_self(analysis, by_sentence, here, i, out)
    )


def _named_in_quote(analysis: Analysis, by_sentence: dict[int, list[Ref]], i: int) -> Person | None:
    """In a quote, the person named as its sentence's subject for a "he"/"she" of that
    person's childhood later in the sentence ("– One of my team leaders, Ingrid Moen, has
    walked these paths since she was little"), with nobody else named and no other pronoun
    between. (Not a pronoun of the next sentence: a quote that names a woman may speak of a
    man the article named before it, "– Anne Dahl saw him at the petrol station".)"""
    tokens = analysis.tokens
    t = tokens[i]
    text = analysis.doc.text
    if t.lower not in ("he", "she") or not _CHILDHOOD_BEFORE.search(text, max(0, t.start - 8), t.start):
        return None
    if not _CHILDHOOD_AFTER.match(text, t.end):
        return None
    before = _without_apposed_roles(text, [r for r in by_sentence.get(t.sentence, []) if r.start < t.start])
    if len(before) != 1 or before[0].person is None:
        return None
    named = before[0]
    sentence = analysis.doc.sentences[t.sentence]
    if not _QUOTED_SUBJECT_LEAD.fullmatch(text, sentence.start, _mention_start(analysis, named.start)):
        return None  # the name is not the sentence's subject ("I rang Kari Lie when he was ...")
    k = bisect.bisect_left(analysis.token_starts, named.start)
    if tokens[k].possessive or any(w.lower in MALE or w.lower in FEMALE for w in tokens[k:i]):
        return None
    return named.person


#: A childhood of the subject's: "since she was little", "when he was a boy", "until she was 12".
_CHILDHOOD_BEFORE = re.compile(r"\b(?:since|when|as|until|before)\s+$")
_CHILDHOOD_AFTER = re.compile(
    r"\s+was\s+(?:little|young|small|born|(?:a|an)\s+(?:child|kid|boy|girl|teenager|toddler|baby|infant)|\d{1,2}(?:\s+years\s+old)?)\b"
)
#: Before a quote's named subject: the dash or quotation mark, a role set off by a comma ("One
#: of my team leaders, "), capitalised title words ("Coach ").
_QUOTED_SUBJECT_LEAD = re.compile(r"[\s–—\"“«-]*(?:[\w'’ -]{1,60},\s+)?(?:[A-Z][\w'’-]*\s+){0,3}")


#: From a named subject's end to its verb: an age, an apposition's closing comma, auxiliaries
#: and adverbs ("Kari Lie (58), had quickly").
_NAME_TO_VERB = re.compile(
    r"(?:\s*\(\d{1,3}\))?,?(?:\s+(?:has|had|have|was|is|will|would|could|can|must|should|did|does|also|then|now|"
    r"not|never|had to|has to|managed to|tried to|wanted to|been|just|already|always|[a-z]+ly))*\s+"
)
#: Before a named subject in its sentence: nothing, a role set off by a comma ("The gallery's
#: owner, "), capitalised title words ("Mayor ").
_NAMED_SUBJECT_LEAD = re.compile(r"(?:(?:The|A|An)\s+[\w'’ -]{1,40},\s+)?(?:[A-Z][\w'’-]*\s+){0,3}")


def _reflexive_of_named(analysis: Analysis, here: list[Ref], i: int) -> Person | None:
    """For "himself"/"herself" right after its verb, the person named as the sentence's
    subject right before that verb (Norwegian *seg* is the subject's: "The gallery's owner,
    Kari Lie (58), had prepared himself for months"), with only an age, auxiliaries or
    adverbs between; not "The man who helped Kari Lie had prepared himself"."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in _REFLEXIVE or t.quoted or i < 1 or not here:
        return None
    verb = tokens[i - 1]
    text = analysis.doc.text
    if verb.sentence != t.sentence or verb.cap or text[verb.end : t.start] != " ":
        return None
    before = _without_apposed_roles(text, [r for r in here if r.start < verb.start])
    if not before or before[-1].person is None:
        return None
    named = before[-1]
    if any(r.person is not named.person for r in before):
        return None  # someone else named before the verb ("Per Lie's wife, Kari Lie, ...")
    if _NAME_TO_VERB.fullmatch(text, _mention_end(analysis, named.start), verb.start) is None:
        return None
    lead = text[analysis.doc.sentences[t.sentence].start : _mention_start(analysis, named.start)]
    return named.person if _NAMED_SUBJECT_LEAD.fullmatch(lead) else None


def _in_own_words(analysis: Analysis, here: list[Ref], i: int) -> Person | None:
    """For "his"/"her" in "..., said Ingrid Sørbø in his closing statement" (Norwegian *i sin
    prosedyre*): the speaker the verb of saying names, whose statement, speech or post it
    is, with only a workplace or an apposition between."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("his", "her") or not here or i + 1 >= len(tokens):
        return None
    if tokens[i + 1].lower not in _OWN_WORDS or tokens[i + 1].sentence != t.sentence:
        return None
    speaker = next((r for r in reversed(here) if r.person is not None), None)
    if speaker is None or any(r.start > speaker.start and r.person is None and not r.unknown for r in here):
        return None
    text = analysis.doc.text
    if _IN_WORDS_BETWEEN.fullmatch(text, _mention_end(analysis, speaker.start), t.start) is None:
        return None
    sentence = analysis.doc.sentences[t.sentence]
    lead = _SAID_BY.search(text, max(sentence.start, speaker.start - 40), _mention_start(analysis, speaker.start))
    return speaker.person if lead is not None else None


#: What a speaker says in: "in his closing statement", "in her speech".
_OWN_WORDS = frozenset(
    "statement speech address closing opening post interview letter column reply remarks testimony "
    "explanation presentation blog comment comments greeting sermon lecture report "
    # Norwegian *prosedyre* (closing argument) is MT's "procedure" (not "book", "podcast": a
    # speaker may be quoted in someone else's)
    "procedure argument plea email e-mail".split()
)
#: Between a speaker's name and "in his": an age, a workplace ("from Økokrim"), a comma.
_IN_WORDS_BETWEEN = re.compile(
    r"(?:\s*\(\d{1,3}\))?(?:\s+(?:from|of|at|in)\s+(?:the\s+)?[A-ZÆØÅ][^\s,]*(?:\s+[A-ZÆØÅ][^\s,]*){0,3})?\s*,?\s+(?:in|during)\s+"
)


def _lawyer_of_client(analysis: Analysis, here: list[Ref], i: int) -> Person | None:
    """For "his client"/"her client": the lawyer named before it in the sentence, where
    nobody else is ("His defender, lawyer Kari Lie, tells the newspaper that his client is
    cooperating"): a client is the lawyer's (Norwegian *klienten sin*, *klienten hennes*)."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("his", "her") or i + 1 >= len(tokens) or tokens[i + 1].lower not in ("client", "clients"):
        return None
    text = analysis.doc.text
    named = [r for r in here if r.person is not None and not r.quoted]
    if not named or len({id(r.person) for r in named}) != 1:
        return None  # ("says he has asked lawyer Kari Lie for a meeting, and that his client"): whose is not clear
    last = named[-1]
    if any(not r.quoted and (r.unknown or r.gender is not None) and not _POSSESSOR.match(text, r.start) for r in here):
        return None  # someone else named in the sentence (not the client: "The man's defender, lawyer ...")
    sentence_start = analysis.doc.sentences[t.sentence].start
    if not _LAWYER_BEFORE.search(text, max(sentence_start, last.start - 40), last.start):
        return None
    said = tokens[bisect.bisect_left(analysis.token_starts, _mention_end(analysis, last.start)) : i]
    if not any(tok.lower in words().speech_verbs for tok in said):
        return None  # the lawyer must speak of the client ("says that his client"), not be named beside
    return last.person


#: A word with the possessive "'s" ("The man's defender"): whose lawyer, the client.
_POSSESSOR = re.compile(r"[^\W\d_]+['’]s\b")
#: A lawyer's title right before the name (and the comma of an apposition): "lawyer ",
#: "defender, lawyer ", "The victim's bistandsadvokat, ".
_LAWYER_BEFORE = re.compile(
    r"\b(?:lawyers?|attorneys?|defenders?|counsel|solicitors?|barristers?|\w*advokat|forsvarer)\b,?\s+(?:lawyer\s+)?$",
    re.I,
)


def _after_attribution(analysis: Analysis, i: int) -> bool:
    """Whether a token of a dialogue line (quoted, not in quotation marks) opens a sentence
    after the line's reporting clause ("– We do what we are told, says Kari Lie. He points
    out that ..."): the reporter's narration, not the quote ("– She says that the house
    shook, Hansen adds.")."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.marks or not t.initial:
        return False
    for k in range(i - 1, -1, -1):
        prev = tokens[k]
        if prev.block != t.block or prev.sentence < t.sentence - 1:
            return False
        if prev.sentence == t.sentence - 1 and not prev.quoted:
            return True  # a word of the reporting clause ends the sentence before
    return False


def _says_of_self(
    analysis: Analysis, by_sentence: dict[int, list[Ref]], here: list[Ref], i: int, out: list[Resolution]
) -> Person | None:
    """"Mayor Kari Lie (Labour) says he understands the anger", "The owner, Kari Lie, tells
    the newspaper that he is glad no one was hurt": reported speech of the speaker's own
    (Norwegian "sier at hun ..."), the speaker. Not where what follows the pronoun happens
    to someone ("says he was arrested", "that he died"), nor, unless it is the speaker's
    own mind (understands, believes, is glad ...), where the speaker speaks for someone
    else (a lawyer, the police: "Police attorney Kari Lie says he was driving too fast"),
    nor where the speaker is named by someone else ("His wife, Kari Lie, says he ...",
    "Hansen's agent, Kari Lie, ..."), nor where someone else named in the sentence or
    the five before ("Ola Berg has worked at the sawmill for 45 years. ... Kari Lie says he
    is looking forward to ..."; for the speaker's own mind, further back than the sentence
    before, not one who only spoke: "..., says caretaker Per Hansen to TV 2."), or a pronoun
    of the same gender in the two before, may be meant."""
    tokens = analysis.tokens
    t = tokens[i]
    text = analysis.doc.text
    if t.lower not in ("he", "she") or not here:
        return None
    lead = _SAYS_BEFORE.search(text, max(0, t.start - 160), t.start)
    if lead is None:
        return None
    # the one named before the verb, not a name after it ("tells NRK Innlandet that he ...")
    # (a name in the speaker's workplace between is no one: "Kari Lie of Helse Bergen says")
    before = [r for r in _without_apposed_roles(text, here) if r.start < lead.start() and (r.person is not None or not r.unknown)]
    if not before:
        return None
    speaker = before[-1]
    if speaker.person is None or _SPEAKER_THEN_VERB.match(text, _mention_end(analysis, speaker.start), lead.start()) is None:
        return None
    own_mind = _OWN_MIND.match(text, t.end) is not None
    understands = _UNDERSTANDS.match(text, t.end) is not None
    if not own_mind and _HAPPENS_TO.match(text, t.end):
        return None  # "says he was arrested", "says that he died"
    if _IS_A_NOUN.match(text, t.end):
        return None  # "says that he was a kind man": someone of the pronoun's gender is meant
    sentence_start = analysis.doc.sentences[t.sentence].start
    lead_in = text[max(sentence_start, speaker.start - 60) : speaker.start]
    if _NAMED_BY_ANOTHER.search(lead_in):
        return None  # "His wife, Kari Lie, says ...": the man may be meant
    mention = analysis.mention_starts.get(speaker.start)
    speaks_for = mention is not None and mention.role in _SPEAKS_FOR or _SPEAKS_FOR_LEAD.search(lead_in)
    if speaks_for and not understands:
        return None  # "Defence lawyer Kari Lie says he regrets ...": the client's regret
    g = pronoun_gender(t.text)
    titles = {tok.lower for tok in mention.title} if mention is not None else set()
    for back in range(0, LOOKBACK + 3):
        for r in _without_apposed_roles(text, by_sentence.get(t.sentence - back, [])):
            if r.start >= t.start or r.person is speaker.person or _named_place(text, r):
                continue
            if (
                own_mind
                and (back >= 2 or (back == 1 and understands and "\n" in text[r.start : speaker.start]))
                and r.person is not None
                and speaks(analysis, r)
            ):
                # of the speaker's own mind, further back one who only spoke is not meant
                # ("..., says caretaker Per Hansen to TV 2. ... Principal Kari Lie says that
                # he understands ..."; not "says he has kept the team in several matches"),
                # nor, for "understands", the one who spoke the paragraph before (not "...,
                # says coach Per Hansen. / Board leader Kari Lie says that he wants to continue")
                continue
            if r.person is None and (INDEFINITE.match(text, r.start) or (understands and back >= 2)):
                # "The police have not arrested anyone": no one; "The councilman shall present
                # a case. ... The mayor says he will not promise anything": one unnamed further
                # back is not who speaks of their own mind
                continue
            if speaker.start < r.start and r.person is None:
                # the speaker's workplace ("Kari Lie of Helse Bergen says") or the outlet
                # spoken to ("tells NRK Innlandet that he ..."), not a person told
                continue
            if r.person is None and _NOUN_AT.match(text, r.start).group(0).lower() in titles:  # type: ignore[union-attr]
                continue  # "the mayor's casting vote. / Mayor Kari Lie says she ...": the speaker by title
            if _may_be(r, g):
                return None  # someone else who may be meant
    first = bisect.bisect_left(analysis.token_starts, analysis.doc.sentences[max(0, t.sentence - 2)].start)
    # (a pronoun already read as someone's whose given name or title is of the other gender is
    # the engine's slip, not someone of the pronoun's gender: "Kari Lie says that he will meet
    # them. / Mayor Eli Hansen says that he hopes ...")
    slips = {r.token.start for r in out if r.hard and r.person is not None and static_gender(r.person) not in (None, r.gender)}
    if any(
        pronoun_gender(tok.text) == g and not (own_mind and tok.quoted) and tok.start not in slips for tok in tokens[first:i]
    ):
        return None  # (in someone's quote, another's word: not for the speaker's own mind)
    return speaker.person


#: The word a reference starts with.
_NOUN_AT = re.compile(r"[^\W\d_]*")
#: Person nouns that are no one a later "he" or "she" refers back to ("nobody was hurt. He ...").
INDEFINITE = re.compile(r"(?:no|any|every|some)(?:body|one)\b|no one\b", re.I)
#: The lower-case words of a workplace's name after a speaker's ("Kari Lie in Sel municipality").
_WORKPLACE_WORDS = (
    "county|municipality|municipal|police|district|fire|rescue|service|department|council|hospital|school|"
    "university|club|party|association|union|company"
)
#: "says that " / "tells NRK that " / "tells the newspaper that " right before the pronoun.
_SAYS_BEFORE = re.compile(
    r"\b(?:says|said|tells|told|informs|informed|explains|explained|confirms|confirmed|adds|added|writes|wrote|"
    r"stresses|stressed|emphasises|emphasised|emphasizes|emphasized|underlines|underlined|points\s+out|pointed\s+out)"
    r"(?:\s+(?:the\s+)?(?:[A-Z][\w-]*(?:['’]s)?(?:\s+[A-Z][\w-]*){0,2}|newspaper|paper|broadcaster|agency|news agency|reporters|journalists))?"
    # "writes in the judgment that", "says in a press release that"
    r"(?:\s+in\s+(?:the|a|an|her|his)\s+(?:judgment|judgement|ruling|verdict|decision|statement|press release|letter|post|email|e-mail|text message|report))?"
    r"\s+(?:that\s+)?"
    # a second reported clause: "stresses that nothing has been decided, and that he will meet ..."
    r"(?:that\s+[^.;:!?\"“”«»–—]{1,80}?,?\s+and\s+that\s+)?$"
)
#: From the end of a speaker's name to the verb of saying: "Kari Lie says", "Kari Lie (Labour)
#: tells", "Kari Lie, tells" (an apposition closed), "Kari Lie, who says", "Kari Lie of Helse
#: Bergen says", "Kari Lie, leader of the choir, says" (matched up to the verb).
_SPEAKER_THEN_VERB = re.compile(
    r"(?:\s*\((?:\d+|[A-Z][\w ]{1,30})\))?"
    rf"(?:,?\s+(?:in|at|of|from)\s+(?:the\s+)?[A-ZÆØÅ][\w-]*(?:\s+(?:[A-ZÆØÅ][\w-]*|og|and|i|in|of|{_WORKPLACE_WORDS}|trust))*"
    r"|\s+in\s+the\s+[\w' ]{1,40}?"
    # her role set off by commas: "Kari Lie, leader of the supporters' club Den Gule Horde, says"
    r"|,\s+(?:leader|head|chair|chairman|chairwoman|manager|director|spokesperson|spokeswoman|spokesman|"
    r"secretary|president|founder|owner|coordinator|chief|mayor|principal|coach)\s+of\s+[\w'’ -]{3,60}?(?=,))?"
    # the speaker's own clause before it: "Kari Lie has not wanted to comment, but writes"
    r"(?:\s+(?:has|had|is|was|will|would|did|does|could|can|[a-z]+ed)\b[^.;:!?\"“”«»–—()]{1,80}?,?\s+(?:but|and))?"
    r",?\s+(?:who\s+)?(?:also\s+)?$"
)
#: What follows the pronoun when it happens to someone, not what a speaker says of themselves.
_HAPPENS_TO = re.compile(
    r"\s+(?:(?:was|were|has been|had been|is being|will be|is|are)\s+(?:\w+ly\s+|not\s+|also\s+)?"
    r"(?!(?:glad|happy|proud|pleased|grateful|disappointed|satisfied|sorry|relieved|moved|stirred|touched|"
    r"impressed|surprised|worried|concerned|excited|thrilled|shocked|saddened|delighted|honoured|humbled|"
    r"tired|confident|optimistic|sure|certain|convinced|determined|ready|looking|hoping|prepared|aware|"
    r"used|interested|committed|engaged|involved|satisfied)\b)\w+(?:ed|en|wn|ht|lt|nt|ung|ought)\b"
    r"|died|dies|drowned|disappeared|went missing|is missing|is dead|was dead|lost (?:his|her) life|had been drinking|"
    r"was driving|was speeding|was drunk|is suspected|is charged|is accused|denies|admits|confessed|pleaded)"
)
#: "he was a kind man", "she is a mother of three": a predicate noun of the pronoun's own gender.
_IS_A_NOUN = re.compile(
    r"\s+(?:is|was|has been|had been|will be|became|becomes)\s+(?:(?:a|an|the|my|our|their|his|her|\w+)\s+){1,4}?"
    r"(?:man|men|boy|guy|gentleman|father|dad|son|husband|brother|grandfather|uncle|"
    r"woman|women|girl|lady|mother|mum|mom|daughter|wife|sister|grandmother|aunt)\b"
)
#: Before a speaker's name: named as someone's ("His wife, ", "Hansen's agent, ", "the man's defender, lawyer ").
_NAMED_BY_ANOTHER = re.compile(r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|[\w-]+['’]s?)\s+(?:[\w-]+\s+){0,3}?[\w-]+,?\s+(?:[a-z][\w-]*\s+){0,2}$")
#: A speaker who speaks for someone else, by the words before the name ("police attorney ").
_SPEAKS_FOR_LEAD = re.compile(
    r"\b(?:police|lawyer|attorney|defender|defence|counsel|prosecutor|spokes\w+|agent|doctor|physician|"
    r"investigator|detective|operations|incident|duty|press)\b[\w ,-]*$",
    re.I,
)
#: What one who speaks for another says of themselves: that they understand, what they promise.
_UNDERSTANDS = re.compile(
    r"\s+(?:understands|has (?:understanding|sympathy)|(?:will|would|can|could)(?: not|n't)? promise|cannot promise|promises)\b"
)
#: What only the speaker can say of themselves, right after the pronoun.
_OWN_MIND = re.compile(
    r"\s+(?:understands|believes|thinks|hopes|fears|regrets|feels|agrees|disagrees|wants|does not want|promises|"
    r"(?:will|would|can|could)(?: not|n't)? promise|cannot promise|has (?:not |already |now )?decided|has not made up|"
    r"is (?:not )?(?:sure|unsure|certain|considering)|does not know|"
    r"has (?:understanding|sympathy)|is (?:glad|happy|proud|pleased|grateful|disappointed|satisfied|looking forward|sorry|relieved)|"
    r"was (?:moved|stirred|touched|glad|happy|proud|relieved|shocked|surprised)|"
    r"will (?:raise|continue|fight|not give up|take|work))\b"
)


def _own_after_who(analysis: Analysis, here: list[Ref], i: int) -> Person | None:
    """For "his own"/"her own" in a clause "<person>, who ...": that person ("says agent
    Kari Lie, who does not want to comment on his own commission", "Kari Lie (44), who
    runs his own firm"), with no clause word, comma or other person between "who" and the
    possessive; so for "himself"/"herself" right after "who" (*som selv*: "said Lie, who
    himself scored six goals")."""
    tokens = analysis.tokens
    t = tokens[i]
    if not here:
        return None
    text = analysis.doc.text
    who = _WHO.search(text, here[-1].start, t.start)
    if who is None:
        return None
    own = (
        _his_own(analysis, i)
        or subject_bound(analysis, i)
        or _first_after_who_verb(text, who.end(), t)
        or (_runs_own_after_who(text, who.end(), t) and not _other_of_gender_before(analysis, t))
    )
    if not (own and not NEW_CLAUSE.search(text, who.end(), t.start)) and not (
        t.lower in _REFLEXIVE and who.end() == t.start
    ):
        return None
    named = here[-1]
    if named.person is None or not _AGE_ONLY.fullmatch(text, _mention_end(analysis, named.start), who.start()):
        return None
    of = _OF_BEFORE.search(text, max(0, named.start - 16), named.start)
    if of is not None and of.group(1).lower() not in _OF_PREPOSITIONS:
        return None  # "the father of Ingrid Moe (31), who himself took bronze": the father may be meant
    between = tokens[bisect.bisect_left(analysis.token_starts, who.end()) : i]
    if _another_clause(tokens, between) or _object_between(tokens, between):
        return None  # "..., who gave him his own office"
    return named.person


#: ", who " right after a name.
_WHO = re.compile(r",\s+who\s+")
#: Verbs of getting a first of one's own ("got her first record contract", "scored his first
#: goal"), for a "who" clause and for :func:`_in_own_first`.
_GETTING_FIRST = "got|gets|won|wins|scored|scores|earned|earns"
#: The verb of a "who" clause, with an adverb or an auxiliary before it ("who took", "who
#: has now won"), right up to a possessive: a verb of getting or taking one's own first (not
#: "who produced his first album": someone else's).
_WHO_VERB = re.compile(
    r"(?:(?:has|had|have|also|then|now|just|finally|recently|[a-z]+ly)\s+){0,2}"
    rf"(?:{_GETTING_FIRST}|took|takes|taken|claimed|claims|secured|secures|celebrated|celebrates|made|makes|"
    r"reached|reaches)\s+"
)


def _first_after_who_verb(text: str, start: int, t: Token) -> bool:
    """Whether "his"/"her" ``t`` follows the verb of a "who" clause that opens at ``start``,
    before a first of a career ("Ida Kvåle, who took his first podium place"; *sin første
    pallplass*): the clause's subject is the person named before "who", and a first one
    gets, wins or takes is one's own (not one produced or signed for someone else)."""
    return (
        t.lower in ("his", "her")
        and _WHO_VERB.fullmatch(text, start, t.start) is not None
        and _FIRST_WIN.match(text, t.end) is not None
    )


def _runs_own_after_who(text: str, start: int, t: Token) -> bool:
    """Whether "his"/"her" ``t`` follows the verb of a "who" clause that opens at ``start``,
    running, owning or founding a business ("Hilde Moen, who has run his pharmacy for 20
    years"; *som har drevet apoteket sitt*): a business one runs in such a clause is one's own."""
    return (
        t.lower in ("his", "her")
        and _WHO_RUNS.fullmatch(text, start, t.start) is not None
        and _BUSINESS.match(text, t.end) is not None
    )


def _other_of_gender_before(analysis: Analysis, t: Token) -> bool:
    """Whether the pronoun's sentence before it, or the sentence before that, has a pronoun
    of its gender or a given name of its gender ("Per Hansen started the shop in 1960. His
    daughter Kari Lie, who has run his shop since 1990, ...": his may be Per's)."""
    g = pronoun_gender(t.text)
    doc = analysis.doc
    first = bisect.bisect_left(analysis.token_starts, doc.sentences[max(0, t.sentence - 1)].start)
    w = words()
    return any(
        (pronoun_gender(tok.text) == g and tok.lower in _SAME_CHOICE)
        or (tok.text[:1].isupper() and w.first_name_gender(tok.text) == g)
        for tok in analysis.tokens[first : bisect.bisect_left(analysis.token_starts, t.start)]
    )


#: The verb group of a "who" clause that runs or owns a business.
_WHO_RUNS = re.compile(
    r"(?:(?:has|had|have|also|now|still|[a-z]+ly)\s+){0,2}"
    r"(?:run|runs|ran|owned|owns|founded|founds|started|starts|inherited|inherits|took\s+over|has\s+taken\s+over)"
    r"(?:\s+and\s+[a-z]+)?\s+"
)
#: A business one runs: a pharmacy, a shop, a farm.
_BUSINESS = re.compile(
    r"\s+(?:own\s+|small\s+|family\s+|little\s+)?(?:pharmacy|shop|store|business|company|firm|farm|restaurant|"
    r"café|cafe|bakery|salon|practice|clinic|hotel|kiosk|garage|workshop|studio|gallery|bookshop|pub|bar)\b"
)


#: "of " right before a name: the name completes a noun before it ("the coach of Hilde Vik").
_OF_BEFORE = re.compile(r"(\w+)\s+of\s+$")
#: Words that make a preposition with "of" ("ahead of Ida Moe, who"): no noun completed.
_OF_PREPOSITIONS = frozenset("ahead instead front because behalf out outside inside top spite".split())
#: What may stand between a name and its ", who": nothing, or the person's age.
_AGE_ONLY = re.compile(r"(?:\s*\(\d{1,3}\))?")


def _own_after_pronoun(analysis: Analysis, here: list[Ref], i: int, resolved: list[Resolution]) -> Person | None:
    """For "his own"/"her own" after "he"/"she", the subject of its clause
    (:func:`own_subject_pronoun`): the person that pronoun was surely resolved to
    (Norwegian *sin egen* is the subject's), or the sentence's named subject where it
    speaks of no one else ("Kari Lie says that she has gone his own ways"); not "She helped
    him find his own flat". So for "himself" and "herself" (*seg*, the subject's): "she
    had to pinch himself in the arm"."""
    t = analysis.tokens[i]
    prev = own_subject_pronoun(analysis, here, i)
    if prev is None:
        return None
    found = next(
        (
            r.person
            for r in reversed(resolved)
            if r.token.start == prev.start
            and (r.hard or (t.lower in _REFLEXIVE and r.person is not None and static_gender(r.person) == pronoun_gender(prev.text)))
        ),
        None,
    )  # (the reflexive of "she" is "herself" whoever she is: her given name is enough)
    if found is None and here and here[0].subject and here[0].person is not None:
        if all(r.person is here[0].person for r in here) and static_gender(here[0].person) in (
            None, pronoun_gender(prev.text)
        ):
            found = here[0].person
    return found


def subject_bound(analysis: Analysis, i: int) -> bool:
    """Whether token ``i``, "his" or "her", can only be its clause's subject's by its form:
    "his own" (*sin egen*), "said in his speech" (*i sin tale*), "shook his head", "wore
    her bunad", "the form of his life", "in her first season", "got his first contract",
    "with his colleagues", "got his car back", "had his phone with him"."""
    return (
        _his_own(analysis, i)
        or said_in_own(analysis, i)
        or idiom_own(analysis, i)
        or _of_own_life(analysis, i)
        or _in_own_first(analysis, i)
        or _of_own_work(analysis, i)
        or _whole_own_life(analysis, i)
        or _had_with_own(analysis, i)
    )


#: "had his mobile phone with him" (*hadde mobilen sin med seg*): what one has on one, and
#: the "with him" of it, can only be the subject's.
_HAD_BEFORE = re.compile(r"\b(?:had|has|have|having|took|takes|take|brought|brings|bring|carried|carries|carry)\s+$")
_WITH_OWN_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){1,3}\s+with\s+(?:him|her)\b")
_HAD_OWN_BEFORE = re.compile(
    r"\b(?:had|has|have|having|took|takes|take|brought|brings|bring|carried|carries|carry)\s+(?P<pos>his|her)"
    r"(?:\s+[a-z][\w-]*){1,3}\s+with\s+$"
)


def _had_with_own(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is the "his"/"her" or the "him"/"her" of "had his phone with him"."""
    t = analysis.tokens[i]
    text = analysis.doc.text
    # the two of one gender: "had his lunch box with her" may be someone else's box
    if t.lower in ("his", "her") and _HAD_BEFORE.search(text, max(0, t.start - 12), t.start):
        after = _WITH_OWN_AFTER.match(text, t.end)
        return after is not None and _OBJECT_OF[t.lower] == after.group(0).split()[-1].lower()
    if t.lower not in ("him", "her"):
        return False
    before = _HAD_OWN_BEFORE.search(text, max(0, t.start - 60), t.start)
    return before is not None and _OBJECT_OF[before.group("pos").lower()] == t.lower


#: A possessive's object form.
_OBJECT_OF = {"his": "him", "her": "her"}


#: "all his life", "throughout her career" (*hele sitt liv*): a span of the subject's own life.
_ALL_BEFORE = re.compile(r"\b(?:all|throughout|during)\s+$")
_LIFE_AFTER = re.compile(r"\s+(?:life|career|childhood|youth|adult\s+life|working\s+life)\b")


def _whole_own_life(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his"/"her" of a span of the subject's life: "has lived at
    Melbu all his life" (not "covered his entire career": an object may be anyone's)."""
    t = analysis.tokens[i]
    if t.lower not in ("his", "her"):
        return False
    text = analysis.doc.text
    return _LIFE_AFTER.match(text, t.end) is not None and _ALL_BEFORE.search(text, max(0, t.start - 12), t.start) is not None


#: One's own people at work, after a verb or preposition that ties them to the subject:
#: "praises his crews", "together with his colleagues", "asked his colleagues not to ..."
#: (*mannskapene sine*, *kollegaene sine*); and what one gets back ("got his car back").
_WORK_OWN = re.compile(
    r"\b(?:with|praises|praised|thanks|thanked|asked|asks|urged|urges|joined|joins|among|told|tells)\s+$"
)
_WORK_PEOPLE = re.compile(
    r"\s+(?:(?:volunteer|own|new|young|loyal|permanent)\s+)?"
    r"(?:colleagues|colleague|co-workers|crews|employees|staff|team-mates|teammates|coaches|volunteers|players|workers)\b"
)
_GOT_BACK = re.compile(r"\b(?:got|get|gets|getting|gotten)\s+$")
_BACK_AFTER = re.compile(r"\s+[a-z]+\s+back\b")


def _of_own_work(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" of the subject's own people at work ("praises
    his crews", "with his colleagues") or of what the subject got back ("has already got
    his car back")."""
    t = analysis.tokens[i]
    if t.lower not in ("his", "her"):
        return False
    text = analysis.doc.text
    before = text[max(0, t.start - 16) : t.start]
    return bool(
        (_WORK_OWN.search(before) and _WORK_PEOPLE.match(text, t.end))
        or (_GOT_BACK.search(before) and _BACK_AFTER.match(text, t.end))
    )


#: "in his first season", "on her first trip", "during his last match": a time of the subject's own.
_OWN_FIRST = re.compile(
    r"\s+(?:first|second|third|last|final|debut|entire|whole|rookie|maiden)\s+"
    r"(?:season|year|match|game|race|trip|term|week|month|day|tour|shift|start|World Cup|Olympics|championship)s?\b"
)
_OWN_FIRST_BEFORE = re.compile(r"\b(?:in|on|during|for|after|since|throughout)\s+$")


def _in_own_first(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" after a preposition before a first or last time
    of the subject's own: "led the team to fourth place in his first season", "was on his
    first trip with the boat" (*i sin første sesong*)."""
    t = analysis.tokens[i]
    if t.lower not in ("his", "her"):
        return False
    text = analysis.doc.text
    if _GOT_FIRST.search(text, max(0, t.start - 12), t.start) and _FIRST_WIN.match(text, t.end):
        return True  # "She got his first record contract", "won his first World Cup race" (*sin første*)
    return _OWN_FIRST.match(text, t.end) is not None and _OWN_FIRST_BEFORE.search(text, max(0, t.start - 12), t.start) is not None


#: A first of one's career, and the verbs of getting it: "got her first record contract",
#: "scored his first goal", "took her first World Cup win".
#: (not "signed", "released", "took": an agent signs someone else's first contract)
_GOT_FIRST = re.compile(rf"\b(?:{_GETTING_FIRST})\s+$")
_FIRST_WIN = re.compile(
    r"\s+(?:first|second|third|debut|maiden)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:contract|goal|goals|win|victory|title|medal|gold|podium|album|record|single|cap|point|points|race|start|job|role|prize)\b"
)


#: "the form of her life", "the race of his life": a best that is the subject's (*sitt livs form*).
_OF_LIFE = re.compile(r"\b(?:form|shape|race|match|game|performance|time|season|run|ride|jump|fight|year|concert)\s+of\s+$")


def _of_own_life(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" in "the form of his life" (*i sitt livs form*),
    "had the time of her life": the subject's best, not someone else's."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("his", "her") or i + 1 >= len(tokens) or tokens[i + 1].lower != "life":
        return False
    nxt = tokens[i + 1]
    text = analysis.doc.text
    if nxt.sentence != t.sentence or nxt.possessive or text[t.end : nxt.start] != " ":
        return False
    return _OF_LIFE.search(text, max(0, t.start - 20), t.start) is not None


def said_in_own(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" in what its clause's speaker said it in:
    "she said in his speech" (Norwegian *i sin tale*), "he wrote in her post" (not "during
    his presentation": while someone else spoke)."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("his", "her") or i < 2 or i + 1 >= len(tokens):
        return False
    verb, prep = tokens[i - 2], tokens[i - 1]
    if verb.lower not in _SAID_IN or prep.lower != "in" or verb.sentence != t.sentence:
        return False
    noun = tokens[i + 1] if tokens[i + 1].lower in _OWN_WORDS else tokens[i + 2] if i + 2 < len(tokens) else None
    return noun is not None and noun.lower in _OWN_WORDS and noun.sentence == t.sentence


def idiom_own(analysis: Analysis, i: int) -> bool:
    """Whether token ``i`` is "his" or "her" in an idiom whose possessive is always its
    subject's: "she shook his head", "he held her breath", "she always spoke his mind"
    (Norwegian *ristet på hodet*, *sa sin mening*)."""
    t = analysis.tokens[i]
    if t.lower not in ("his", "her") or i < 1:
        return False
    text = analysis.doc.text
    verb = _IDIOM_VERB.search(text, max(0, t.start - 24), t.start)
    if verb is not None and verb.group(1).lower() in _WEAR and _CLOTHES.match(text, t.end):
        return True  # "The Crown Princess wore his Nordfjord bunad": her own
    noun = _IDIOM_NOUN.match(text, t.end)
    return verb is not None and noun is not None and _IDIOMS.get(noun.group(1).lower(), frozenset()) >= {verb.group(1).lower()}


#: Verbs of wearing, and the clothes one wears (up to two words before the noun):
#: what one wears is one's own (Norwegian "hadde på seg sin bunad").
_WEAR = frozenset("wear wears wore wearing worn".split())
_CLOTHES = re.compile(
    # (what one wears of someone else's is left out: "wore his jersey in the stands", "the widow
    # wore his medals")
    r"(?:\s+[\w-]+){0,2}?\s+(?:bunad|bunads|dress|gown|costume|tiara|skirt|glasses|sunglasses)\b"
)


#: Idioms whose possessive is the subject's: the noun, and the verbs it goes with.
_IDIOMS: dict[str, frozenset[str]] = {
    noun: frozenset(verbs.split())
    for nouns, verbs in (
        ("head", "shake shakes shook shaking shaken nod nods nodded nodding"),
        ("temper patience nerve cool composure", "lose loses lost losing keep keeps kept keeping"),
        ("breath", "hold holds held holding catch catches caught catching"),
        ("tongue", "hold holds held holding bite bites bit biting bitten"),
        ("mind", "speak speaks spoke speaking spoken make makes made making"),
        ("best utmost", "do does did doing done try tries tried trying"),
        ("throat", "clear clears cleared clearing"),
        ("shoulders", "shrug shrugs shrugged shrugging"),
        ("fingers", "cross crosses crossed crossing"),
        ("eyes", "roll rolls rolled rolling"),
        ("nose", "blow blows blew blowing blown"),
        ("luck", "try tries tried trying push pushes pushed pushing"),
        ("living", "earn earns earned earning"),
        ("time", "take takes took taking taken"),
    )
    for noun in nouns.split()
}
#: The verb right before the possessive ("made up his mind", "shook his head").
_IDIOM_VERB = re.compile(r"\b([a-z]+)(?:\s+up)?\s+$")
#: The noun right after the possessive (or after "own"), where the phrase ends: punctuation
#: or a word that opens what follows ("shook his head coach's hand", "his best-known dish" are
#: no idiom).
_IDIOM_NOUN = re.compile(
    r"\s+(?:own\s+)?([a-z]+)(?![\w-])(?=\s*(?:[.,;:!?\"”’)–—]|$)|\s+(?:to|and|but|or|in|at|as|when|while|"
    r"before|after|for|with|on|again|then|so|because|that|than|of|about|over|until|if|since|once)\b)"
)


#: Verbs of saying before "in his speech".
_SAID_IN = frozenset("said says wrote writes stated states added adds explained explains declared declares".split())


def own_subject_pronoun(analysis: Analysis, here: list[Ref], i: int) -> Token | None:
    """For "his own"/"her own" (Norwegian *sin egen*, the subject's), "himself"/"herself"
    or "his" in "she said in his speech", the "he"/"she" that is its clause's subject, with
    no clause word, comma, name, verb of another clause or object between ("He put both
    her own and others' lives in danger", "she has fought for his own place"; not "He gave
    her her own room")."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in _REFLEXIVE and not subject_bound(analysis, i):
        return None
    said_in = said_in_own(analysis, i)
    for j in range(i - 1, max(-1, i - 8), -1):
        prev = tokens[j]
        if prev.sentence != t.sentence:
            return None
        if prev.lower not in ("he", "she"):
            continue
        between = tokens[j + 1 : i]
        if said_in:
            between = between[:-2]  # ("said in" says in what, not what else was said)
        if (
            NEW_CLAUSE.search(analysis.doc.text, prev.end, t.start)
            or any(prev.start < r.start < t.start for r in here)
            or _another_clause(tokens, between)
            or _object_between(tokens, between)
        ):
            return None
        return prev
    return None


def _clause_subject(analysis: Analysis, here: list[Ref], t: Token, g: str) -> Person | None:
    """"Mayor Kari Lie voted for the plan, and he does not hide ...": the named subject
    of the first clause, where nobody else in the sentence could be meant."""
    if not here or not here[0].subject or here[0].person is None:
        return None
    if not _CLAUSE_AND.search(analysis.doc.text, max(0, t.start - 8), t.start):
        return None
    subject = here[0].person
    if all(r.person is subject or (r.person is None and r.gender not in (None, g)) for r in here[1:]):
        return subject
    return None


def _subject_of_purpose(analysis: Analysis, here: list[Ref], i: int) -> Person | None:
    """For "he"/"she" opening a clause of purpose ("so that", "in order that"), the person
    named as the sentence's subject, where nobody else and no other pronoun stands between
    (Norwegian keeps the subject: "Hun har søkt fritt behandlingsvalg, slik at hun kan bli
    operert" -> "..., so that he can be operated on"); not "She gave him money so that he
    could ...", whose "him" may be meant."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("he", "she") or not here or not here[0].subject or here[0].person is None:
        return None
    text = analysis.doc.text
    if not _SO_THAT.search(text, max(0, t.start - 20), t.start):
        return None
    subject = here[0].person
    if any(r.person is not subject for r in here[1:]):
        return None
    k = i - 1
    while k >= 0 and tokens[k].start > here[0].start:
        if pronoun_gender(tokens[k].text) is not None:
            return None
        k -= 1
    # no object the clause may be about ("moved the patient to a quiet room so that he could
    # rest"): only a verb and what it was done for ("has applied for free choice of treatment")
    after = _mention_end(analysis, here[0].start)
    if _AN_OBJECT.search(text, after, t.start):
        return None
    return subject


def _subject_saying_that(
    analysis: Analysis, refs: list[Ref], by_sentence: dict[int, list[Ref]], here: list[Ref], i: int
) -> Person | None:
    """For "he"/"she" right after "<the sentence's subject, by name> says that" ("Stene says
    that he has received many reports", Norwegian "Stene sier at hun har fått"): that person,
    where everyone else the pronoun may mean, named in its sentence or the :data:`LOOKBACK`
    before it, only spoke there ("– ..., says Mikkelsen."); not where someone else is spoken
    of ("The driver, Per Lie, was stopped. Kari Lie says that he drove too fast")."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("he", "she") or t.quoted or len(here) != 1 or not here[0].subject or here[0].person is None:
        return None
    text = analysis.doc.text
    if not _SUBJECT_SAYS_THAT.fullmatch(text, _mention_end(analysis, here[0].start), t.start):
        return None
    subject = here[0].person
    g = pronoun_gender(t.text)
    if next(gendered_before(tokens, i), None) is not None:
        return None  # "His wife Randi says that he slept in a chair": his, the one spoken of
    for back in range(1, LOOKBACK + 1):
        for r in by_sentence.get(t.sentence - back, []):
            if r.person is subject or r.quoted:
                continue
            if r.person is not None and static_gender(r.person) not in (None, g):
                continue  # someone of the other gender by name
            if r.person is None and not r.unknown and r.gender not in (None, g):
                continue  # a person noun of the other gender
            if r.person is None or not (speaks(analysis, r) or _ACCORDING_TO.search(text, max(0, r.start - 50), r.start)):
                return None
            if analysis.doc.sentences[r.sentence].block == t.block - 1:
                return None  # one who spoke in the paragraph right before may be spoken of ("– ..., says
                # coach Per Hansen. / Board leader Kari Lie says that he wants to continue")
    return subject


#: A verb of saying and "that" between a subject and a pronoun: "Stene says that he".
_SUBJECT_SAYS_THAT = re.compile(
    r"\s+(?:says|said|tells|told|adds|added|explains|explained|confirms|confirmed|writes|wrote|"
    r"emphasi[sz]es|emphasi[sz]ed|stresses|stressed|points out|pointed out|admits|admitted|states|stated)"
    r"\s+(?:to\s+[A-Z][\w-]*\s+)?that\s+"
)


#: A noun phrase that is a verb's object: a determiner right after a word that is no preposition.
_AN_OBJECT = re.compile(
    r"\b(?!(?:for|of|to|in|on|at|with|from|about|by|into|over|under|after|before|through)\b)[a-z]+\s+"
    r"(?:the|a|an|his|her|their|its|this|that|these|those|my|our|your)\s+[a-z]"
)
#: A clause of purpose right before a pronoun.
_SO_THAT = re.compile(r"\b(?:so\s+that|in\s+order\s+that)\s+$")


#: A verb of saying that goes on with what someone just said, and "that" or a colon after
#: it, right after "He"/"She" opening a sentence ("She adds that ...", "He points out:"):
#: not "He adds salt", "He continues to fish", "He concludes his career".
_GOES_ON_THAT = re.compile(
    r"\s+(?:also\s+)?(?:adds|added|emphasi[sz]es|emphasi[sz]ed|stresses|stressed|underlines|underlined|"
    r"(?:points|pointed)\s+out|elaborates|elaborated)\s*(?:that\b|:)"
    # "She asks people along the river to ...", "He urges drivers to ...": the speaker's advice
    r"|\s+(?:also\s+)?(?:asks|urges|encourages|advises|warns|recommends|reminds)\s+(?:all\s+)?"
    r"(?:people|everyone|residents|drivers|motorists|the public|parents|those|anyone|hikers|skiers|visitors|travellers|locals)\b"
)
#: "She believes the politicians ...", right after the pronoun: the speaker's mind goes on
#: (Norwegian "Hun mener ..."), or that of the one the quote was about ("... says the coach.
#: He hopes to make his debut"): as "She says that", only where nobody else near may be meant.
_MIND_GOES_ON = re.compile(
    r"\s+(?:also\s+)?(?:believes|thinks|hopes|fears|regrets|is convinced|is sure"
    # or what the speaker wants done (session 27: "..., says Listhaug. He demands that ...")
    r"|demands|insists|argues|calls for|wants the|proposes|promises|admits|acknowledges)\b"
)
#: A preposition of place right before a name ("in Norled", "at the quay in Våge").
#: Prepositions of place that only stand before a place ("above Trøym", "near Vik").
_SPATIAL = "above|below|near|outside|behind|along|across|towards?"
_PLACE_LEAD = re.compile(rf"\b(?:in|at|to|from|of|for|{_SPATIAL})\s+(?:the\s+)?$")
#: "He says that", "She said:" right after the pronoun.
_SAYS_THAT = re.compile(r"\s+(?:also\s+)?(?:says|said|explains|explained)\s*(?:that\b|:)")
#: A dialogue line's reporting clause by a pronoun at its end: ", she tells Drammens Tidende."
_PRONOUN_TAG = re.compile(r",\s+(?P<pronoun>he|she)\s+(?P<verb>[a-z]+)\b[^,.!?–—\"“”]*[.!?]?\s*$")


def _pronoun_speaker(analysis: Analysis, i: int, out: list[Resolution]) -> Person | None:
    """For "He adds that ..." / "She says that ..." opening the paragraph right after a
    dialogue line attributed by a pronoun ("– It went fast, she tells Drammens Tidende."),
    the one that pronoun was taken for, where that was one candidate and the line has no
    other pronoun of the gender of the one to resolve."""
    tokens = analysis.tokens
    t = tokens[i]
    text = analysis.doc.text
    if t.lower not in ("he", "she") or not t.initial or t.sentence < 1:
        return None
    if not (_GOES_ON_THAT.match(text, t.end) or _SAYS_THAT.match(text, t.end) or _MIND_GOES_ON.match(text, t.end)):
        return None
    before = analysis.doc.sentences[t.sentence - 1]
    line = analysis.doc.block_at(before.start)
    if line is None or line.kind is not BlockKind.QUOTE or line.start >= analysis.doc.blocks[t.block].start:
        return None
    m = _PRONOUN_TAG.search(text, before.start, before.end)
    if m is None or m.group("verb") not in words().speech_verbs:
        return None
    tag = m.start("pronoun")
    told = _taken_for(out, tag)
    if told is None:
        return None
    g = pronoun_gender(t.text)
    first = bisect.bisect_left(analysis.token_starts, line.start)
    for tok in tokens[first:i]:
        if tok.start != tag and tok.lower in (MALE if g == "male" else FEMALE):
            return None  # "– He drove past, she says. He adds ...": he may be the one spoken of
    return told


def _taken_for(out: list[Resolution], start: int) -> Person | None:
    """The person the pronoun at ``start`` was taken for, where that was one candidate."""
    told = next((r for r in out if r.token.start == start), None)
    return told.person if told is not None and told.hard else None


def _last_speaker(analysis: Analysis, by_sentence: dict[int, list[Ref]], i: int) -> Person | None:
    """For "He adds that ..." / "She points out that ..." opening a sentence right after
    one whose speech is attributed to one person named and nobody else ("..., says
    operations manager Kari Lie in Norled."; "Kari Lie says ..."), that person: Norwegian
    news goes on with the one who spoke ("Hun legger til at ..."); "She says that ..."
    after a quote's "..., says Kari Lie.", or after a sentence whose first named is its
    subject and the only person in it ("County mayor Kari Lie defends the decision. She
    says that ..."). Where that sentence is in the pronoun's paragraph, one who spoke in an
    earlier paragraph is not counted as someone else who may be meant."""
    tokens = analysis.tokens
    t = tokens[i]
    text = analysis.doc.text
    if t.lower not in ("he", "she") or i + 1 >= len(tokens):
        return None
    fronted = not t.initial and bool(
        _FRONTED_PHRASE.match(text[analysis.doc.sentences[t.sentence].start : t.start])
    )
    if not (t.initial or fronted):
        return None
    nxt = tokens[i + 1]
    goes_on = _GOES_ON_THAT.match(text, t.end) is not None
    says_that = _SAYS_THAT.match(text, t.end) is not None
    if nxt.sentence != t.sentence:
        return None
    # after a quote's "..., says Kari Lie.", the news goes on with her in any verb ("– ...,
    # says Kari Lie. / Together with other parents, she has collected ..."), where nobody
    # else near may be meant (as for "She says that")
    mind = _MIND_GOES_ON.match(text, t.end) is not None
    after_quote = not (goes_on or says_that or mind)
    previous = [r for r in _without_apposed_roles(text, by_sentence.get(t.sentence - 1, [])) if not r.quoted]
    spoke = [
        r for r in previous
        if r.person is not None
        # "She says that ..." goes on only after a quote's "..., says Kari Lie."
        and speaks(analysis, r, after=goes_on)
    ]
    line = analysis.doc.block_at(analysis.doc.sentences[t.sentence - 1].start)
    if after_quote:
        # (``spoke`` holds only those named after a verb of saying: ``speaks`` with after=False)
        says_that = True
        if line is None or line.start >= analysis.doc.blocks[t.block].start or line.kind is not BlockKind.QUOTE:
            return None  # the sentence before must end a dialogue line of its own
    if not spoke and not goes_on and says_that:
        # "County mayor Kari Lie defends the decision. She says that ...": the one the sentence
        # before is about, named as its subject, says it (*Hun sier at*)
        spoke = [r for r in previous[:1] if r.person is not None and r.subject]
    if len(spoke) != 1:
        return None
    others = [
        r for r in previous
        if r is not spoke[0] and r.person is not spoke[0].person and not _named_place(text, r)
    ]
    if others:
        # "..., says the lawyer of Kari Lie", "..., says Kari Lie, who was with her husband"
        # (a name after "in", "at" or "to" is a place or a body: "Kari Lie in Norled says ...")
        return None
    g = pronoun_gender(t.text)
    # the sentences searched for someone else of the pronoun's gender: the one before for
    # "He adds that" (a "he" in the quote: "– He knows every skerry, says Kari Lie. He adds
    # ..."), the three before for "She says that"
    back = 1 if goes_on else LOOKBACK
    first = bisect.bisect_left(analysis.token_starts, analysis.doc.sentences[max(0, t.sentence - back)].start)
    if any(pronoun_gender(tok.text) == g and tok.lower in ("he", "she", "him", "her", "his", "hers") for tok in tokens[first:i]):
        return None  # "– She was cold, says Per Hansen. She says that ...": she may be the one spoken of
    # where the speaker's sentence is in the pronoun's paragraph, one who spoke in an earlier
    # paragraph is not meant ("..., says Per Lie (17). / Press officer Kari Lie in Kolumbus says
    # the company ... He points out that ...")
    block_start = analysis.doc.blocks[t.block].start
    floor = block_start if analysis.doc.sentences[t.sentence - 1].start >= block_start else 0
    noun_floor = floor
    if says_that and not floor and line is not None and line.kind is BlockKind.QUOTE and speaks(analysis, spoke[0], after=False):
        # nor, for "She says that ..." opening the paragraph after a dialogue line's "...,
        # says Kari Lie.", a role without a name before that line ("The municipal director
        # proposes cuts. / – It hits the weakest, says Kari Lie. / She says that she will
        # ..."; not "Mayor Per Hansen proposes ...": he may be meant)
        noun_floor = line.start
    for s in range(t.sentence - LOOKBACK, t.sentence):
        for r in _without_apposed_roles(text, by_sentence.get(s, [])):
            if r.person is spoke[0].person or _named_place(text, r) or r.start < floor:
                continue
            if r.person is None and r.start < noun_floor:
                continue
            spoken = r.person is not None and speaks(analysis, r)
            # "..., said Sylvi Listhaug. He believes ...": what one believes right after one's
            # own words is one's own; only someone else who spoke near may be meant
            if ((goes_on or mind) and spoken or not (goes_on or mind)) and _may_be(r, g):
                return None  # someone else near, who has spoken too, may be meant
    return spoke[0].person


def speaks(analysis: Analysis, r: Ref, after: bool = True) -> bool:
    """Whether a verb of saying attributes speech to ``r``: before it ("..., says
    operations manager Kari Lie") or, with ``after``, right after it ("Kari Lie says")."""
    text = analysis.doc.text
    start, end = _mention_start(analysis, r.start), _mention_end(analysis, r.start)
    set_off = text[max(0, start - 2) : start] == ", "
    return bool(
        _SAID_BY.search(text, max(0, r.start - 40), r.start)
        or _said_by_title(text, r.start)
        or _SAID_BY_ROLE_APPOSED.search(text, max(0, start - 100), start)
        or (after and (_SAYS_AFTER.match(text, end) or (set_off and _SET_OFF_SAYS.match(text, end))))
    )


#: A verb of saying and a role set off before a name: "says the student council leader at
#: Herøy school, Maja Liavåg".
_SAID_BY_ROLE_APPOSED = re.compile(
    r"\b(?:says|said|tells|told|adds|added|explains|explained)\s+(?:the\s+)?[a-z][^.;:!?–—\"“”,()]{1,80},\s+$"
)
#: A verb of saying and capitalised words before a name: "says Finance Minister Per Olsen".
_SAID_BY_CAPITALISED = re.compile(rf"\b(?:{_SAYING_VERBS})\s+((?:[A-ZÆØÅ][\w-]*\s+){{1,3}})$")


def _said_by_title(text: str, start: int) -> bool:
    """Whether a verb of saying stands before a name with title words between ("says Finance
    Minister Per Olsen", "said State Secretary Kari Lie")."""
    m = _SAID_BY_CAPITALISED.search(text, max(0, start - 50), start)
    w = words()
    return m is not None and all(w.title(x) in ("title", "modifier", "ambiguous") for x in m.group(1).split())


def _named_place(text: str, r: Ref) -> bool:
    """A name of unknown kind right after "in", "at", "to", "from", "of" or "for": a place
    or a body ("Kari Lie in Norled says ...", "the Institute for Society Medicine"), also
    as the last word of such a name joined by "og", "and" or "i" ("Kari Lie of Helse Møre
    og Romsdal says ..."), no one a pronoun means."""
    if not r.unknown:
        return False
    return (
        _PLACE_LEAD.search(text, max(0, r.start - 10), r.start) is not None
        or _PLACE_NAME_LEAD.search(text, max(0, r.start - 60), r.start) is not None
    )


#: A body's or a place's name of capitalised words joined by "og", "and" or "i", after "of",
#: "in", "at" ...: "of Helse Møre og " before "Romsdal".
_PLACE_NAME_LEAD = re.compile(
    r"\b(?:in|at|from|of|for)\s+(?:the\s+)?(?:[A-ZÆØÅ][\w-]*\s+){1,3}(?:og|and|i)\s+(?:[A-ZÆØÅ][\w-]*\s+)?$"
)


def _may_be(r: Ref, g: str | None) -> bool:
    """Whether ``r`` may be someone of gender ``g``: a person not shown to be of the other
    gender by title or given name, or a person noun of that gender or none."""
    return (static_gender(r.person) in (None, g)) if r.person is not None else r.gender in (None, g)


#: A verb of saying right after a name ("Kari Lie says ...", "Kari Lie (52) in Norled says").
_SAYS_AFTER = re.compile(
    r"(?:\s*\((?:\d+|[A-Z][\w ]{1,30})\))?(?:,?\s+(?:in|at|of|from)\s+(?:the\s+)?[A-ZÆØÅ][\w-]+"
    rf"(?:\s+(?:[A-ZÆØÅ][\w-]+|{_WORKPLACE_WORDS}|and|og)){{0,4}})?"
    r"\s+(?:says|said|tells|told|explains|explained|adds|added|confirms|confirmed|denies|denied|admits|admitted|writes|wrote|"
    r"believes|believed|thinks|thought|stresses|stressed|underlines|underlined|emphasi[sz]es|emphasi[sz]ed|points out|pointed out)\b"
)
#: The same for a name set off by commas: "The mayor of Sel, Ola Brenden, says ..." (not
#: "The prize went to Per Hansen, says jury leader Kari Lie": the speaker comes after).
_SET_OFF_SAYS = re.compile(r",\s+(?:says|said|tells|told|explains|explained|believes|believed|thinks|thought)\s+(?!(?:[a-z]+\s+){0,3}[A-ZÆØÅ])")


def _mention_end(analysis: Analysis, start: int) -> int:
    """Where the name or person noun that starts at ``start`` ends."""
    m = analysis.mention_starts.get(start)
    if m is not None:
        return m.end
    k = bisect.bisect_left(analysis.token_starts, start)
    tokens = analysis.tokens
    return tokens[k].end if k < len(tokens) and tokens[k].start == start else start


def reporting_pronoun(tokens: list[Token], i: int, speech: frozenset[str]) -> bool:
    """Whether token ``i`` ("he", "she") is the speaker of a reporting clause right
    after a quote or dialogue line: "..., says he." or "..., she says."."""
    t = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    if prev is None or prev.block != t.block:
        return False
    if prev.lower in speech and i > 1 and tokens[i - 2].quoted and tokens[i - 2].block == t.block:
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return prev.quoted and nxt is not None and nxt.block == t.block and nxt.lower in speech


def _introducer(
    analysis: Analysis, refs: list[Ref], ref_starts: list[int], by_sentence: dict[int, list[Ref]], i: int,
    out: list[Resolution] | None = None,
) -> Person | None:
    """For "says he" after a dialogue line: the one person named in the last sentence
    of the paragraph before the line, when nobody else who could speak is named in that
    paragraph, in the sentences before the line (LOOKBACK) or in the line outside its
    quote ("National team doctor Kari Lie confirms that she was at the hotel. / – I have
    talked to him since, says he.")."""
    tokens = analysis.tokens
    t = tokens[i]
    if t.lower not in ("he", "she") or t.block == 0 or not reporting_pronoun(tokens, i, words().speech_verbs):
        return None
    doc = analysis.doc
    starts = analysis.token_starts
    line = doc.blocks[t.block]
    first = tokens[bisect.bisect_left(starts, line.start)]
    if first.block != t.block or not first.quoted:
        return None  # the line must open with its quote
    above = doc.blocks[t.block - 1]
    before = tokens[bisect.bisect_left(starts, above.start) : bisect.bisect_left(starts, above.end)]
    if not before or before[0].quoted:
        return None  # the paragraph before is a quote itself
    if any(not r.quoted for r in refs[bisect.bisect_left(ref_starts, line.start) : bisect.bisect_left(ref_starts, t.start)]):
        return None  # someone named in the line outside its quote
    last = before[-1].sentence
    text = doc.text
    named = _without_apposed_roles(text, by_sentence.get(last, []))
    people = {id(r.person): r.person for r in named if r.person is not None and not r.quoted}
    opener = _opened_by(analysis, last, out) if all(_named_place(text, r) for r in named) else None
    if opener is not None:
        # "She emphasises that ... / – ..., says he.": the one that sentence's pronoun was taken for
        introducer = opener
    else:
        if len(people) != 1 or any(r.person is None and (r.unknown or r.gender is not None) for r in named):
            return None
        if named[0].person is None or not _leads(analysis, named[0]):
            return None
        introducer = named[0].person
    g = pronoun_gender(t.text)
    opening = next((tok for tok in before if tok.sentence == last), None) if opener is not None else None
    if any(tok.sentence == last and pronoun_gender(tok.text) == g and tok is not opening for tok in before):
        return None  # "She then suggested that Trump ... / – ..., she said": the "she" speaks
    # everyone else of the paragraph and of the three sentences before the line, but
    # someone who has had their say already ("..., says Hansen.") when the person's
    # sentence brings in the quote ("Kari Lie confirms that ...")
    speech = words().speech_verbs
    introduces = any(tok.sentence == last and tok.lower in speech for tok in before)
    earliest = min(above.start, doc.sentences[max(0, first.sentence - LOOKBACK)].start)
    near = [r for r in refs[bisect.bisect_left(ref_starts, earliest) : bisect.bisect_left(ref_starts, line.start)] if not r.quoted]
    have_spoken = {
        id(r.person) for r in near if r.person is not None and r.start < above.start and speaks(analysis, r, after=False)
    }
    for r in _without_apposed_roles(text, near):
        if r.person is introducer or (introduces and id(r.person) in have_spoken):
            continue
        if r.person is not None and static_gender(r.person) in (None, g):
            return None  # "Her neighbour Per Hansen raised the alarm. Moen was found ... / – ..., says he"
        if r.person is None and r.unknown and _PREPOSITION_BEFORE.search(text, max(0, r.start - 6), r.start):
            continue  # "figures from Nord Pool show": a name of unknown kind after a preposition, no speaker
        if r.person is None and (r.unknown or r.gender in (None, g)) and not _A_NOUN.search(text, max(0, r.start - 40), r.start):
            return None  # (not "the hunt for a new sporting director": no one yet)
    return introducer


def _opened_by(analysis: Analysis, sentence: int, out: list[Resolution] | None) -> Person | None:
    """The person a "he"/"she" opening ``sentence`` was taken for, where it was one candidate."""
    if out is None:
        return None
    k = bisect.bisect_left(analysis.token_starts, analysis.doc.sentences[sentence].start)
    tokens = analysis.tokens
    if k >= len(tokens) or tokens[k].lower not in ("he", "she"):
        return None
    told = _taken_for(out, tokens[k].start)
    # only a person whose gender is known without the pronouns: else the two pronouns, one
    # taken from the other, would each be evidence against the other ("Kim Aasland")
    return told if told is not None and (static_gender(told) or told.news_gender) else None


#: A preposition right before a name.
_PREPOSITION_BEFORE = re.compile(rf"\b(?:from|at|in|by|of|on|for|with|to|{_SPATIAL})\s+$")


def _without_apposed_roles(text: str, refs: list[Ref]) -> list[Ref]:
    """``refs`` less a role noun set off before the person it names ("Emergency manager in
    Sel municipality, Kari Lie, says ...")."""
    out = []
    for k, r in enumerate(refs):
        # the person after the role, past the role's own nouns ("the student council leader at
        # Herøy school, Maja Liavåg": "council", "leader" are one role)
        nxt = next((x for x in refs[k + 1 :] if x.person is not None or x.unknown), None)
        if r.person is None and not r.unknown and nxt is not None and nxt.person is not None:
            between = text[r.start : nxt.start]
            if between.endswith(", ") and between.count(",") == 1 and len(between.split()) <= 8:
                continue
        before = refs[k - 1] if k > 0 else None
        if r.person is None and not r.unknown and before is not None and before.person is not None:
            # "..., says Kari Lie, who is the leader of the parents' council": her own role
            if r.start - before.start <= 80 and _WHO_IS.search(text, before.start, r.start):
                continue
            # "Kari Lie, leader of the supporters' club, says ...": her role set off after her name
            if r.start - before.start <= 60 and _APPOSED_AFTER.fullmatch(text, before.start, r.start):
                continue
        out.append(r)
    return out


#: A person's name (two or three words, an age) and its comma right before a role noun:
#: the role is hers, set off after her name ("Kari Lie (45), leader of the club, says").
_APPOSED_AFTER = re.compile(
    r"[A-ZÆØÅ][\w'’-]*(?:\s+[A-ZÆØÅ][\w'’-]*){1,2}(?:\s+\(\d{1,3}\))?,\s+(?:(?:the|a|an|now|also)\s+)?(?:[\w-]+\s+)?"
)
#: "<person>, who is the " right before a role noun: the person's own role.
_WHO_IS = re.compile(r",\s+who\s+(?:is|was|has been|had been)\s+(?:(?:the|a|an|now|also)\s+){1,2}(?:[\w-]+\s+)?$")


def _leads(analysis: Analysis, ref: Ref) -> bool:
    """Whether the person of ``ref`` leads its sentence, after a title of a few words ("Team
    doctor Kari Lie confirms ...", "Minister of Health Kari Lie (Ap) tells ...", "Emergency
    manager in Sel, Kari Lie, says ..."; not "Twelve were on board, and one, Kari Lie, ...")."""
    doc = analysis.doc
    lead = doc.text[doc.sentences[ref.sentence].start : _mention_start(analysis, ref.start)]
    return (
        "," not in lead.rstrip().rstrip(",")
        and len(lead.split()) <= 6
        and (not _A_VERB_LEAD.search(lead) or _ROLE_FOR.fullmatch(lead) is not None)
    )


#: A role "for" whom it works: "Counsel for the victim ", "Spokesperson for the police "
#: (the role's "for" is no verb's preposition, as in "A grant for Kari Lie").
_ROLE_FOR = re.compile(r"[\s–—-]*[A-Z][a-z-]+(?:\s+[a-z][\w-]*)?\s+for\s+the\s+[a-z][\w-]*\s+")


def _mention_start(analysis: Analysis, start: int) -> int:
    """Where the mention starting at ``start`` begins with its title ("Team doctor Kari Lie")."""
    m = analysis.mention_starts.get(start)
    return m.title[0].start if m is not None and m.title else start


_KIN = re.compile(
    r"\b(her|his)\s+(?:late\s+|former\s+|ex-)?(?:husband|wife|partner|son|daughter|father|mother|brother|sister|"
    r"boyfriend|girlfriend|fianc[ée]e?|widow|widower|grandson|granddaughter|grandfather|grandmother|uncle|aunt|"
    r"nephew|niece|cousin|colleague|friend|lawyer|coach|boss|assistant)\s*,?\s*$",
    re.IGNORECASE,
)


def _introduced_by_kin(text: str, start: int, gender: str) -> bool:
    """Whether the person named at ``start`` is introduced as someone's kin with a
    pronoun of ``gender`` ("Her husband, Kjell Aune"): that pronoun's person, whom the
    window does not name, may be the referent too."""
    m = _KIN.search(text[max(0, start - 40) : start])
    return m is not None and pronoun_gender(m.group(1)) == gender


def _address(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].lower in _ADDRESS


# -- pronouns inside quotes -----------------------------------------------------------
#: How many sentences back a pronoun in a quote looks for someone other than the speaker.
QUOTE_LOOKBACK = 8


@dataclass
class Speaker:
    label: str
    person: Person | None
    gender: str | None


def evident_gender(pp_persons: People, person: Person) -> str | None:
    """A title or given name of one gender, else a clear majority of evidence."""
    static = {g for g, reasons in person.static.items() if reasons}
    if len(static) == 1:
        return next(iter(static))
    score = pp_persons.gender(person)
    if max(score.values()) >= 1 and score["male"] != score["female"]:
        return max(score, key=lambda g: score[g])
    return None


def _speaker(pp: People, i: int, by_start: dict[int, Ref], resolved: dict[int, Resolution]) -> Speaker | None:
    """Who speaks the quote that token ``i`` is in: the reporting clause after
    it in its block (", she said", ", Kari Nordmann said", "answers the mayor")."""
    tokens = pp.analysis.tokens
    t = tokens[i]
    w = words()
    j = i + 1
    while j < len(tokens) and tokens[j].block == t.block and tokens[j].quoted:
        j += 1
    clause: list[int] = []
    while j < len(tokens) and tokens[j].block == t.block and not tokens[j].quoted and len(clause) < 8:
        clause.append(j)
        j += 1
    verbs = [k for k in clause[:6] if tokens[k].lower in w.speech_verbs]
    if not verbs:
        return None
    after = verbs[0] + 1
    if after < len(tokens) and after in clause and tokens[after].lower in ("of", "about"):
        return None  # '"He took good care of her," the King said of the physician': he is named after
    for k in clause:
        tok = tokens[k]
        g = pronoun_gender(tok.text)
        if g is not None and tok.lower in ("he", "she"):
            r = resolved.get(tok.start)
            if r is None and _introduced_by_other(pp, t, g):
                return None  # "Lawyer Kari Lie says that ... / – He has waited long, he says": which is wrong?
            person = r.person if r is not None else _recent_of_gender(pp, tok, g)
            return Speaker(f"'{tok.text}'", person, g)
        ref = by_start.get(tok.start)
        if ref is not None and ref.person is not None:
            return Speaker(ref.person.display, ref.person, evident_gender(pp, ref.person))
        if ref is not None and ref.gender is not None:
            return Speaker(f"the {tok.text}", None, ref.gender)
    return None


def _introduced_by_other(pp: People, t: Token, gender: str) -> bool:
    """Whether the quote line of ``t`` follows a paragraph whose last sentence is led by a
    person of the other gender than ``gender`` who speaks ("Counsel for the victim Kari Lie
    says that her client is relieved. / – He has waited ..., he says."): the reporting
    pronoun may be the word that is wrong, so the quote's speaker is not known."""
    analysis = pp.analysis
    if t.block == 0:
        return False
    above = analysis.doc.blocks[t.block - 1]
    starts = analysis.token_starts
    before = analysis.tokens[bisect.bisect_left(starts, above.start) : bisect.bisect_left(starts, above.end)]
    if not before or before[0].quoted:
        return False
    last = before[-1].sentence
    speech = words().speech_verbs
    if not any(tok.sentence == last and tok.lower in speech for tok in before):
        return False
    return any(
        r.sentence == last and r.person is not None and not r.quoted and _leads(analysis, r)
        and evident_gender(pp, r.person) not in (None, gender)
        for r in pp.refs
    )


def _recent_of_gender(pp: People, tok: Token, gender: str) -> Person | None:
    """The person last named before ``tok`` (not in a quote) whose gender is ``gender``."""
    k = bisect.bisect_left([r.start for r in pp.refs], tok.start)
    for r in reversed(pp.refs[:k]):
        if r.person is None or r.quoted:
            continue
        if tok.sentence - r.sentence > QUOTE_LOOKBACK:
            return None
        if evident_gender(pp, r.person) == gender:
            return r.person
    return None


def ref_gender(pp: People, r: Ref) -> str | None:
    """The gender the article shows ``r`` to have: its person's, or its noun's; none for a
    surname alone that the article gives people of both genders ("Her father, Kåre Haugland
    ... / The bookmakers had Haugland as the favourite", of Tiril Haugland)."""
    if r.person is not None:
        gender = evident_gender(pp, r.person)
        m = pp.analysis.mention_starts.get(r.start)
        if gender is not None and m is not None and not m.full and m.last is not None:
            surname = r.person.key[1]
            if any(p is not r.person and p.key[1] == surname and evident_gender(pp, p) not in (None, gender) for p in pp.persons.values()):
                return None
        return gender
    return r.gender


def _someone_else_near(pp: People, by_sentence: dict[int, list[Ref]], subject: Ref, t: Token, g: str) -> bool:
    """Whether someone other than ``subject``'s person who may be of gender ``g`` is named in
    the quote before ``t`` or in the sentences before the quote (LOOKBACK): "Lie took over
    from Per Hansen, who had been mayor ... / – The mayor promised us a road. Now he has
    retired"."""
    tokens = pp.analysis.tokens
    text = pp.analysis.doc.text
    title = _NOUN_AT.match(text, subject.start).group(0).lower()  # type: ignore[union-attr]
    k = bisect.bisect_left(pp.analysis.token_starts, t.start)
    opening = t.sentence
    while k > 0 and tokens[k - 1].block == t.block and tokens[k - 1].quoted:
        k -= 1
        opening = tokens[k].sentence
    for s in range(max(0, opening - LOOKBACK), t.sentence + 1):
        for r in by_sentence.get(s, []):
            if r.start >= t.start or r.person is subject.person:
                continue
            if r.person is not None and evident_gender(pp, r.person) in (None, g):
                return True
            if r.person is None and _NOUN_AT.match(text, r.start).group(0).lower() == title:  # type: ignore[union-attr]
                continue  # "Marit Lunde believes the mayor has let the village down": the same title
            if r.person is None and (r.unknown or r.gender in (None, g)) and not r.quoted:
                return True
    return False


#: Adverbs that may open a sentence before its subject pronoun ("Now he has ...").
_OPENING_ADVERBS = frozenset("now then today still also but and so yet later since".split())


def _resolve_quoted(pp: People) -> list[Resolution]:
    """A "he"/"she" in a quote whose speaker has that gender refers to someone
    else: a speaker says "I".  When everyone else near it (in the quote before it,
    else the nearest sentence before that names someone other than the speaker)
    has the other gender, or it opens a sentence whose predecessor's subject has
    the other gender, the pronoun is wrong.  A "he"/"she" of the other gender than the
    speaker's is checked only where it opens the sentence after the quote's sentence
    about one person, by name or by the title the article gives them ("– The mayor
    promised us a school. Now he has ...", said of Mayor Kari Lie), and nobody else who
    may be meant is named in the quote or the sentences before it."""
    analysis = pp.analysis
    tokens = analysis.tokens
    by_start = {r.start: r for r in pp.refs}
    resolved = {r.token.start: r for r in pp.resolutions}
    by_sentence = refs_by_sentence(pp.refs)
    out: list[Resolution] = []
    for i, t in enumerate(tokens):
        g = pronoun_gender(t.text)
        if g is None or not t.quoted or t.sentence < 0 or _address(tokens, i):
            continue
        speaker = _speaker(pp, i, by_start, resolved)
        if speaker is None:
            continue
        spoken_of = speaker.gender != g  # "– The mayor promised us a school. Now he has ..., said Kari Lie."

        def others(refs: list[Ref], speaker: Speaker = speaker) -> list[Ref]:
            return [r for r in refs if speaker.person is None or r.person is not speaker.person]

        cands = others([r for r in by_sentence.get(t.sentence, []) if r.start < t.start])
        back = 1
        while not cands and back <= QUOTE_LOOKBACK:
            cands = others(by_sentence.get(t.sentence - back, []))
            back += 1
        if not cands:
            continue
        genders = [ref_gender(pp, r) for r in cands]
        if g in genders or (back > 1 and _named_earlier_of(pp, by_sentence, cands[0], g, others)):
            continue
        other = "female" if g == "male" else "male"
        subject = next((r for r in cands if r.subject), None)
        opens = t.initial or (
            spoken_of and i > 0 and tokens[i - 1].initial and tokens[i - 1].sentence == t.sentence
            and tokens[i - 1].lower in _OPENING_ADVERBS
        )
        if opens and subject is not None and ref_gender(pp, subject) == other:
            referent = subject
        elif all(x == other for x in genders) and not spoken_of:
            referent = cands[-1]
        else:
            continue
        if (
            referent.person is None
            and _SPEAKERS_KIN.match(analysis.doc.text, referent.start)
            and not (referent.sentence == t.sentence - 1 and _kin_of_speaker(pp, referent, t))
        ):
            continue  # the speaker's kin, where another pronoun or "about ..." shows someone else
        if spoken_of and (
            subject is None
            or referent is not subject
            or subject.sentence != t.sentence - 1
            or not subject.quoted
            or (subject.person is None and not _kin_of_speaker(pp, subject, t, alone=True))
            or _someone_else_near(pp, by_sentence, subject, t, g)
        ):
            # a pronoun not of the speaker's gender may be anyone the conversation knows: only
            # the person the quote's sentence before is about, by name or by the article's title
            continue
        out.append(Resolution(t, g, referent.person, True, speaker=speaker.label, expected=other))
    return out


def _named_earlier_of(
    pp: People, by_sentence: dict[int, list[Ref]], ref: Ref, g: str, others: Callable[[list[Ref]], list[Ref]]
) -> bool:
    """Whether someone named earlier in ``ref``'s paragraph, or in its quote, may be of gender
    ``g`` ("– Henny is with. ... he is on schedule, Gjekstad said. / ... – she has worked hard,
    Strand tells TV 2": Henny): a candidate that leaves a pronoun of that gender open, though
    never the one it is taken for ("– Per Dahl rang me. I woke my neighbour. She had seen the
    smoke": the neighbour)."""
    earlier = [r for r in _earlier_in_paragraph(pp.analysis, by_sentence, ref) if r.quoted or r.person is not None]
    return any(ref_gender(pp, r) in (g, None) for r in others(earlier))


def _earlier_in_paragraph(analysis: Analysis, by_sentence: dict[int, list[Ref]], ref: Ref) -> list[Ref]:
    """The refs of the sentences before ``ref``'s in its paragraph."""
    sentences = analysis.doc.sentences
    block = sentences[ref.sentence].block
    out: list[Ref] = []
    k = ref.sentence - 1
    while k >= 0 and sentences[k].block == block:
        out[:0] = by_sentence.get(k, [])
        k -= 1
    return out


def _kin_of_speaker(pp: People, ref: Ref, t: Token, alone: bool = False) -> bool:
    """Whether ``ref``, a gendered noun, is the speaker's kin named as kin ("Mother", "my
    father", "our daughter") and the only one the pronoun ``t`` after it may mean: "– Mother
    is 94 years. He has dementia, says Grete Lie" (she). Not where another pronoun in the two
    sentences shows a second person ("– Mother is 94. He visits her every day"), nor where the
    reporting clause says whom the quote is about ("..., says Grete Lie about the neighbour");
    ``alone``: nor where someone named or a person noun before may be the one meant either."""
    text = pp.analysis.doc.text
    word = _SPEAKERS_KIN.match(text, ref.start)
    if ref.gender is None or word is None:
        return False
    if not (word.group()[0].isupper() or re.search(r"\b(?:my|our) $", text[max(0, ref.start - 4) : ref.start], re.I)):
        return False
    tokens = pp.analysis.tokens
    after = itertools.islice(tokens, bisect.bisect_right(pp.analysis.token_starts, ref.start), None)  # (after the kin)
    others = [
        x for x in itertools.takewhile(lambda x: x.sentence <= t.sentence, after)
        if x.sentence in (ref.sentence, t.sentence) and x is not t and x.lower in _PERSONAL_PRONOUNS
    ]
    block = pp.analysis.doc.blocks[t.block]
    if others or _ABOUT_SOMEONE.search(text, t.end, block.end) is not None:
        return False
    if not alone:
        # (the speaker's own gender: a person noun beside the kin may be the one meant: "– Dad
        # stayed with the neighbour. She has a big house")
        return not any(
            r is not ref and r.person is None and (r.unknown or r.gender in (None, pronoun_gender(t.text)))
            for r in pp.refs
            if r.sentence in (ref.sentence, t.sentence) and r.start < t.start
        )
    # for a pronoun not of the speaker's gender, nobody before who may be the one meant: a
    # person of its gender, or a person noun ("– Mother has a new doctor. He is very kind";
    # "Kari Lie and her brother ...")
    g = pronoun_gender(t.text)
    return not any(
        (r.person is not None and evident_gender(pp, r.person) in (None, g))
        or (r.person is None and r is not ref and (r.unknown or r.gender in (None, g)))
        for r in pp.refs
        if r.start < t.start and r is not ref
    )


#: Pronouns that show a person in a sentence.
_PERSONAL_PRONOUNS = frozenset("he she him her his hers himself herself".split())
#: A reporting clause that says whom the quote is about: "says Kari Lie about the surgeon".
_ABOUT_SOMEONE = re.compile(r"\b(?:says?|said|tells?|told)\s+[^.!?\n]{0,60}?\babout\b")


#: Kin a speaker may name by the noun alone ("Mother is 94"), of one gender.
_KIN_ALONE = frozenset("mother father mum mom dad grandmother grandfather grandma grandpa".split())
_SPEAKERS_KIN = re.compile(
    r"(?:mother|father|mum|mom|dad|grandmother|grandfather|grandma|grandpa|sister|brother|daughter|son|wife|husband)\b",
    re.I,
)


# -- a possession the article gives to someone else ------------------------------------
_NOT_POSSESSED = {"own", "way", "life", "time", "first", "last", "best", "side", "part", "role", "view"}


def _possessed(text: str, tokens: list[Token], i: int) -> str | None:
    """The two-word noun phrase after token ``i`` ("childhood home", "Instagram
    profile"), lower case, when it is one."""
    if i + 2 >= len(tokens):
        return None
    t, a, b = tokens[i], tokens[i + 1], tokens[i + 2]
    if text[t.end : a.start] not in (" ", "'s ", "’s ") or text[a.end : b.start] != " ":
        return None
    if a.sentence != t.sentence or b.sentence != a.sentence:
        return None
    if a.lower in _NOT_POSSESSED or len(a.text) < 4 or len(b.text) < 4 or b.lower in words().person_nouns:
        return None
    return f"{a.lower} {b.lower}"


def _possessor_gender(pp: People, tok: Token, by_last: dict[int, Person]) -> str | None:
    """The gender of the possessor ``tok`` ("the princess's", "Kari's", "her");
    ``by_last`` maps the start of a mention's last word to its person."""
    w = words()
    g = pronoun_gender(tok.text)
    if g is not None:
        return g if tok.lower in ("his", "her") else None
    if not tok.possessive:
        return None
    if tok.lower in w.female_titles or tok.lower in w.female_nouns:
        return "female"
    if tok.lower in w.male_titles or tok.lower in w.male_nouns:
        return "male"
    person = by_last.get(tok.start)
    return evident_gender(pp, person) if person is not None else None


def _resolve_possessed(pp: People) -> list[Resolution]:
    """"his family cabin" where the article calls it "the princess's family
    cabin" (and never a man's): the possessive does not fit its possessor."""
    tokens = pp.analysis.tokens
    by_last = {m.last.start: p for p in pp.persons.values() for m in p.mentions if m.last is not None}
    phrases: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for i, t in enumerate(tokens):
        if t.possessive or t.lower in ("his", "her"):
            phrase = _possessed(pp.analysis.doc.text, tokens, i)
            if phrase is not None:
                gender = None if t.quoted and not t.possessive else _possessor_gender(pp, t, by_last)
                phrases[phrase].append((i, gender))
    out: list[Resolution] = []
    for uses in phrases.values():
        if len(uses) < 2:
            continue
        for i, g in uses:
            t = tokens[i]
            if t.possessive or g is None or t.quoted:
                continue
            others = {og for j, og in uses if j != i and tokens[j].possessive and og is not None}
            if len(others) == 1 and g not in others:
                out.append(Resolution(t, g, None, True, expected=next(iter(others))))
    return out


def people(doc: Document, glossary: Glossary | None = None, ctx: CheckContext | None = None) -> People:
    """The people of ``doc`` and the pronouns resolved to them: computed once per
    source and glossary, and kept on the document (:meth:`Document.memo`)."""
    found: People = doc.memo(memo_key("people", doc, glossary), lambda d: _people(d, glossary, ctx))
    return found


def _people(doc: Document, glossary: Glossary | None, ctx: CheckContext | None) -> People:
    analysis = analyse(doc)
    persons, person_of = _link(analysis, glossary, ctx)
    refs = _refs(doc, analysis, person_of)
    resolutions = _resolve(analysis, refs)
    # others of a soft resolution must not be known to be of the pronoun's gender
    result = People(analysis, persons, refs, person_of, [])
    for r in resolutions:
        if r.person is not None:
            r.person.votes[r.gender].append((r.token, r.hard))
    result.resolutions = resolutions
    result.quoted = _resolve_quoted(result)
    result.possessed = _resolve_possessed(result)
    return result
