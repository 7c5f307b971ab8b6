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
  no other candidate could be a "he"/"she".

Pronouns inside quotation marks or dialogue lines are left out: the speaker's
"I", "we", "he" and "she" refer within the quote.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from mtqa.model import Document
from mtqa.names.glossary import Glossary
from mtqa.names.lexicon import words
from mtqa.names.mentions import Analysis, Mention, Token, analyse
from mtqa.names.variants import clusters

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
#: How far back (in sentences) a pronoun looks for its referent.
LOOKBACK = 3
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "former", "new"}
#: Words that follow a noun rather than an adjective: "the forward has", not
#: "the general message".
_AFTER_NOUN = {
    "has", "had", "is", "was", "said", "says", "told", "who", "will", "would", "and", "of", "to",
    "in", "on", "at", "for", "with", "from", "by", "did", "does", "could", "can", "should", "must",
}
_PLURAL_NOUNS = {"men", "women", "people", "children", "kids", "parents", "twins", "family", "couple"}


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    if low in MALE:
        return "male"
    if low in FEMALE:
        return "female"
    return None


@dataclass
class Person:
    key: tuple[str | None, str]  # (given name or None, surname), canonical spellings
    mentions: list[Mention] = field(default_factory=list)
    static: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    votes: dict[str, list[tuple[Token, bool]]] = field(default_factory=lambda: defaultdict(list))

    given_name: str | None = None  # the canonical given name, when the article gives one

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


@dataclass
class Resolution:
    token: Token
    gender: str
    person: Person | None
    hard: bool  # one candidate (else: the previous sentence's subject)


@dataclass
class People:
    analysis: Analysis
    persons: dict[tuple[str | None, str], Person]
    refs: list[Ref]
    person_of: dict[int, Person]  # mention start -> person
    resolutions: list[Resolution]

    def gender(self, person: Person, exclude: Token | None = None) -> dict[str, float]:
        """Evidence for each gender: resolved pronouns (one each, an unsure one
        counts 0.75), a gendered title and a given name of known gender (one each)."""
        score = {"male": 0.0, "female": 0.0}
        for g, reasons in person.static.items():
            score[g] += len(set(reasons))
        for g, toks in person.votes.items():
            for tok, hard in toks:
                if exclude is not None and tok.start == exclude.start:
                    continue
                score[g] += 1.0 if hard else 0.75
        return score


def _link(analysis: Analysis, glossary: Glossary | None, ctx) -> tuple[dict, dict]:
    doc = analysis.doc
    canon: dict[str, str] = {}
    for c in clusters(analysis, doc.source, glossary, ctx):
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
    full_keys: dict[str, set] = defaultdict(set)
    for m in analysis.mentions:
        if m.kind == "person" and m.full:
            full_keys[canon.get(m.last.text, m.last.text)].add(canon.get(m.first.text, m.first.text))
    w = words()
    for m in analysis.mentions:
        if m.kind == "org" or m.last is None:
            continue
        surname = canon.get(m.last.text, m.last.text)
        if m.kind != "person" and surname not in surnames_of_people:
            continue
        if m.full:
            given = canon.get(m.first.text, m.first.text)
            key = (given if len(full_keys[surname]) > 1 else None, surname)
            last_full[surname] = key
        else:
            if surname in last_full:
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
        if m.full:
            g = w.first_name_gender(canon.get(m.first.text, m.first.text))
            if g:
                noun = "a man's" if g == "male" else "a woman's"
                person.static[g].append(f"'{canon.get(m.first.text, m.first.text)}' is {noun} name")
        for t in m.title:
            low = t.lower.rstrip(".")
            if low in w.male_titles:
                person.static["male"].append(f"titled '{t.text}'")
            elif low in w.female_titles:
                person.static["female"].append(f"titled '{t.text}'")
        if m.role in w.male_nouns:
            person.static["male"].append(f"called '{m.role}'")
        elif m.role in w.female_nouns:
            person.static["female"].append(f"called '{m.role}'")
    # a full name whose given name was keyed apart only because of a namesake:
    # fold the given-less person into the full one when there is one full name
    for key in list(persons):
        given, surname = key
        if given is None and len(full_keys[surname]) == 1:
            only = next(iter(full_keys[surname]))
            if (only, surname) in persons:
                target = persons[(only, surname)]
                src = persons.pop(key)
                target.mentions += src.mentions
                for m in src.mentions:
                    person_of[m.start] = target
    return persons, person_of


_VERBISH = re.compile(r"^[a-z]+(?:ed|s)$")


def _maybe_person(doc: Document, analysis: Analysis, m: Mention) -> bool:
    """A name of unknown kind that may be a person's: two or three name words
    ("Veronika Stepanova"), or one followed by a verb ("Trump called")."""
    w = words()
    slots = m.slots()
    if 2 <= len(slots) <= 3:
        return True
    nxt = next((t for t in analysis.tokens if t.start >= m.end + 1), None)
    if nxt is None or nxt.sentence != m.sentence or doc.text[m.end : nxt.start].strip() not in ("", "'s", "’s"):
        return False
    return nxt.lower in w.speech_verbs or bool(_VERBISH.match(nxt.text)) and nxt.lower not in _NOT_VERBS


_NOT_VERBS = {"was", "has", "is", "as", "its", "his", "this", "us", "plus", "news", "less", "across", "towards"}


def _refs(doc: Document, analysis: Analysis, person_of: dict[int, Person]) -> list[Ref]:
    w = words()
    refs: list[Ref] = []
    sentence_first: dict[int, int] = {}
    for t in analysis.tokens:
        sentence_first.setdefault(t.sentence, t.start)
    mention_starts = {m.start: m for m in analysis.mentions}
    role_positions = set()
    for m in analysis.mentions:
        if m.role:
            # the role word right before the name is part of the name
            role_positions.add(m.start)
    tokens = analysis.tokens
    for i, t in enumerate(tokens):
        if t.start in mention_starts:
            m = mention_starts[t.start]
            person = person_of.get(m.start)
            if person is not None:
                first = m.title[0].start if m.title else m.start
                refs.append(Ref(m.start, t.sentence, person=person, subject=sentence_first.get(t.sentence) == first))
            elif m.kind == "name" and _maybe_person(doc, analysis, m):
                # someone the article does not show to be a person, who may be
                # one: a pronoun near them is not clear
                refs.append(Ref(m.start, t.sentence, unknown=True))
            continue
        if t.cap:
            continue
        low = t.lower
        prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == t.sentence else None
        nxt_tok = tokens[i + 1] if i + 1 < len(tokens) else None
        kind = w.title(low)
        ends_phrase = (
            nxt_tok is None
            or nxt_tok.sentence != t.sentence
            or doc.text[t.end : nxt_tok.start].strip() != ""
            or nxt_tok.lower in _AFTER_NOUN
        )
        role = (
            prev is not None
            and (prev.lower in _DETERMINERS or (prev.cap and not prev.initial))
            and (kind == "title" or (kind == "ambiguous" and ends_phrase))
        )
        if role or (
            low in w.person_nouns and low not in _PLURAL_NOUNS and not (low.endswith("s") and low[:-1] in w.person_nouns)
        ):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.start in mention_starts and doc.text[t.end : nxt.start].strip() == "":
                continue  # "counterpart Anthony Blinken": a role
            gender = "male" if low in w.male_nouns else "female" if low in w.female_nouns else None
            refs.append(Ref(t.start, t.sentence, gender=gender))
    refs.sort(key=lambda r: r.start)
    return refs


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


def _resolve(analysis: Analysis, refs: list[Ref]) -> list[Resolution]:
    out: list[Resolution] = []
    by_sentence: dict[int, list[Ref]] = defaultdict(list)
    for r in refs:
        by_sentence[r.sentence].append(r)
    for t in analysis.tokens:
        g = pronoun_gender(t.text)
        if g is None or t.quoted or t.sentence < 0:
            continue
        if _cataphora(analysis, t, by_sentence.get(t.sentence, [])):
            continue
        # everyone named in the sentence before the pronoun and in the sentences
        # before it: one person there is a clear referent, two are not
        cands = [r for r in by_sentence.get(t.sentence, []) if r.start < t.start]
        from_previous = not cands
        for back in range(1, LOOKBACK + 1):
            cands = by_sentence.get(t.sentence - back, []) + cands
        if not cands:
            continue
        # a noun or title of the other gender cannot be the referent
        cands = [r for r in cands if r.person is not None or r.gender in (None, g)]
        people = {id(r.person): r.person for r in cands if r.person is not None}
        nouns = [r for r in cands if r.person is None]  # person nouns and unknown names
        if len(people) == 1 and not nouns:
            out.append(Resolution(t, g, next(iter(people.values())), True))
            continue
        sentence_initial = t.initial and t.text[:1].isupper()
        previous = [r for r in by_sentence.get(t.sentence - 1, [])]
        if from_previous and sentence_initial and previous and previous[0].subject and previous[0].person is not None:
            subject = previous[0].person
            others = [r for r in previous[1:] if r.person is not subject]
            if all(r.person is not None or r.gender not in (None, g) for r in others):
                out.append(Resolution(t, g, subject, False))
    return out


_CACHE: dict[tuple[str, str, str | None], People] = {}


def people(doc: Document, glossary: Glossary | None = None, ctx=None) -> People:
    """The people of ``doc`` and the pronouns resolved to them (cached)."""
    cache_key = (doc.id, doc.content_hash, str(getattr(ctx, "glossary", None)))
    hit = _CACHE.get(cache_key)
    if hit is not None and hit.analysis.doc is doc:
        return hit
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
    _CACHE[cache_key] = result
    while len(_CACHE) > 64:
        _CACHE.pop(next(iter(_CACHE)))
    return result
