"""Literal renderings composed from the dictionary of senses.

A machine translation that renders a Norwegian phrase word by word takes the
usual English sense of each word: *rykke ut* (turn out, of the emergency
services) becomes "jerked out", *gi jern* (go all out) "give iron", *blåse
rødt* (fail a breathalyser test) "blew red".  A lexicon entry's renderings are
written by hand and name a few such forms; this module composes the others, for
every entry whose Norwegian is a phrase of two to four words (the first
expression of its ``norwegian`` field and that expression's other forms):

- each word's first two senses in the dictionary of senses
  (:mod:`mtqa.lexicons.senses`; the particles and pronouns from a small table
  here), every English inflection of each (lemminflect), at most
  ``MAX_PHRASES`` forms from one choice of senses;
- only phrases with a verb or a noun and another content word that is not a
  light verb ("give iron"), or a verb and its particle ("jerked out"), are kept;
  not an adjective and a noun ("near relatives" is English);
- not the entry's own English, compared by word stems ("critical injuries"
  is *kritisk skadd*'s "critically injured");
- not a pair of words English uses often, in any of its inflections, by the
  243,000 most frequent English word pairs that symspellpy ships ("broke out",
  "spoke out", "sexual assault" are English: MT made no error there; "beat up"
  is, so "beats up" is too);
- not a phrase that a review of the composed phrases found in correct English
  (``mtqa/data/composed_english.tsv``: "informed the police", "new girlfriend");
- not a phrase of one of the entry's own ``allow`` examples.

An entry for a compound names its parts (``parts: hest kur`` for *hestekur*, a
drastic remedy); they are composed the same way, as dictionary words, a sense of
several words counting ("old woman" for *kjerring*): the parts side by side, the
first noun singular ("horse cure"), and for two nouns with the possessive too ("old
woman's advice"), a first verb not in the -ing form ("driving course" is English);
not where every sense is among the commonest English words ("end game",
``COMMONEST_ZIPF``).

The composed renderings of an entry are one more pattern among its renderings,
with its context cues; a match of it is reported as a word-for-word rendering
(ID002), at most a warning unless the source holds the expression, and loses an
overlap to any rendering written by hand.
Measured in ``benchmarks/README.md`` (section "Composed renderings").
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from mtqa.lexicons import senses

#: Senses taken of each word: a literal rendering takes a word's usual sense.
SENSES = 2
#: Norwegian words (2-4) of a phrase that is composed.
MIN_WORDS, MAX_WORDS = 2, 4
#: Surface phrases composed for one Norwegian phrase at most (a larger product is skipped).
MAX_PHRASES = 48

#: Function words: Norwegian -> their usual English (at most two).
FUNCTION = {
    "ut": ("out",), "opp": ("up",), "ned": ("down",), "inn": ("in", "into"), "bort": ("away",),
    "tilbake": ("back",), "fram": ("forward",), "frem": ("forward",), "av": ("off", "of"),
    "på": ("on", "at"), "i": ("in",), "til": ("to", "for"), "mot": ("against", "towards"),
    "med": ("with",), "for": ("for",), "om": ("about", "around"), "over": ("over", "across"),
    "under": ("under",), "fra": ("from",), "etter": ("after",), "ved": ("at", "by"),
    "seg": ("himself", "themselves"), "det": ("it", "that"), "den": ("it", "the"),
    "en": ("a", "one"), "et": ("a", "one"), "ei": ("a", "one"), "ikke": ("not",), "og": ("and",),
    "har": ("has", "have"), "er": ("is", "are"), "var": ("was", "were"), "som": ("as", "like"),
    "at": ("that",), "så": ("so", "then"), "nå": ("now",), "da": ("then", "when"),
    "alt": ("everything", "all"), "alle": ("all", "everyone"), "noe": ("something", "some"),
    "noen": ("someone", "some"), "mye": ("much", "a lot"), "mange": ("many",), "ingen": ("no", "nobody"),
    "hver": ("each", "every"), "sin": ("his", "her"), "sitt": ("his", "her"), "sine": ("his", "her"),
    "man": ("one", "you"), "meg": ("me", "myself"), "deg": ("you", "yourself"),
}
#: Norwegian particles that make a particle verb; their English (out, up ...) counts
#: as the second content word of a verb ("jerked out").
PARTICLES = frozenset({"ut", "opp", "ned", "inn", "bort", "tilbake", "fram", "frem", "av"})
#: English verbs too light to carry a calque on their own.
LIGHT_VERBS = frozenset(
    "be have do get go come make take set put let say see keep hold bring stand lie sit run turn "
    "show find know think look use work call try ask need feel become leave mean seem tell move "
    "pull carry play meet face place state".split()
)
#: Norwegian endings stripped to find a word in the dictionary (inflections), longest first.
_ENDINGS = ("ende", "ene", "dde", "ert", "et", "te", "de", "er", "en", "ne", "a", "r", "t", "e")
_WORD = re.compile(r"[a-zæøå]+")
_SLOTS = frozenset("XYZ")
_ENGLISH_WORD = re.compile(r"[a-z]+")
_ENGLISH_WORDS = re.compile(r"[a-z]+(?: [a-z]+){0,2}")
_POS = {"n": "NOUN", "v": "VERB", "adj": "ADJ", "the-n": "NOUN", "light": "VERB"}
#: Endings of a Norwegian noun in the definite form ("gresset", "bilen"): English says "the".
_DEFINITE = ("en", "et", "a", "ene", "ne")

Slot = tuple[tuple[str, str | None], ...]  # (English, part of speech or None for a function word)


def _lookup(word: str, verb: bool = False) -> senses.Headword | None:
    """The dictionary's headword for a Norwegian word form; ``verb``: a verb's first
    if there is one ("rykket ut": the verb *rykke*, not the noun *rykk*)."""
    dictionary = senses.dictionary()
    candidates = [word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            candidates += [stem, stem + "e"]
    heads = [h for c in candidates if (h := dictionary.get(c)) is not None and h.pos in ("n", "v", "adj")]
    verbs = [h for h in heads if h.pos == "v"] if verb else []
    return (verbs or heads)[0] if heads else None


def _slot(word: str, before_particle: bool = False, part: bool = False) -> Slot:
    """A word's usual senses with their part of speech; ``part``: the word is a part of
    a compound, looked up as it stands, and a sense of several words counts ("old woman"
    for *kjerring*: the compound's rendering is "old woman's advice")."""
    if word in FUNCTION and not part:
        return tuple((e, None) for e in FUNCTION[word][:SENSES])
    head = senses.dictionary().get(word) if part else _lookup(word, verb=before_particle)
    if head is None or head.pos not in ("n", "v", "adj"):
        return ()  # a part that is a pronoun or an adverb ("vår", "hjem") composes nothing
    english = _ENGLISH_WORDS if part else _ENGLISH_WORD
    usual = [s for s in head.senses[:SENSES] if english.fullmatch(s)]
    if head.pos == "v" and usual and usual[0] in LIGHT_VERBS:
        # a light verb's other sense is light too ("ta": take, grab): "grab hold" is English
        return tuple((s, "light") for s in usual)
    definite = head.pos == "n" and word != head.lemma and word.endswith(_DEFINITE)
    return tuple((s, "the-n" if definite else head.pos) for s in usual)


def phrases(norwegian: str) -> list[tuple[str, ...]]:
    """The Norwegian phrases of an entry's ``norwegian`` field that are composed:
    each alternative (split on '/' and ';'; parentheses and '...' dropped) of two to
    four words in lower case that shares a content word with the first alternative
    (its inflected forms, not another expression the entry lists beside it, whose
    English is another).  An alternative with a slot ("<ukedag>", "X", a number) or a name (a
    capital after its first word) is not composed."""
    out: list[tuple[str, ...]] = []
    text = re.sub(r"\([^)]*\)|\.\.\.|…", " ", norwegian)
    alternatives = [a.split() for a in re.split(r"[/;]", text)]
    alternatives = [a for a in alternatives if a]
    first = {_stem(w.lower()) for w in alternatives[0] if w.lower() not in FUNCTION} if alternatives else set()
    for raw in alternatives:
        if not all(_WORD.fullmatch(w) for w in [raw[0].lower(), *raw[1:]]) or raw[0] in _SLOTS:
            continue
        words = tuple(w.lower() for w in raw)
        if not first & {_stem(w) for w in words if w not in FUNCTION}:
            continue  # another expression than the first, with another English
        if MIN_WORDS <= len(words) <= MAX_WORDS and words not in out:
            out.append(words)
    return out


def _stem(word: str) -> str:
    return word[:4]


def _forms(english: str, pos: str | None) -> tuple[str, ...]:
    """Every inflection of a sense; of several words, a verb's first ("blow up":
    "blowing up") and a noun's last ("old woman": "old women")."""
    if pos is None or pos == "adj":
        return (english,)
    from lemminflect import getAllInflections

    words = english.split()
    at = 0 if pos in ("v", "light") else len(words) - 1
    forms = {english}
    for values in getAllInflections(words[at], upos=_POS[pos]).values():
        forms.update(" ".join([*words[:at], v, *words[at + 1 :]]) for v in values)
    if pos == "the-n":
        forms |= {f"the {f}" for f in forms}
    return tuple(sorted(forms))


BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"


@cache
def _frequent_pairs() -> frozenset[str]:
    """The English word pairs of symspellpy's bigram list (243,342 pairs, lower case)."""
    path = _bigram_file()
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            pairs.add(f"{parts[0]} {parts[1]}".lower())
    return frozenset(pairs)


#: The English phrases a review found composed and correct (see the file's header).
REVIEWED = "composed_english.tsv"


@cache
def _reviewed() -> frozenset[str]:
    """The composed phrases that correct English uses, by review, without articles."""
    text = resources.files("mtqa.data").joinpath(REVIEWED).read_text(encoding="utf-8")
    return frozenset(
        _bare(line.split("\t")[0]) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _bare(phrase: str) -> str:
    return " ".join(w for w in phrase.lower().split() if w not in ("the", "a", "an"))


def _ordinary(phrase: str) -> bool:
    """Whether English uses the phrase: every pair of neighbouring words is a frequent
    English word pair, or a review found the phrase in correct English."""
    words = _bare(phrase).split()
    pairs = _frequent_pairs()
    return all(f"{a} {b}" in pairs for a, b in zip(words, words[1:])) or " ".join(words) in _reviewed()


def _stems(text: str, lemmas: bool = False) -> set[str]:
    """The 5-letter stems of a text's words; ``lemmas``: of their lemmas too
    ("driving": "drivi", "drive")."""
    from lemminflect import getAllLemmas

    stems = set()
    for w in _ENGLISH_WORD.findall(text.lower()):
        if len(w) >= 3:
            stems.add(w[:5])
            if lemmas:
                stems.update(lemma[:5] for found in getAllLemmas(w).values() for lemma in found)
    return stems


def _carries_a_calque(combo: tuple[tuple[str, str | None], ...], words: tuple[str, ...]) -> bool:
    if next((p for _, p in combo if p is not None), None) == "adj":
        return False  # an adjective and a noun are mostly English too ("near relatives", "a powerful bang")
    strong = [(e, p) for e, p in combo if p is not None and p != "light" and not (p == "v" and e in LIGHT_VERBS)]
    if len(strong) >= 2:
        return True
    verb_and_particle = (
        len(combo) == 2 and combo[0][1] == "v" and combo[0][0] not in LIGHT_VERBS and words[1] in PARTICLES
    )
    return verb_and_particle


def compose(
    norwegian: str, english: Iterable[str] = (), allow: Iterable[str] = (), parts: str | None = None
) -> tuple[str, ...]:
    """The literal English phrases composed for an entry (see the module's text),
    lower case, sorted; ``english``: the entry's idiomatic English and meaning;
    ``allow``: its allow examples; ``parts``: the parts of a compound, the entry's
    first expression, as dictionary words ("kjerring råd")."""
    return compose_with_verbs(norwegian, english, allow, parts)[0]


def parts_of(parts: str) -> tuple[str, ...] | None:
    """A compound's parts ("kjerring råd" or "kjerring+råd"), or None where they are
    not two or three Norwegian words."""
    words = tuple(w for w in re.split(r"[\s+]+", parts.lower()) if w)
    if not 2 <= len(words) <= 3 or not all(_WORD.fullmatch(w) for w in words):
        return None
    return words


#: Zipf frequency (wordfreq) from which an English word is among the commonest: two of
#: them side by side meet at the edge of two phrases as often as in one ("the end game",
#: "take care right away"), so a compound whose senses are all of them is not composed.
COMMONEST_ZIPF = 5.5


def _compound_surfaces(combo: tuple[tuple[str, str | None], ...], forms: list[tuple[str, ...]]) -> list[str]:
    """A compound's parts side by side ("blast cold", "old woman advice") and, for a
    noun before a noun, with the possessive ("old woman's advice"); its first noun is
    singular ("doctors watch" is a clause) and its first verb not in the -ing form
    (English compounds are made so: "driving course"); nothing where every sense is
    among the commonest English words ("end game")."""
    from wordfreq import zipf_frequency

    if all(zipf_frequency(w, "en") >= COMMONEST_ZIPF for sense, _ in combo for w in sense.split()):
        return []
    if combo[0][1] == "v":  # "blasting materials", "driving course": English compounds take the -ing form
        forms[0] = tuple(f for f in forms[0] if not f.split()[0].endswith("ing"))
    surfaces = [" ".join(surface) for surface in itertools.product(*forms)]
    if len(combo) == 2 and combo[0][1] == "n" and combo[1][1] in ("n", "the-n"):
        surfaces += [f"{combo[0][0]}'s {last}" for last in forms[1]]
    return surfaces


def compose_with_verbs(
    norwegian: str, english: Iterable[str] = (), allow: Iterable[str] = (), parts: str | None = None
) -> tuple[tuple[str, ...], frozenset[str]]:
    """:func:`compose`, and the phrases among them that begin with the English of a
    Norwegian verb (not a participle used as an adjective): their suggestion may take
    the form of that verb."""
    own = " ".join(english).lower()
    own_stems = _stems(own)
    allowed = " \n ".join(a.lower() for a in allow)
    out: set[str] = set()
    verbal: set[str] = set()
    units = [(words, False) for words in phrases(norwegian)]
    compound = parts_of(parts) if parts else None
    own_lemmas = own_stems
    if compound:
        units.append((compound, True))
        # a compound's parts are its content words: where their lemmas are the English's, so
        # is the rendering ("drive school" for "driving school"); in a phrase a function word
        # may be the calque ("for closed doors" for "behind closed doors"), so stems there
        own_lemmas = _stems(own, lemmas=True)
    for words, is_compound in units:
        slots = [
            _slot(w, n + 1 < len(words) and words[n + 1] in PARTICLES, part=is_compound)
            for n, w in enumerate(words)
        ]
        if not all(slots):
            continue
        for combo in itertools.product(*slots):
            if not _carries_a_calque(combo, words):
                continue
            content = [e for e, p in combo if p is not None]
            if all(w[:5] in (own_lemmas if is_compound else own_stems) for e in content for w in e.split()):
                continue  # the entry's own English, inflected another way
            forms = [_forms(e, p) for e, p in combo]
            if math.prod(len(f) for f in forms) > MAX_PHRASES:
                continue
            if is_compound:
                if combo[0][1] == "n":
                    forms[0] = (combo[0][0],)  # a compound's first noun is not inflected ("child seat")
                surfaces = _compound_surfaces(combo, forms)
            else:
                surfaces = [" ".join(surface) for surface in itertools.product(*forms)]
            if any(_ordinary(phrase) for phrase in surfaces):
                continue  # English says "beat up": "beats up" is English too
            kept = [
                phrase for phrase in surfaces
                if phrase not in own and not re.search(rf"\b{re.escape(phrase)}\b", allowed)
            ]
            out.update(kept)
            if combo[0][1] == "v" and not words[0].endswith("ende"):
                verbal.update(kept)
    return tuple(sorted(out)), frozenset(verbal)


#: Verb forms a suggestion takes from the match, in the order they are tried.
_VERB_TAGS = ("VBD", "VBN", "VBG", "VBZ")
#: Words after a match's first word that make it a verb where it could be a noun too
#: ("goes off the stack", "walks himself stuck").
_AFTER_A_VERB = frozenset(
    "off out up down in on over away back the a an his her their its him them itself himself herself "
    "themselves myself ourselves yourself".split()
)


def inflect_like(suggestion: str, matched: str) -> str:
    """The suggestion with its first word, a verb in its base or past form, in the
    form of the match's first word: "blew red" -> "failed a breathalyser test",
    "jerked out" -> "turned out", "goes off the stack" -> "takes place" (a word
    that may be a noun counts as a verb before a particle, an article or a
    pronoun), "recognize criminal guilt" -> "plead guilty"; unchanged where either
    is not a verb ("meeting car", "broken heart")."""
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    head, _, rest = suggestion.partition(" ")
    words = matched.lower().split()
    first = words[0] if words else ""
    if not first or not head:
        return suggestion
    readings = getAllLemmas(first)
    lemmas = readings.get("VERB", ())
    verbal = len(words) > 1 and words[1] in _AFTER_A_VERB  # "goes off the stack", not "meeting car"
    if not lemmas or ("NOUN" in readings and not verbal):
        return suggestion  # not a verb, or a noun too ("meeting car")
    forms = getAllInflections(lemmas[0], upos="VERB")
    tag = "VB" if first in lemmas else next((t for t in _VERB_TAGS if first in forms.get(t, ())), None)
    head_readings = getAllLemmas(head.lower())
    verb = head_readings.get("VERB", ())
    past = bool(verb) and "ADJ" not in head_readings and head.lower() in {
        f for t in ("VBD", "VBN") for f in getAllInflections(verb[0], upos="VERB").get(t, ())
    }
    if tag is None or not verb or (head.lower() not in verb and not past):
        return suggestion  # the suggestion does not begin with a verb in its base or past form
    if tag == "VB" and (head.lower() in verb or "NOUN" in readings or "ADJ" in readings):
        return suggestion  # already the base form, or a match that may be a noun or an adjective ("rough fraud")
    inflected = getInflection(verb[0], tag=tag)
    if not inflected:
        return suggestion
    word = inflected[0].capitalize() if head[:1].isupper() else inflected[0]
    return f"{word} {rest}" if rest else word


#: A person's possessive and reflexive pronouns, by the subject pronoun.
_PERSON_FORMS = {
    "i": ("my", "myself"), "we": ("our", "ourselves"), "you": ("your", "yourself"),
    "he": ("his", "himself"), "she": ("her", "herself"), "they": ("their", "themselves"),
}
#: The person a possessive or reflexive pronoun in the match names ("took herself good time").
_PERSON_OF = {
    "my": "i", "myself": "i", "our": "we", "ourselves": "we", "your": "you", "yourself": "you",
    "yourselves": "you", "his": "he", "himself": "he", "her": "she", "herself": "she",
    "their": "they", "themselves": "they",
}
_PERSON_WORD = re.compile(r"\b(?:" + "|".join(_PERSON_OF) + r")\b", re.IGNORECASE)
#: A subject pronoun at most three words before the match, in the same clause ("We must
#: tighten in", "She has slept in the hour").
_SUBJECT_BEFORE = re.compile(r"(?:^|[^\w'’])(I|[Ww]e|[Yy]ou|[Hh]e|[Ss]he|[Tt]hey)((?:\s+[\w'’]+){0,3})\s*$")
#: A placeholder of the suggestion: the generic "one's"/"oneself" and a possessive or
#: reflexive of a person ("spoke his mind", "pull oneself together").
_PLACEHOLDER = re.compile(
    r"\b(?:one['’]s|oneself|my|our|your|his|their|myself|ourselves|yourself|himself|herself|themselves"
    r"|her(?=\s+(?:own\s+)?(?!(?:the|a|an|to|and|or|that|this|in|on|at|for|with|from|up|down|out|off|back|as|by|about|into|over|some|any|no|one|it|go|know)\b)[a-z]))\b",
    re.IGNORECASE,
)
_REFLEXIVES = frozenset("oneself myself ourselves yourself himself herself themselves".split())
_CONJUNCTIONS = frozenset("and but or that because when if while who which".split())


def agree_pronouns(suggestion: str, matched: str, before: str) -> str:
    """The suggestion with its possessive and reflexive pronouns those of the person the
    match speaks of: "took herself good time" -> "took her time" (not "his"), "We took
    ourselves together" -> "pulled ourselves together" (not "oneself"), "She got a
    punishment discount" -> "a reduced sentence for her confession".  The person is the
    first possessive or reflexive pronoun of the match, else a subject pronoun at most
    three words before it in the same clause; where neither is there, the suggestion is
    left as it is."""
    if not _PLACEHOLDER.search(suggestion):
        return suggestion
    own = _PERSON_WORD.search(matched)
    person = _PERSON_OF[own.group(0).lower()] if own else None
    if person is None:
        subject = _SUBJECT_BEFORE.search(before)
        if subject is None or _CONJUNCTIONS & set(subject.group(2).lower().split()):
            return suggestion
        person = subject.group(1).lower()
    possessive, reflexive = _PERSON_FORMS[person]

    def swap(m: re.Match[str]) -> str:
        word = reflexive if m.group(0).lower() in _REFLEXIVES else possessive
        return word.capitalize() if m.group(0)[0].isupper() else word

    return _PLACEHOLDER.sub(swap, suggestion)


#: An auxiliary that opens a match, with the negation and adverbs after it ("has
#: still not", "was"), and the word after them.
_AUXILIARY = re.compile(
    r"((?:has|have|had|is|are|was|were|am|will|would|can|could|must|should|shall|may|might|do|does|did)"
    r"(?:\s+(?:not|never|still|also|now|just|already|finally|yet))*)\s+([\w'’-]+)",
    re.IGNORECASE,
)
_HAVE = frozenset("has have had".split())
_BE = frozenset("is are was were am".split())
#: Suggestions that say the negation themselves ("will not give itself" -> "refuse to
#: give up"): an auxiliary kept before them would say it twice.
_NEGATING = frozenset("refuse refuses refused refusing fail fails failed failing".split())


def keep_auxiliary(suggestion: str, matched: str) -> str:
    """The suggestion with the auxiliary that opens the match kept before it, its verb
    in the form the auxiliary asks for: "has worn with" -> "has struggled with" (not
    "struggles with"), "was laid in" -> "was admitted", "must live in" -> "must stay in",
    "have slept in class" -> "have been asleep at the wheel", "were tense" -> "were
    excited".  Unchanged where the suggestion opens with an auxiliary or with no verb
    or adjective ("is preliminary unknown" -> "so far"), where "have" is no auxiliary
    ("have bad time"), and where the suggestion says a negation itself."""
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    aux = _AUXILIARY.match(matched)
    head, _, rest = suggestion.partition(" ")
    if aux is None or not head:
        return suggestion
    kept, after = aux.group(1), aux.group(2).lower()
    first, word = kept.split()[0].lower(), head.lower()
    if first in _BE and word in _BE and word != first:
        return f"{kept} {rest}".rstrip()  # "is waiting for" -> "is expecting", not the English's "are expecting"
    if _AUXILIARY.match(suggestion + " x") or word in _NEGATING or word == first:
        return suggestion  # the suggestion brings its own ("has backbone")
    readings = getAllLemmas(word)
    verb = readings.get("VERB", ())

    def form(tag: str) -> str | None:
        if not verb or (word in verb and "NOUN" in readings and tag in ("VBN", "VBD")):
            return None  # no verb, or a noun too in its base form ("access")
        made = getInflection(verb[0], tag=tag)
        return made[0] if made else None

    def participle(w: str) -> bool:
        lemmas = getAllLemmas(w).get("VERB", ())
        forms = getAllInflections(lemmas[0], upos="VERB") if lemmas else {}
        return w in forms.get("VBN", forms.get("VBD", ()))  # a regular verb's VBN is its VBD

    if ("be" in verb and first in _BE) or "have" in verb:
        return suggestion  # "were taken for" -> "be caught": its own auxiliary, inflected as a verb
    if first in ("do", "does", "did") and not re.search(r"\bnot\b|\bnever\b", kept, re.IGNORECASE):
        return suggestion  # "do everyone to lags": "do" a verb of its own
    if first in _HAVE:
        if word.endswith("ing"):
            return suggestion  # "has missed" -> "missing": no verb after "has"
        if after == "to":
            kept, new = f"{kept} to", form("VB")  # "has to rent in" -> "has to hire"
        elif participle(after):
            new = form("VBN")  # "has worn with" -> "has struggled with"
        else:
            return suggestion  # "have bad time": a verb of its own, not an auxiliary
    elif first in _BE:
        if verb and word.endswith("ing"):
            new = word  # "was completely on the rim" -> "was running on empty"
        elif participle(after):
            new = form("VBN")  # "was laid in" -> "was admitted"
        elif after.endswith("ing"):  # "is walking on" -> "is going"; not "is doing well after" -> "given"
            new = form("VBG") if word in verb else None
        elif "ADJ" in readings and "ADV" not in readings:
            new = word  # "were tense" -> "were excited"
        else:
            return suggestion
    else:
        new = form("VB")  # "must live in" -> "must stay in"
    if not new:
        return suggestion
    if head[:1].isupper():
        kept = kept[:1].upper() + kept[1:]
    return f"{kept} {new} {rest}".rstrip()


def suggestions(suggestion: str, phrases_: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(phrase, suggestion in the form of its verb) for the phrases where that form
    differs from ``suggestion`` (computed when the lexicon is parsed; a match of a
    rendering written as a pattern is inflected when its finding is made)."""
    out = []
    for phrase in phrases_:
        inflected = inflect_like(suggestion, phrase)
        if inflected != suggestion:
            out.append((phrase, inflected))
    return tuple(out)


def pattern(phrases_: Iterable[str]) -> str:
    """One rendering pattern for composed phrases: any of them, as whole words, in any
    case (whatever the entry's flags), the longest first ("press prices down", not
    "press prices")."""
    ordered = sorted(phrases_, key=lambda p: (-len(p), p))
    alternatives = (re.escape(p).replace("'", "['’]") for p in ordered)
    return r"(?i:\b(?:" + "|".join(alternatives) + r")\b)"


@cache
def signature() -> str:
    """What the composed renderings depend on besides the lexicon (the built-in
    lexicon's parsed records and prefilter are kept under it): this module's code and
    the dictionary's, their data, lemminflect's and wordfreq's versions and symspellpy's
    bigram list."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(senses.__file__).read_bytes())
    for data in (senses.DATA, REVIEWED):
        digest.update(resources.files("mtqa.data").joinpath(data).read_bytes())
    digest.update(version("lemminflect").encode())
    digest.update(version("wordfreq").encode())
    digest.update(_bigram_file().read_bytes())
    return f"compose-{digest.hexdigest()[:16]}"


def _bigram_file() -> Path:
    """symspellpy's list of frequent English word pairs, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("symspellpy is not installed: pip install symspellpy")
    return Path(next(iter(spec.submodule_search_locations))) / BIGRAMS
