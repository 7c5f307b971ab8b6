"""Family ``untranslated``: Norwegian left in the English text.

A word is Norwegian when wordfreq's Bokmål list knows it well and its English
list hardly at all; a long compound is Norwegian when it splits into two
well-known Bokmål words (with the linking -s- or -e- Norwegian compounds use),
or into a rarer Bokmål word English does not know and a common one
("utskrivnings|klar", "byvekst|avtale"), and English does not know it.

Not every Norwegian word in an English text is a slip.  Names are not
untranslated words: a capitalised word inside a sentence, an acronym (NRK, NTB),
the lower-case words of a multi-word Norwegian name ("Godt brød", "Troms og
Finnmark"), a dateline in capitals and the names in a photo credit are left
alone.  Neither is a Norwegian word glossed where it stands ("their hytte, or
cabin", "skrei, the migrating Arctic cod", "dugnad (voluntary communal work)"),
and once a word is glossed, the article may use it (and its compounds) freely.
A capitalised word at the start of a sentence or in a caption label in
capitals is still reported when it is a Norwegian common word and nothing in
the article says it is a name, and so is a Norwegian title opening a sentence
before a name ("Sentralbanksjef Ida Wolden Bache ...").  Institutions' Norwegian names are UT004's.
The suggestion is the English of ``data/nb_en_words.yaml`` where it knows the
word, else the idiom lexicon's English for it (a word whose part-by-part English
is a calque), else the dictionary of senses; inflected forms and two-part
compounds are built from their entries.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from mtqa.checks.base import Check, CheckContext
from mtqa.lexicons import clock_time, senses
from mtqa.model import BlockKind, Document, Finding, Severity
from mtqa.names.lexicon import NORWEGIAN_ROLE, zipf_frequency
from mtqa.names.mentions import title_case_block

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: A Bokmål word at least this frequent (Zipf scale) ...
NB_MIN = 3.0
#: ... that English knows at most this well, is Norwegian.
EN_MAX = 2.0
#: Parts of a compound must be this frequent in Bokmål.
PART_MIN = 3.0
#: Inflection endings tried on the last part of a compound (definite, plural, genitive).
_ENDINGS = ("ene", "ens", "ets", "en", "et", "er", "s", "e")
_NORWEGIAN_LETTERS = re.compile("[æøå]")
#: A sentence is Norwegian when this share of its (non-name) words lean Norwegian.
SENTENCE_SHARE = 0.6
#: An all-capitals word this short is an acronym (NRK, VGTV, NTB, EØS).
ACRONYM_MAX = 5
#: A capitalised word at a sentence start is a common word (not a name) when
#: Bokmål knows it at least this well and other languages do not (a place is
#: written about abroad: "Bodø", "Trysil") ...
CAPITALISED_NB_MIN = 4.0
#: ... unless it is this common (function words leak into other lists) ...
CAPITALISED_NB_ALWAYS = 5.5
#: ... or it has an ending names do not have: a plural ("Støttespillere") or
#: definite plural ("Røykdykkerne"), a noun of a suffix ("Forsamling",
#: "Kommisjonen"), a genitive ("Regjeringens"), an adjective ("Tyrkiske").
_COMMON_ENDING = re.compile(
    r"(?:ene|ane|erne|arne|ere|ing|ingen|ingens|sjon|sjonen|sjonens|het|heten|else|elsen|skap|skapet"
    r"|ens|ets|lige|iske)$"
)
#: Languages whose word lists know a Norwegian place or person, not a Norwegian word.
_FOREIGN = ("en",)
DICTIONARY_FILE = "nb_en_words.yaml"
#: The glossary of the less frequent words: one "word<TAB>English" a line (``#`` a comment).
GLOSSARY_FILE = "nb_en_glossary.tsv"
#: Asked after GLOSSARY_FILE: the terms of Norwegian news beyond its frequency cut.
NEWS_GLOSSARY_FILE = "nb_en_glossary_news.tsv"
INSTITUTIONS_FILE = "institutions.yaml"


@cache
def data_sha256() -> str:
    """One hash of the data files these checks read (the dictionary, the institutions,
    the glossaries of the suggestions), for a report's signature."""
    files = resources.files("mtqa.data")
    names = (DICTIONARY_FILE, INSTITUTIONS_FILE, GLOSSARY_FILE, NEWS_GLOSSARY_FILE)  # (the suggestions' too)
    digests = [hashlib.sha256(files.joinpath(n).read_bytes()).hexdigest() for n in names]
    return hashlib.sha256("".join(digests).encode()).hexdigest()


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from mtqa.names.lexicon import zipf_frequency

    return zipf_frequency(word, lang)


#: Norwegian words that English dictionaries list as English (skiing, the sea, food):
#: "the technicians chose klister", "telemark skiing", "lutefisk at Christmas".
ENGLISH_LOANS = frozenset(
    "fjord fjords klister telemark telemarking slalom slaloms christiania krill lemming lemmings troll trolls "
    "maelstrom kraken rorqual rorquals lutefisk lefse skijoring saeter".split()
)


@lru_cache(maxsize=65536)
def norwegian_score(word: str) -> float:
    """How much more Norwegian than English ``word`` (lowercase) is; 0 if not."""
    if len(word) < 3 or word in ENGLISH_LOANS:
        return 0.0
    nb, en = _zipf(word, "nb"), _zipf(word, "en")
    if en <= EN_MAX and nb >= NB_MIN and nb - en >= 2.0:
        return nb - en  # a common Norwegian word English hardly knows
    if en <= EN_MAX + 0.5 and nb - en >= 3.0:
        return nb - en  # a very common one ("ingen", "henne")
    if en < 1.0 and len(word) >= 5 and (nb >= 1.5 or _NORWEGIAN_LETTERS.search(word)):
        return max(nb - en, 1.5)  # a rarer Norwegian word English does not know
    if en == 0 and len(word) >= 8:
        return _compound_score(word)  # (from eight letters: "sotbrann", a first part of three)
    return 0.0


#: Longer "words" are not tried as compounds: each split point costs word-list
#: lookups of both parts, so a run of letters with no space would take quadratic time.
MAX_COMPOUND = 40


#: A last part of three letters must be this frequent in Bokmål ("tur", "bil", "hus").
SHORT_HEAD_MIN = 4.5


#: A part of a compound that Bokmål knows this well ...
RARE_PART_MIN = 1.5
#: ... beside one it knows this well, neither much English.
COMMON_PART_MIN = 4.0


def _rare_and_common(rare: str, rare_nb: float, rare_en: float, common_nb: float, common_en: float) -> bool:
    """A rarer part of six letters or more English does not know at all beside a common
    Bokmål word English hardly knows (not "sist|erlike" of "sisterlike")."""
    return (
        len(rare) >= 6
        and rare_nb >= RARE_PART_MIN
        and rare_en == 0
        and common_nb >= COMMON_PART_MIN
        and common_en <= EN_MAX
    )


#: English suffixes: a word that is an English word and one of these is English ("sisterlike").
_ENGLISH_SUFFIX = re.compile(r"(?:like|less|ness|ings?|ers?|ed|ly|ful|able|ish|ment)$")


def _english_derivation(word: str) -> bool:
    """Whether ``word`` is an English word with an English suffix ("plasterlike", "unnailing")."""
    m = _ENGLISH_SUFFIX.search(word)
    if m is None or m.start() < 4:
        return False
    stem = word[: m.start()]
    return max(_zipf(stem, "en"), _zipf(stem + "e", "en")) >= 2.5


def _compound_score(word: str, depth: int = 0) -> float:
    """A Norwegian compound that no list knows: two well-known Bokmål parts, or a
    well-known part and a compound of two (``depth`` counts the parts split off)."""
    best = 0.0
    if len(word) > MAX_COMPOUND:
        return best
    if word.startswith("el") and len(word) >= 9 and norwegian_score(word[2:]) >= 2.0:
        # "el" (electric), a first part of two letters: "elsparkesykkel", "elferjene"
        best = norwegian_score(word[2:]) - 0.5
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        if len(right) == 3 and (len(left) < 5 or _zipf(right, "nb") < SHORT_HEAD_MIN):
            continue  # a last part of three letters only when Bokmål uses it much ("fylkes|tur")
        lefts = [left]
        if left[-1] in "se" and len(left) > 4:
            lefts.append(left[:-1])  # the linking -s- / -e-
        rights = [right] + [
            right[: -len(end)] for end in _ENDINGS if right.endswith(end) and len(right) - len(end) >= 4
        ]
        left_nb = max(_zipf(c, "nb") for c in lefts)
        right_nb = max(_zipf(c, "nb") for c in rights)
        right_en = max(_zipf(c, "en") for c in rights)
        left_en = max(_zipf(c, "en") for c in lefts)
        # Parts English does not know at all may be rarer ("sludd" + "byger").
        part_min = PART_MIN - 0.5 if max(left_en, right_en) == 0 else PART_MIN
        if left_nb >= part_min and right_nb >= part_min and right_nb > right_en + 1:
            best = max(best, min(left_nb, right_nb) - 1.0)
        elif not _english_derivation(word) and (
            any(_rare_and_common(c, left_nb, left_en, right_nb, right_en) for c in lefts[:1])
            or any(_rare_and_common(c, right_nb, right_en, left_nb, left_en) for c in rights[:1])
        ):
            # a rarer Norwegian-only part and a common one ("utskrivnings" + "klar",
            # "byvekst" + "avtale"): no English word is made so
            best = max(best, 1.5)
        elif left_nb >= PART_MIN and right_nb >= PART_MIN and (
            any(norwegian_score(c) > 0 for c in lefts) or any(norwegian_score(c) > 0 for c in rights)
        ):
            # One part is Norwegian, the other common to both languages
            # ("kyst" + "regionen"): English would know such a word.
            best = max(best, min(left_nb, right_nb) - 1.5)
        elif depth == 0 and len(word) >= 12 and left_nb >= PART_MIN and left_en < left_nb and _zipf(word, "en") == 0:
            # three parts: a well-known first part and a compound of two after it
            # ("avlings" + "skade|ordningen", the crop damage scheme)
            inner = max((_compound_score(c, 1) for c in rights if len(c) >= 7), default=0.0)
            if inner >= 1.0:
                best = max(best, min(left_nb - 1.0, inner))
    return best


@lru_cache(maxsize=65536)
def leans_norwegian(word: str) -> bool:
    """Looser than :func:`norwegian_score`, for whole sentences: Bokmål knows
    the word clearly better than English does."""
    return _zipf(word, "nb") - _zipf(word, "en") >= 1.0 or norwegian_score(word) > 0


#: Words of Nynorsk and the dialects that only Norwegian has ("eg", "ikkje", "skikkeleg"): a
#: quote in dialect, which engines leave as it is ("– Eg e so stolt av ho", "– Ho va skikkeleg
#: snill"). With one of them, the dialect's short words that English has too ("ho", "e", "va",
#: "me", "so") lean Norwegian as well.
DIALECT_WORDS = frozenset(
    "eg ikkje ikkj itte ittj kva korleis kvifor kven berre heilt skikkeleg mykje noko nokon nokre "
    "frå sjå kjem veit trur gjer gjere seie fekk gjekk vore vere dykk dokker einaste eingong".split()
)
DIALECT_SHORT = frozenset("ho e va me so då no dei ein eit ei te å".split())


def sentence_share(text: str) -> tuple[int, int]:
    """(Norwegian-leaning words, words counted) in a sentence.

    Names are neither evidence nor counter-evidence: capitalised words after
    the first are not counted. In a sentence with a word only Nynorsk and the
    dialects have, their short words that English has too lean Norwegian."""
    tokens = [t for i, t in enumerate(_TOKEN.findall(text)) if i == 0 or not t[0].isupper()]
    low = [t.lower() for t in tokens]
    dialect = any(t in DIALECT_WORDS for t in low)
    return sum(1 for t in low if leans_norwegian(t) or (dialect and (t in DIALECT_WORDS or t in DIALECT_SHORT))), len(tokens)


def _is_norwegian_share(norwegian: int, counted: int) -> bool:
    """The one rule for "this sentence is in Norwegian" (UT001 defers to UT002 on it)."""
    return counted >= 4 and norwegian / counted >= SENTENCE_SHARE


def quote_share(text: str) -> tuple[int, int]:
    """:func:`sentence_share` of a sentence's own words: a quote without its attribution
    ("..., says Kari Lie.")."""
    said = _ATTRIBUTION.search(text)
    return sentence_share(text[: said.start()] if said else text)


def _sentence_is_norwegian(text: str) -> bool:
    return _is_norwegian_share(*quote_share(text))


#: A quote's attribution closing its sentence: ", says Kari Lie.", ", she said."
_ATTRIBUTION = re.compile(
    r",\s+(?:says|said|tells|told|adds|added|explains|laughs|smiles)\b[^,]{0,60}$|,\s+(?:he|she|they)\s+(?:says|said|adds|added)\W*$"
)


# -- the dictionary ---------------------------------------------------------


@dataclass(frozen=True)
class Dictionary:
    words: dict[str, str]
    #: Norwegian units English writes after a number ("53 øre").
    units: frozenset[str]


@cache
def dictionary() -> Dictionary:
    data = yaml.safe_load(resources.files("mtqa.data").joinpath(DICTIONARY_FILE).read_bytes())
    return Dictionary(
        {str(k).lower(): str(v) for k, v in data["words"].items()},
        frozenset(u.lower() for u in data["units"]),
    )


@cache
def glossary() -> dict[str, str]:
    """Norwegian words beyond the dictionary of senses' 8,000 lemmas -> their English
    (``data/nb_en_glossary.tsv``, then the terms of the news in
    ``data/nb_en_glossary_news.tsv``), for the suggestion where nothing else knows the word."""
    out: dict[str, str] = {}
    for name in (GLOSSARY_FILE, NEWS_GLOSSARY_FILE):
        text = resources.files("mtqa.data").joinpath(name).read_text("utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            word, _, english = line.partition("\t")
            word, english = word.strip().lower(), english.strip()
            if word and english and english != "-":
                out.setdefault(word, english)
    return out


#: (ending, what replaces it to give the base form, the form): definite
#: plural, plural, definite singular.
_INFLECTIONS = (
    ("erne", ("er",), "the-plural"),
    ("ene", ("", "e"), "the-plural"),
    ("ane", ("", "e"), "the-plural"),
    ("er", ("", "e"), "plural"),
    ("en", ("", "e"), "the"),
    ("et", ("", "e"), "the"),
    ("a", ("e", ""), "the"),
    # an -er noun's plural (samboere, lærere) and a loan verb's past participle (evakuert,
    # permittert): read off a whole word the dictionaries know as a noun or a verb, never off
    # a compound of parts ("viktigere" is no plural of a "viktiger", "nettbasert" no "netted base")
    ("ere", ("er",), "er-plural"),
    ("ert", ("ere",), "participle"),
)


#: Words after which a noun phrase's head is done: its complement follows ("level of difficulty").
_COMPLEMENT = re.compile(r" (?:of|in|with|for|on|at|to|from|by|below|above|under|over|without) ")


#: Nouns whose plural is not an -s: "man" and the compounds of it English news uses
#: ("firemen"; not "human", "German"), "child", "person".
_IRREGULAR = re.compile(
    r"(?:\b|fire|police|chair|spokes|fisher|sales|business|country|crafts|fresh|gentle|sports|lay|news|"
    r"camera|fore|weather|middle|post|gun|watch|lines|committee|council|alder|congress|"
    r"Dutch|French|English|Irish|Welsh|Scots)(?:wo)?man$"
    r"|\bchild$|\bperson$"
)


def _plural(english: str) -> str:
    if re.match(r"(?:on|in|at|to|for|by|under|over|without)\b", english, re.I):
        return english  # a prepositional phrase ("on sick leave") has no head to make plural
    complement = _COMPLEMENT.search(english)
    if complement:  # the head before its complement: "levels of difficulty", "weather warnings for the coast"
        return _plural(english[: complement.start()]) + english[complement.start() :]
    if english.endswith("-in-law"):
        return _plural(english[: -len("-in-law")]) + "-in-law"  # "brothers-in-law"
    if re.search(r"(?:\bswiss|[^e]ese)$", english, re.I):
        return english  # a people's name that is its own plural: "Swiss", "Chinese"
    if re.search(r"(?:ss|gas|bus)$", english):
        return english + "es"  # "greenhouse gases": an -s that is no plural
    if "(" in english or english.endswith("s"):
        return english
    irregular = _IRREGULAR.search(english)
    if irregular:  # "firemen", "children"
        return english[: irregular.start()] + {"child": "children", "person": "people"}.get(
            irregular.group(0), irregular.group(0)[:-2] + "en")
    if re.search(r"[^aeiou]y$", english):
        return english[:-1] + "ies"
    if re.search(r"(?:s|x|ch|sh)$", english):
        return english + "es"
    return english + "s"


_CONTENT = frozenset({"n", "v", "adj"})


def _without_the(english: str) -> str:
    """The English without its leading "the" ("the municipal council" -> "municipal council")."""
    return re.sub(r"^the\s+", "", english, flags=re.I)


#: The endings a lexicon entry's later forms add to its first: the definite singular
#: (-en, -et, -a), the plural, the definite plural; and after a first form in -e,
#: -t, -n, -r, -ne ("kommunestyre / kommunestyret").
_LISTED_INFLECTIONS = {"en": "the", "et": "the", "a": "the", "er": "plural", "ene": "the-plural"}
_LISTED_AFTER_E = {"t": "the", "n": "the", "r": "plural", "ne": "the-plural"}
#: A finite verb in an entry's English: the English of a clause around the word
#: ("extinguishing is under way"), not of the word.
_A_CLAUSE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|can|must|turned|went)\b", re.I)


@cache
def lexicon_glossary() -> dict[str, str]:
    """One-word Norwegian compounds and institutions of the idiom lexicon -> their English.

    The lexicon holds the compounds whose part-by-part English is a calque
    ("skadefryd", *injury joy*: schadenfreude), so it is asked before a compound
    is built from its parts; otherwise UT001 would suggest the very rendering the
    idiom check reports.  Read: entries of kind ``compound`` or ``institution``
    without topic cues (a wrong sense bound to a topic, "sats" as a ski jump's
    take-off, is not the word's English elsewhere), whose first expression is
    one word; an entry's English is its first expression's ("skinnjakke /
    skinnsofa": leather jacket), so only that expression and the inflections of
    it the entry lists are read ("kommunestyre / kommunestyret": municipal
    council, the municipal council).  A leading "a"/"an" is dropped (the
    suggestion replaces a word, which brings its own article); an English of
    more than five words, with a finite verb or with a slot ("<hour>") is the
    English of a longer match than the word and is not read.  Of two entries
    for one word, the first in the lexicon's order wins."""
    from mtqa import lexicons

    out: dict[str, str] = {}
    for entry in lexicons.builtin().entries:
        if entry.kind not in ("compound", "institution") or not entry.english:
            continue
        if entry.sentence or entry.before or entry.after or entry.not_sentence or entry.blocks is not None:
            continue
        forms = [f.strip().lower() for f in entry.norwegian.split(" / ")]
        english = re.sub(r"^(?:an?)\s+", "", entry.english[0].strip(), flags=re.I)
        bare = _without_the(english)
        if not forms[0].isalpha() or "<" in english or _A_CLAUSE.search(english) or len(bare.split()) > 5:
            continue
        out.setdefault(forms[0], english)
        for form in forms[1:]:
            # an inflection of the first: "kommunestyre / kommunestyret" (the municipal council)
            ending = form[len(forms[0]) :] if form.startswith(forms[0]) and form.isalpha() else ""
            inflected = _LISTED_INFLECTIONS.get(ending) or (
                _LISTED_AFTER_E.get(ending) if forms[0].endswith("e") else None
            )
            if inflected == "the":
                out.setdefault(form, "the " + bare)
            elif inflected == "plural":
                out.setdefault(form, _plural(bare))
            elif inflected == "the-plural":
                out.setdefault(form, "the " + _plural(bare))
    return out


def _english(word: str, parts_only: bool = False) -> str | None:
    """The English of one base form: the news dictionary, else the idiom
    lexicon's English for the word (:func:`lexicon_glossary`), else the usual
    sense in the dictionary of senses (``data/nb_en_senses.tsv``), else the
    glossary of the less frequent words (:func:`glossary`); as a part of a
    compound (``parts_only``) only a noun, verb or adjective of the dictionary of
    senses."""
    found = dictionary().words.get(word)
    if found:
        return found
    if not parts_only and (found := lexicon_glossary().get(word)):
        return found
    head = senses.dictionary().get(word)
    if head is None or not head.senses or head.pos in ("name", "abbr", "foreign", "bad"):
        # the glossary of the less frequent words, for a whole word only: its words
        # carry no part of speech, and as parts they make nonsense of participles
        # ("tilsvar" + "ende", reply end, for *tilsvarende*, equivalent)
        return None if parts_only else glossary().get(word)
    if parts_only and head.pos not in _CONTENT:
        return None
    return head.senses[0]


def _compound(word: str) -> str | None:
    """The English of a compound of two known parts (an optional linking s or e)."""
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        english_right = _english(right, parts_only=True)
        if not english_right:
            continue
        for part in (left, left[:-1] if left[-1] in "se" and len(left) > 3 else None):
            if part and (english_left := _english(part, parts_only=True)):
                return f"{english_left} {english_right}"
    return None


@lru_cache(maxsize=4096)
def _a_known_calque(english: str) -> bool:
    """Whether the idiom lexicon reports this English, in a plain sentence, as a
    rendering of some Norwegian expression."""
    return any(_reported_in_place(f"{before}_ there.", len(before), len(before) + 1, english, "body")
               for before in ("They saw the ", "They saw "))


def _forms(word: str) -> list[tuple[str, str | None]]:
    """The word as it stands, then its possible base forms with the form each ending marks."""
    out: list[tuple[str, str | None]] = [(word, None)]
    for ending, bases, form in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            out.extend((word[: -len(ending)] + base, form) for base in bases)
    return out


def translate(word: str) -> str | None:
    """The English of a Norwegian word: a dictionary entry for the word or, after
    that, for its base form, then a compound of two entries; None if unknown, or
    if the idiom lexicon reports that English as a calque ("kjempegod" is not
    "fight good", "minusgrader" not "minus degrees") and the glossary has no
    other (*promille*: "blood alcohol level", not "per mille"): a suggestion the
    idiom check would report is worse than "translate it"."""
    word = word.lower()
    forms = _forms(word)
    for lookup in (_english, _compound):
        for base, form in forms:
            if form == "the" and word.endswith("et") and base.endswith("e") and _a_verb(base):
                continue  # "åpnet" is the past tense of åpne (open), not "the open"
            if form == "the" and word.endswith("et") and _a_verb(word[:-2] + "e") and not senses.dictionary().get(base):
                continue  # "skuffet" is the past tense of skuffe (disappoint), not the glossary's "the drawer"
            if form in ("er-plural", "participle") and lookup is not _english:
                continue
            if form == "er-plural" and not _a_noun(base):
                continue  # "viktigere" (more important), "varmere": comparatives, no plural of a noun
            if form == "participle" and not (_a_verb(base) or (base not in senses.dictionary() and base in glossary())):
                continue  # (the glossary's words carry no part of speech; its -ere words are verbs)
            english = lookup(base)
            if not english:
                continue
            inflected = _inflected(english, form)
            if inflected is None:
                continue
            if not _a_known_calque(inflected):
                return inflected
            # the dictionary of senses' usual sense is the calque ("per mille" for
            # *promille*): the glossary's English, where it has another
            other = glossary().get(base) if lookup is _english else None
            instead = _inflected(other, form) if other and other != english else None
            if instead and not _a_known_calque(instead):
                return instead
            return None
    return _demonym(word)


#: Endings that make a place's people: "frøyværinger" (people of Frøya), "osloborgere".
_DEMONYM = re.compile(r"^(?P<stem>[a-zæøå]{3,})(?:væring|borger)(?P<end>e|er|en|ene|ne)?$")


def _demonym(word: str) -> str | None:
    """The English of a word for a place's people ("frøyværinger": "Frøya residents"): the
    place is the gazetteer's name the word begins with, else the most frequent Norwegian word
    of its stem and an ending (*Frøy-a*); None if neither is known."""
    from mtqa.names.gazetteer import gazetteer  # (loaded when first needed, as elsewhere here)

    m = _DEMONYM.match(word)
    if m is None:
        return None
    stem = m.group("stem")
    variants = [stem + tail for tail in ("", "a", "en", "e")]
    g = gazetteer()
    known = [v for v in variants if g.knows(v.capitalize())]
    best = max(known or variants, key=lambda v: zipf_frequency(v, "nb"))
    if not known and zipf_frequency(best, "nb") < 3.0:
        return None
    place = best.capitalize()
    plural = m.group("end") in ("e", "er", "ene", "ne")
    return f"{'the ' if m.group('end') in ('en', 'ene', 'ne') else ''}{place} resident{'s' if plural else ''}"


def _inflected(english: str, form: str | None) -> str | None:
    """The English of a base form put in the Norwegian word's form (plural, definite,
    past participle); None for a participle whose English has no verb to put in it."""
    if form == "participle":
        return _participle(english)
    bare = _without_the(english)
    if form in ("plural", "er-plural"):
        return _plural(bare)
    if form == "the-plural":
        return "the " + _plural(bare)
    if form == "the":
        return "the " + bare
    return english


def _participle(english: str) -> str | None:
    """The English of a verb put in its past participle, its first verb inflected
    ("temporarily lay off" -> "temporarily laid off", "evacuate" -> "evacuated");
    None where no word of it is an English verb."""
    from lemminflect import getAllLemmas, getInflection

    words = english.split()
    for k, word in enumerate(words):
        lemmas = getAllLemmas(word)
        if word.lower() in _MODALS or word not in lemmas.get("VERB", ()):
            continue  # an adverb ("temporarily"), a form already inflected ("finished"), a modal
        forms = getInflection(word, "VBN")
        if not forms:
            return None
        # the British spelling where there are two ("cancelled", "programmed"; "got", not "gotten")
        doubled = [f for f in forms if re.search(r"([^aeiou])\1ed$", f)]
        participle = "got" if forms[0] == "gotten" else (doubled or forms)[0]
        if participle == word + "ed" and re.search(r"(?:[^aeiou][aeiou]l|fuel|gram)$", word):
            participle = word + word[-1] + "ed"  # British: "fuelled", "programmed"
        return " ".join([*words[:k], participle, *words[k + 1 :]])
    return None


#: English modal verbs, no participle of which there is.
_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})


def _reported_in_place(
    sentence: str, start: int, end: int, english: str, kind: str, around: str | None = None, article: str | None = None
) -> bool:
    """Whether the idiom lexicon reports ``english`` put in place of ``sentence[start:end]``,
    with the cues as the idiom check reads them: a topic cue also in ``around`` (the
    sentences before), an article cue anywhere in ``article`` (the document's
    :meth:`~mtqa.model.Document.article_text`) and the sentence so changed; None: the
    sentence alone."""
    from mtqa import lexicons

    text = sentence[:start] + english + sentence[end:]
    stop = start + len(english)
    document = None if article is None else f"{article}\n{text}"
    for entry, only in lexicons.builtin().candidate_renderings(text):
        if any(m.start() < stop and m.end() > start for m in entry.iter_matches(text, kind, around, only, document)):
            return True
    return False


def _a_noun(word: str) -> bool:
    """Whether the dictionary of senses has the word as a noun."""
    head = senses.dictionary().get(word)
    return head is not None and head.pos == "n"


def _a_verb(word: str) -> bool:
    """Whether the dictionary of senses has the word as a verb (its -et form is a past tense)."""
    head = senses.dictionary().get(word)
    return head is not None and head.pos == "v"


# -- institutions (UT004) ---------------------------------------------------


@dataclass(frozen=True)
class Institution:
    name: str
    english: str
    pattern: re.Pattern[str]
    #: The institution's Norwegian name, the same for its short form: one finding an article.
    key: str = ""

    @property
    def english_core(self) -> str:
        """The English name without its article and parenthesis, for finding it in a text."""
        core = re.sub(r"\s*\(.*?\)", "", self.english)
        return _without_the(core)


@cache
def institutions() -> tuple[Institution, ...]:
    data = yaml.safe_load(resources.files("mtqa.data").joinpath(INSTITUTIONS_FILE).read_bytes())
    out = []
    for entry in data["institutions"]:
        names = [entry["name"], *entry.get("forms", ())]
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        out.append(Institution(entry["name"], entry["english"], re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
        short = entry.get("abbreviations") or ()
        if short:
            forms = "|".join(re.escape(a) for a in short)
            out.append(
                Institution(f"{entry['name']} ({short[0]})", entry["english"], re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])"),
                            entry["name"])
            )
    return tuple(out)


# -- glosses ------------------------------------------------------------------

#: Finite verbs: words after a comma that hold one are the sentence's own clause, not an
#: apposition glossing the Norwegian before it ("In the spillergruppa, the news was received").
_FINITE = frozenset("was were is are has have had".split())
#: Modal verbs: after "the"/"a" and a word or two they make a clause, no gloss ("According to
#: Vegvesenet, a car may have to pay ...").
_MODALS = frozenset("may might can could will would shall should must".split())
#: A gloss right after the Norwegian words: "(...)", ", or ...", ", the ...",
#: " – 'gloss'", " means ...".
_GLOSS_AFTER = re.compile(
    r"""^["”’'»]?(?:
        \s*\(
      | \s*,\s*(?:or|i\.e\.|that\s+is|meaning|which\s+means|literally|roughly|short\s+for|known\s+as
                 |which\s+(?:roughly\s+|loosely\s+)?translates)\b
        (?![^,.;]*\b(?:said|says|told|tells|added|adds|according|confirmed|confirms|warned|warns|reported|reports)\b)
      | \s*,\s*(?:a|an|the|our|their|his|her|my|its)\b
        (?![^,.;]*\b(?:said|says|told|tells|added|adds|according|confirmed|confirms|warned|warns|reported|reports)\b)
        # a noun phrase, not the sentence's own clause: no finite verb right after its
        # first word or two ("In the spillergruppa, the news was received ..." is no gloss;
        # "their hytte, a cabin most Norwegians have ..." is one)
        (?!\s*(?:[^\W\d_]+\s+){1,2}(?:""" + "|".join(sorted(_FINITE)) + r""")\b)
        (?!\s*(?:(?!(?:that|which|who)\b)[^\W\d_]+\s+){1,2}(?:""" + "|".join(sorted(_MODALS)) + r""")\b)
      | \s*,\s*(?-i:[A-ZÆØÅ][\w-]*)['’]s\s(?![^,.;]*\b(?:said|says|told|tells|added|adds|according|confirmed|confirms)\b)
      | \s*,\s*(?:using|to\s+use|in)\s+the\s+(?:norwegian|local|sámi)\s+(?:word|term|expression|name)\b
      | \s*,\s*as\s+(?:norwegians|locals|the\s+norwegians|it\s+is|they\s+are|people(?:\s+here)?|they|we)\s+(?:call|calls|know|known|say|put\s+it)\b
      | \s*,\s*as\s+(?:the\s+)?(?:people|islanders|locals|residents|inhabitants|villagers|townspeople)(?:\s+(?:of|from|in)\s+[^\W\d_]+)?\s+call\s+themselves\b
      | \s*,\s*which\s+is\s+what\s+(?:the\s+)?(?:people|islanders|locals|residents|inhabitants)\b
      | \s*[–—-]\s*["“‘'«]
      | \s+(?:means|meaning|literally\s+means|is\s+(?:the\s+)?norwegian\s+for|translates\s+(?:as|to))\b
    )""",
    re.X | re.I,
)
#: What introduces a Norwegian term before it: "known as", "called a", "the
#: word", "defines", ", or", "(".
_GLOSS_BEFORE = re.compile(
    r"""(?:
        \b(?:known\s+as|called|so-called|dubbed|termed|referred\s+to\s+as|norwegian\s+for
           |(?:known|called|referred\s+to)\s+in\s+(?:norwegian|nynorsk|bokmål|sámi|northern\s+sámi|kven)\s+as
           |the\s+(?:norwegian\s+)?(?:word|term|expression|concept|phrase|tradition)
           |defines?|calls?\s+(?:it|this|that|them))\s+(?:(?:the|a|an|(?-i:[A-ZÆØÅ]{2,5}))\s+){0,2}
      | ,\s*or\s+
      | \(\s*
    )["“‘'«]?$""",
    re.X | re.I,
)
#: A descriptive head noun before a Norwegian name: "the marine research
#: agency Havforskningsinstituttet" (for institution names only: before a
#: common word it glosses nothing).
_HEAD_NOUN_BEFORE = re.compile(
    r"\b(?:agency|authority|institute|directorate|ministry|parliament|council|board|service|office"
    r"|party|court|organi[sz]ation|association|union|body|watchdog|regulator|broadcaster|newspaper)\s+$",
    re.I,
)
#: A quoted Norwegian name set off by commas: "their own app, “politiloggen”, which".
_QUOTED_BEFORE = re.compile(r",\s*[\"“‘'«]$")
_QUOTED_AFTER = re.compile(r"^[\"”’'»]\s*,")
#: An English apposition after a comma ("kaffe og kaker, coffee and cakes."):
#: a few English words that end the clause.
_APPOSITION = re.compile(r"^[\"”’'»]?\s*(?:,|\s[–—-])\s*[\"“‘'«]?([^,.;:()–—!?\"”’]{2,60})[\"”’']?\s*(?:[.;:)–—]|$)")
_CLAUSE_WORDS = frozenset(
    "but and so which who whom whose that when while because if as though although since "
    "where then he she it they we you i there this these those says said".split()
)
#: A photo or source credit: the names after it are names.
_CREDIT = re.compile(
    r"\b(?:photo|foto|photograph|image|illustration|credit|source|kilde|video|graphics?)s?\s*:\s*[^.!?()\n]*", re.I
)
#: A dateline in capitals: "LILLEHAMMER (Dagbladet):", "BERGEN – ".
_DATELINE_AFTER = re.compile(r"^\s*(?:\(|[–—-]\s)")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


#: An English apposition set off by commas, or closing the sentence ("Ribbe, roast pork belly
#: with a layer of crackling, has ...", "the rorbuer, the fishermen's cabins on stilts."): a noun
#: phrase of English words, no verb of saying in it ("the hytte, the police said, ...").
_APPOSITION_COMMAS = re.compile(r"^[\"”’'»]?\s*,\s*([^,.;:()–—!?\"”’]{2,80})(?:,|\.(?:\s|$))")
_SAYING = frozenset(
    "said says say told tells according reported reports writes wrote added adds warn warns warned "
    "predict predicts predicted expect expects expected believe believes believed think thinks thought "
    "confirmed confirms explained explains insisted insists".split()
)


def _english_words(words: list[str], zipf: float = 3.0) -> bool:
    return all(not leans_norwegian(w.lower()) and _zipf(w.lower(), "en") >= zipf for w in words)


def _english_apposition(after: str) -> bool:
    """Whether ``after`` opens with an English apposition: a short one that ends the clause,
    or a longer noun phrase set off by commas (rarer English words allowed)."""
    for pattern, fewest, most, zipf in ((_APPOSITION, 1, 6, 3.0), (_APPOSITION_COMMAS, 2, 12, 2.5)):
        m = pattern.match(after)
        if m is None:
            continue
        words = _TOKEN.findall(m.group(1))
        if (
            fewest <= len(words) <= most
            and words[0].lower() not in _CLAUSE_WORDS
            and not any(w.lower() in _SAYING for w in words)
            and not any(w.lower() in _FINITE for w in words[1:3])
            and _english_words(words, zipf)
        ):
            return True
    return False


#: A definition whose subject is the Norwegian word with an indefinite article: "A hytte
#: is a holiday cabin", "(A hytte, for readers outside Norway, is the holiday cabin ...)";
#: not "The hytte was a total loss".
_DEFINED_BEFORE = re.compile(r"""(?:^|[(“"‘'«])\s*(?:a|an)\s+["“‘'«]?$""", re.I)
_DEFINED_AFTER = re.compile(r"""^["”’'»]?(?:\s*,[^,.;()]{1,60},)?\s+is\s+(?:a|an|the|what)\b""", re.I)
#: ... or with "the", opening the sentence, and said to be a kind of thing: "The oselvar is a
#: traditional wooden boat" (not "The hytte is a total loss", nor "The kommune is the owner").
_DEFINED_THE_BEFORE = re.compile(r"""^\W*the\s+["“‘'«]?$""", re.I)
_DEFINED_THE_AFTER = re.compile(
    r"""^["”’'»]?\s+is\s+(?:a|an)\s+(?:(?:traditional|typical|type|kind|sort|form|variety|local|small|large|long|short"""
    r"""|flat|thin|thick|sweet|soft|hard|dark|light|wooden|open|old|classic|special|particular)\b|(?:[^\W\d_]+\s+){0,2}"""
    r"""(?:of|made|built|used|eaten|served|worn|sung|played|found)\b)""",
    re.I,
)


#: An English noun phrase before, the Norwegian word closing it: "a great deal of national
#: costume, the bunad."
_APPOSED_BEFORE = re.compile(
    r"\b(?:the|a|an|of|some|its|their|traditional|national)\s+(?!(?:was|is|were|are|has|had|have|been|be)\b)"
    r"(?:[^\W\d_]+\s+(?!(?:was|is|were|are|has|had|have|been|be)\b)){0,2}[^\W\d_]{3,},\s+(?:the|a|an)\s+$",
    re.I,
)
_CLAUSE_END = re.compile(r"^[\"”’'»]?\s*(?:[.;:!?)]|$)")


def _glossed(before: str, after: str) -> bool:
    """Whether the Norwegian words between ``before`` and ``after`` are glossed."""
    return bool(
        _GLOSS_AFTER.match(after)
        or (_APPOSED_BEFORE.search(before) and _CLAUSE_END.match(after))
        or (_DEFINED_BEFORE.search(before) and _DEFINED_AFTER.match(after))
        or (_DEFINED_THE_BEFORE.search(before) and _DEFINED_THE_AFTER.match(after))
        or _GLOSS_BEFORE.search(before)
        or (_QUOTED_BEFORE.search(before) and _QUOTED_AFTER.match(after))
        or (_english_apposition(after) and not _main_clause_after(before, after))
    )


#: An opening subordinate clause not yet closed: the comma after the Norwegian word that
#: ends it starts the main clause, no apposition ("When she went out from the standplass,
#: Norway lay in sixth place").
_OPENING_CLAUSE = re.compile(
    r"^\W*(?:when|after|before|if|because|although|while|since|until|whenever|unless)\b[^,;:]*$",
    re.I,
)
#: ... and a main clause after the comma opens with a capitalised subject, not a gloss
#: ("When the rakfisk, fermented trout, is served" keeps its gloss).
_MAIN_SUBJECT = re.compile(r"^\s*,\s*[A-ZÆØÅ]\w*(?!['’])\b(?!\s*,)")


def _main_clause_after(before: str, after: str) -> bool:
    """Whether ``after`` is the main clause after an opening subordinate clause that
    ``before`` holds: a comma, then a capitalised subject."""
    return bool(_OPENING_CLAUSE.search(before) and _MAIN_SUBJECT.match(after))


def glossed_norwegian(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one Norwegian word that the text glosses where it
    stands, in brackets, after "known as" and the like, or with an English apposition
    ("the old rorbuer, the traditional fishermen's cabins, ..."): the lexicon's checks
    leave it, as UT001 does (a comma and "the" alone are no gloss here: "There will be
    sludd, the forecasters warn")."""
    word = text[start:end]
    before, after = text[:start], text[end:]
    return (
        _TOKEN.fullmatch(word) is not None
        and norwegian_score(word.lower()) > 0
        and bool(
            re.match(r"\s*\(", after)
            or _GLOSS_BEFORE.search(before)
            or (_english_apposition(after) and not _main_clause_after(before, after))
            or _WORD_FOR.search(text)
        )
    )


def _stem(word: str) -> str:
    """``word`` without an inflection ending, for matching glossed words to later uses."""
    for ending in ("erne", "ene", "ane", "er", "en", "et", "a", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


# -- finding the words --------------------------------------------------------


@dataclass(frozen=True)
class NorwegianWord:
    """A Norwegian word of a sentence, offsets relative to the sentence."""

    start: int
    end: int
    word: str
    #: The form looked up (lower case, stretched letters undone).
    lookup: str
    score: float
    capitalised: bool
    #: Set for the Norwegian part of a half-translated name ("Sør" of "Sør-West"):
    #: that part in English, capitalised ("Sør" -> "South"), to put in its place.
    half: str | None = None


@dataclass(frozen=True)
class _Context:
    """What the article as a whole says about its words."""

    #: Capitalised words seen inside a sentence: names.
    names: frozenset[str]
    #: Words seen in lower case.
    lowercase: frozenset[str]
    #: Spans (document offsets) where words are names: credits, institutions;
    #: sorted and merged where they overlap, so that a lookup is a binary search.
    name_spans: tuple[tuple[int, int], ...]

    def in_name_span(self, offset: int) -> bool:
        i = bisect.bisect_right(self.name_spans, (offset, math.inf)) - 1
        return i >= 0 and offset < self.name_spans[i][1]


def _lookup_form(word: str) -> tuple[str, float]:
    """The lower-case form to judge and its score; stretched letters ("noooen")
    are undone first."""
    lower = word.lower()
    score = norwegian_score(lower)
    if score == 0 and _STRETCHED.search(lower):
        for repl in (r"\1", r"\1\1"):
            plain = _STRETCHED.sub(repl, lower)
            if norwegian_score(plain) > 0:
                return plain, norwegian_score(plain)
    return lower, score


def _norwegian_tail(word: str) -> str | None:
    """The lower-case last part of a hyphenated name when it is a Norwegian word English
    does not know ("Grand Slam-turnering", "Konnerud-jenta", "Oslo-politiet"), else None;
    not an English one ("Oslo-based", "Bergen-born")."""
    first, _, last = word.rpartition("-")
    if not first or not last[:1].islower() or len(last) < 4:
        return None
    return last if norwegian_score(last) >= 2.0 and _zipf(last, "en") < 1.5 else None


def _half_translated(word: str) -> tuple[str, str | None] | None:
    """A hyphenated name with a Norwegian first part and an English last one
    ("Sør-West"): the Norwegian part, and that part in English, capitalised,
    if the dictionary knows it (the finding's span is the part, so its
    suggestion is too: "South", which makes "South-West" in place).  A lower-case last part makes an English compound
    of a name ("the Fornebu-based group", "Bergen-born"), not a name half translated."""
    parts = word.split("-")
    if len(parts) < 2 or not parts[-1][:1].isupper():
        return None
    first, last = parts[0].lower(), parts[-1].lower()
    if norwegian_score(first) > 0 and _zipf(last, "en") >= 4.0 and not leans_norwegian(last):
        english = translate(first)
        return parts[0], english[:1].upper() + english[1:] if english else None
    return None


def _title_case_headlines(doc: Document) -> frozenset[int]:
    """The blocks that are a title or heading written in Title Case (kept on the document)."""
    return doc.memo(
        "untranslated.title_case",
        lambda d: frozenset(
            n
            for n, b in enumerate(d.blocks)
            if b.kind in (BlockKind.TITLE, BlockKind.HEADING) and title_case_block(d.text[b.start : b.end])
        ),
    )


def _context(doc: Document) -> _Context:
    names: set[str] = set()
    lowercase: set[str] = set()
    headlines = _title_case_headlines(doc)
    for sentence in doc.text_sentences():
        text = doc.text[sentence.start : sentence.end]
        # a headline in Title Case capitalises every word: its capitals name no one
        headline = sentence.block in headlines
        for i, m in enumerate(_TOKEN.finditer(text)):
            word = m.group(0)
            if word[0].islower():
                lowercase.add(word.lower())
            elif i > 0 and not headline and not _after_opening(text, m.start()):
                names.add(word.lower())
    spans = [(m.start(), m.end()) for m in _CREDIT.finditer(doc.text)]
    spans += [(m.start(), m.end()) for inst in institutions() for m in inst.pattern.finditer(doc.text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return _Context(frozenset(names), frozenset(lowercase), tuple(merged))


def _after_opening(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens its text, opens a quotation or follows a
    label's colon or a dash and a space (looking back over spaces only: a regex
    anchored at the end would rescan the text before it for every word)."""
    i = at
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or text[i - 1] in ":“\"«‘":
        return True
    return text[i - 1] in "–—" and i < at


#: A short quotation that opens with a capital: the title of a work or a
#: programme ("Hver gang vi møtes"), a name.
_QUOTED_TITLE = re.compile(r"[“\"«‘]([A-ZÆØÅ][^”\"»’\n]{0,60})[”\"»’]|(?<!\w)'([A-ZÆØÅ][^'\n]{0,60})'(?!\w)")


#: What names a quoted saying or title before it: "the words to", "the oath", "a song called".
_NAMED_BEFORE = re.compile(
    r"\b(?:words\s+to|titled|entitled|called|named|song|anthem|hymn|oath|motto|slogan|saying|proverb|"
    r"phrase|expression|refrain|chorus|poem|book|film|series|show|play|novel|album)\b[^.!?\"“”«»]{0,20}$",
    re.IGNORECASE,
)


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """The spans of the quoted Norwegian titles and sayings in ``text``: a short one
    that opens with a Norwegian word ("«Skam»"), or one of three words or more, most
    of them Norwegian, that the text names or glosses (the words to 'Ja, vi elsker',
    the oath, "Enige og tro til Dovre faller", ...): quoted as Norwegian on purpose.
    Quoted Norwegian speech with neither is a translation left undone."""
    spans = []
    for m in _QUOTED_TITLE.finditer(text):
        group = 1 if m.group(1) is not None else 2
        title = m.group(group)
        words = [w.lower() for w in _TOKEN.findall(title)]
        if not words:
            continue
        short = len(title.split()) <= 4 and leans_norwegian(words[0])
        saying = (
            3 <= len(words) <= 10
            and 2 * sum(leans_norwegian(w) for w in words) > len(words)
            and (_NAMED_BEFORE.search(text, 0, m.start()) is not None or _glossed("", text[m.end() :]))
        )
        if short or saying:
            spans.append((m.start(group), m.end(group)))
    return spans


def _first_name(word: str) -> bool:
    from mtqa.names.lexicon import words

    return words().is_first_name(word)


def _is_name(word: str, lookup: str, text: str, end: int, ctx: _Context) -> bool:
    """Evidence in the article that a capitalised word is a name, or a name the gazetteer
    lists as a whole ("Glimt", the club, opening a headline)."""
    from mtqa.names.gazetteer import gazetteer

    if lookup in ctx.names or _first_name(lookup) or word in gazetteer().names("club", "place", "outlet"):
        return True
    nxt = re.match(r"\s+([^\W\d_]+)", text[end:])
    return bool(nxt and nxt.group(1)[0].isupper() and not nxt.group(1).isupper())


def _common_word(lookup: str, label: bool, ctx: _Context) -> bool:
    """Evidence that a capitalised Norwegian word is a common word, not a name.

    A caption label in capitals ("SYKEHUS: ...") is a common word more often
    than not: any Norwegian word that other languages do not know will do."""
    if lookup in ctx.lowercase or (_COMMON_ENDING.search(lookup) and len(lookup) >= 6):
        return True
    nb = _zipf(lookup, "nb")
    foreign = max(_zipf(lookup, lang) for lang in _FOREIGN)
    return nb >= CAPITALISED_NB_ALWAYS or ((label or nb >= CAPITALISED_NB_MIN) and foreign < 1.0)


def _capitalised(
    text: str, m: re.Match[str], initial: bool, dateline: bool, ctx: _Context
) -> NorwegianWord | None:
    """A capitalised word, when it is a Norwegian common word or a
    half-translated name; None for names, acronyms and datelines."""
    word, start, end = m.group(0), m.start(), m.end()
    lookup, score = _lookup_form(word)
    label = bool(word.isupper() and initial and re.match(r"\s*:", text[end:]) and re.search("[AEIOUYÆØÅ]", word))
    if word.isupper():
        if (len(word) <= ACRONYM_MAX and not label) or (dateline and _DATELINE_AFTER.match(text[end:])):
            return None  # an acronym, a dateline
    elif "-" in word:
        tail = _norwegian_tail(word)
        if tail is not None and not text[:start].rstrip().endswith("("):
            # ("an agreement on a more inclusive working life (IA-avtalen)": the name glossed)
            # "a Grand Slam-turnering", "the Konnerud-jenta": a name joined to a Norwegian
            # word, as Norwegian joins them; the word is left untranslated
            at = start + len(word) - len(tail)
            return NorwegianWord(at, start + len(word), tail, tail, norwegian_score(tail), False)
        half = _half_translated(word)
        if half is None:
            return None
        part, english = half
        return NorwegianWord(start, start + len(part), part, part.lower(), norwegian_score(part.lower()), True, english)
    elif not initial:
        return None  # a name
    if score > 0 and NORWEGIAN_ROLE.match(lookup) and not _first_name(lookup) and lookup not in ctx.names:
        # "Sentralbanksjef Ida Wolden Bache": a Norwegian title before the name, not a name
        return NorwegianWord(start, end, word, lookup, score, True)
    if score > 0 and not _is_name(word, lookup, text, end, ctx) and _common_word(lookup, label, ctx):
        return NorwegianWord(start, end, word, lookup, score, True)
    if score > 0 and label and _norwegian_label(lookup) and not _known_place(word.capitalize()):
        # "SYK: Eirik Nordvik must rest ...": a caption's label, before the caption's own name
        return NorwegianWord(start, end, word, lookup, score, True)
    return None


def _known_place(name: str) -> bool:
    from mtqa.names.gazetteer import gazetteer  # (loaded when first needed, as elsewhere here)

    return gazetteer().knows(name)


def _norwegian_label(lookup: str) -> bool:
    """Whether a caption label's word is Norwegian by far ("syk", "knust"; not "update", "watch",
    "live"): frequent in Norwegian, rare in English (the caller leaves out places: "HAMAR:")."""
    nb, en = _zipf(lookup, "nb"), _zipf(lookup, "en")
    return nb >= 3.5 and nb - en >= 2.0


#: A Norwegian word in a photo credit ("Photo: Privat", "Foto: NTB / Skjermdump"), and its English.
_CREDIT_WORDS = {
    "privat": "private", "skjermdump": "screenshot", "skjermbilde": "screenshot", "arkiv": "archive",
    "ukjent": "unknown", "faksimile": "facsimile", "illustrasjon": "illustration",
}
_CREDIT_WORD = re.compile(
    # not a credit quoted to explain it ('what "Foto: Privat" means')
    r"(?<![“\"'‘«])\b(?:Photo|Foto|Photograph|Picture|Image|Illustration|Video)s?\s*:\s*(?:[^\n/:]{0,60}/\s*)?("
    + "|".join(w.capitalize() + "|" + w for w in _CREDIT_WORDS) + r")\b(?![\w-])(?![ \t]+[A-ZÆØÅ])"
)
#: Norwegian generic nouns after a place's name that an engine leaves ("Kristiansand sentrum").
_PLACE_GENERIC = frozenset({"sentrum", "sentrumet"})
#: What a place's court, hospital or council is ("Hordaland tingrett", "Haukeland
#: universitetssjukehus", "Bergen kommune"): English news names it in English (Hordaland
#: District Court), so the word is left untranslated after any name, not part of it.
_INSTITUTION_TYPES = frozenset(
    f"{head}{ending}"
    for head, endings in (
        ("tingrett", ("", "en")), ("lagmannsrett", ("", "en")), ("sykehus", ("", "et")), ("sjukehus", ("", "et")),
        ("universitetssykehus", ("", "et")), ("universitetssjukehus", ("", "et")), ("kommune", ("", "n")),
        ("fylkeskommune", ("", "n")), ("politidistrikt", ("", "et")), ("legevakt", ("", "a", "en")),
        ("brannvesen", ("", "et")), ("fengsel", ("", "et")),
    )
    for ending in endings
)


#: Norwegian abbreviations with dots ("f.eks.", "osv."): the lexicon reports them
#: whole, with their English; their letters are no untranslated word of their own.
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:f\.\s?eks|bl\.\s?a|bl\.\s?annet|p\.\s?t|m\.\s?m|o\.\s?l|m\.\s?fl|f\.\s?o\.\s?m|t\.\s?o\.\s?m|"
    r"dvs|osv|mht|evt|pga|iht|ift|vha)\.",
    re.IGNORECASE,
)


#: A web address or a domain ("helsenorge.no", "www.vegvesen.no/trafikk"): no word to translate.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:no|com|org|net|se|dk|eu|info|io)\b(?:/\S*)?", re.I)


def _candidates(
    text: str, offset: int, block_start: bool, ctx: _Context, headline: bool = False
) -> list[NorwegianWord]:
    """The Norwegian words of one sentence that are neither names nor units.
    ``headline``: the sentence is a title or heading in Title Case, whose capitals say
    nothing: a capitalised word the article writes in lower case elsewhere is read as
    that word; any other stays a name, as inside a sentence."""
    out: list[NorwegianWord] = []
    name_head = 0  # lower-case words that may still continue a Norwegian name
    previous_end = 0
    left_alone = (
        _quoted_titles(text)
        + [(m.start(), m.end()) for m in _ABBREVIATION.finditer(text)]
        + [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    )
    for i, m in enumerate(_TOKEN.finditer(text)):
        word, start = m.group(0), m.start()
        gap = text[previous_end:start]
        previous_end = m.end()
        if ctx.in_name_span(offset + start) or any(s <= start < e for s, e in left_alone):
            name_head = 0
            continue
        lookup, score = _lookup_form(word)
        if word[0].isupper() and not (headline and not word.isupper() and word.lower() in ctx.lowercase):
            # (in a headline in Title Case, a word the article writes in lower case is read
            # as the article writes it: "Arrested for Promille Driving" beside "had promille")
            # A Norwegian word opens a Norwegian name ("Godt brød", "Statens vegvesen").
            name_head = 3 if score > 0 and _zipf(lookup, "nb") >= NB_MIN else 0
            initial = i == 0 or _after_opening(text, start)
            found = _capitalised(text, m, initial, block_start and i == 0, ctx)
            if found is not None:
                out.append(found)
        elif name_head and re.fullmatch(r"\s+|-\s+", gap) and leans_norwegian(lookup) and not (
            (lookup in _PLACE_GENERIC and _a_place(text[: start - len(gap)])) or lookup in _INSTITUTION_TYPES
        ):
            name_head -= 1  # "Godt brød", "Troms og Finnmark", "Statens vegvesen"
        else:
            name_head = 0
            unit = lookup in dictionary().units and re.search(r"\d\s*$", text[:start])
            if score > 0 and not unit:
                out.append(NorwegianWord(start, m.end(), word, lookup, score, False))
    return out


def _a_place(before: str) -> bool:
    """Whether ``before`` ends with a place of the gazetteer ("Kiosk robbed in Kristiansand")."""
    from mtqa.names.gazetteer import gazetteer

    m = re.search(r"([A-ZÆØÅ][\w-]+)$", before)
    return m is not None and m.group(1) in gazetteer().names("place", "county")


def _runs(words: list[NorwegianWord], text: str) -> list[list[NorwegianWord]]:
    """Norwegian words next to each other (a phrase left in: "kaffe og kaker")."""
    runs: list[list[NorwegianWord]] = []
    for w in words:
        if runs:
            gap = text[runs[-1][-1].end : w.start]
            if re.fullmatch(r"\s*,?\s*(?:[^\W\d_]{1,3}\s+|og\s+|som\s+)*", gap):
                runs[-1].append(w)
                continue
        runs.append([w])
    return runs


#: The word after a Norwegian run, and what follows it.
_NEXT_WORD = re.compile(r"^(\s+([^\W\d_]+))(?=\s*,)")


def _past_norwegian_word(after: str) -> str:
    """``after``, past its first word where that word is a common Bokmål word spelt like an
    English one (but more common in Bokmål) and a comma follows: the gloss of "sju slag,
    seven kinds" stands after "slag" (English "slag" keeps it from being a candidate of its
    own; not "the kvalik place, with seven rounds left")."""
    m = _NEXT_WORD.match(after)
    word = m.group(2).lower() if m else ""
    if m and _zipf(word, "nb") >= 3.5 and _zipf(word, "nb") > _zipf(word, "en") and not _glossed("", after):
        return after[m.end(1) :]
    return after


_WORD_FOR = re.compile(
    r"\bthe\s+(?:(?:norwegian|sámi|local)\s+(?:word|term|expression|name)\s+for"
    r"|(?:word|term|expression|name)\s+(?:that\s+)?(?:norwegians|locals|the\s+locals)\s+(?:give|use|have)\s+(?:to|for))\b",
    re.IGNORECASE,
)


def norwegian_words(doc: Document) -> list[tuple[int, NorwegianWord]]:
    """(sentence start, word) of every Norwegian word of the article's text that
    is neither a name nor glossed (kept on the document: UT006 asks for them too)."""
    return doc.memo("untranslated.words", _norwegian_words)


def _norwegian_words(doc: Document) -> list[tuple[int, NorwegianWord]]:
    ctx = _context(doc)
    found: list[tuple[int, NorwegianWord]] = []
    glossed: set[str] = set()
    headlines = _title_case_headlines(doc)
    for sentence in doc.text_sentences():
        text = doc.text[sentence.start : sentence.end]
        if _sentence_is_norwegian(text):
            continue  # UT002 reports the whole sentence
        block_start = doc.blocks[sentence.block].start == sentence.start
        words = _candidates(text, sentence.start, block_start, ctx, sentence.block in headlines)
        # a word glossed where it is no candidate (capitalised at the sentence's start:
        # "Ribbe, roast pork belly with ..., has") is glossed for the rest of the article
        for m in _TOKEN.finditer(text):
            low = m.group(0).lower()
            if m.group(0)[0].isupper() and norwegian_score(low) > 0 and _glossed(text[: m.start()], text[m.end() :]):
                glossed.add(_stem(low))
        runs = _runs(words, text)
        # "'It's a bit of a dugnad,' she said, using the Norwegian word for communal work":
        # the sentence glosses its one Norwegian word, wherever the gloss stands
        named = len(runs) == 1 and _WORD_FOR.search(text) is not None
        for run in runs:
            if named or _glossed(text[: run[0].start], _past_norwegian_word(text[run[-1].end :])):
                glossed.update(_stem(w.lookup) for w in run)
            else:
                found.extend((sentence.start, w) for w in run)
    return [(at, w) for at, w in found if not any(stem in w.lookup for stem in glossed)]


class UntranslatedWord(Check):
    """A Norwegian word left untranslated in the English text.

    Capitalised words count too when they are Norwegian common words (at the
    start of a sentence, in a caption label in capitals); names, acronyms and
    words glossed in the article do not.  The suggestion is the English word
    where the dictionary knows it, unless, put in the word's place, it is a
    rendering the idiom lexicon reports in that sentence ("the government
    strengths" among troops for *regjeringsstyrkene*): then "translate it".
    In an article about sport (two words of sport or more), the Norwegian
    abbreviations of championships (VM, EM, NM, OL, alone or in a compound: "the
    VM squad", "OL-gull") are reported too, with their English ("World
    Championship", "Olympic gold"); not after a number ("two NM", but "three OL
    gold medals"), as a US state ("Albuquerque, NM,") or glossed in brackets.
    So are the abbreviations that stand before a number: "kl. 02.30" (at 02.30),
    "fv. 303" (county road 303), "rv. 25" (national road 25), and the Norwegian
    words of a photo credit ("Photo: Privat", private).  A Norwegian profession
    before a name is a word ("Regissør Silje Nordvik"), and so is "sentrum" after a
    place ("Kristiansand sentrum", the city centre).

    Flags:
    - The statsforvalter has asked the municipality to explain the decision.
    - The council said the plan was ikke ready yet.
    - Røykdykkerne found the fire in the basement.
    - The police sent a message on Twitter, NRK reports, and farevarsel was issued.
    - The car was stopped on fv. 303 just before kl. 02.30.
    - The kiosk was closed on Saturday morning. Photo: Privat
    - A kiosk was robbed in Kristiansand sentrum on Friday.

    Allows:
    - The council sent the plan to the county governor in Oslo.
    - Norwegians call it "dugnad", voluntary work done together.
    - Ole Gunnar Solskjær was sacked by Manchester United on Sunday.
    - Many Norwegians spend the summer at their hytte, or cabin, by the sea.
    - The fishermen landed tonnes of skrei, the migrating Arctic cod, in Lofoten.
    - The whole street joined the dugnad (voluntary communal work) on Saturday.
    - NRK and VGTV broadcast the match, NTB reports.
    """

    code = "UT001"
    name = "untranslated-word"
    family = "untranslated"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        ordered = doc.text_sentences()
        sentences = {s.start: (n, s) for n, s in enumerate(ordered)}
        article = doc.article_text()
        for at, w in norwegian_words(doc):
            english = w.half or translate(w.lookup)
            if english and w.word[0].isupper() and not w.half:
                english = english[0].upper() + english[1:]
            if english and not w.half and (found := sentences.get(at)) is not None:
                n, sentence = found
                kind = doc.blocks[sentence.block].kind.value
                around = doc.topic_window(ordered, n)
                text = doc.text[sentence.start : sentence.end]
                if _reported_in_place(text, w.start, w.end, english, kind, around, article):
                    english = None
            what = "half translated: " if w.half else ""
            yield self.finding(
                doc,
                at + w.start,
                at + w.end,
                f"{what}'{w.word}' is Norwegian, left untranslated",
                suggestion=english or "translate it",
                confidence=min(0.95, 0.5 + w.score / 10) - (0.1 if w.capitalised else 0.0),
            )
        yield from self._championships(doc, ordered, article)
        yield from self._acronyms(doc, ordered, article)
        yield from self._dialect_i(doc, ordered)
        yield from self._before_a_number(doc, ordered)
        yield from self._in_a_credit(doc)

    def _in_a_credit(self, doc: Document) -> Iterable[Finding]:
        """A Norwegian word of a photo credit: "Photo: Privat" (private), "Foto: NTB /
        Skjermdump" (screenshot); the credit's names are names, these words are not."""
        for m in _CREDIT_WORD.finditer(doc.text):
            word = m.group(1)
            english = _CREDIT_WORDS[word.lower()]
            yield self.finding(
                doc,
                m.start(1),
                m.end(1),
                f"'{word}' in the photo credit is Norwegian, left untranslated",
                suggestion=english.capitalize() if word[0].isupper() else english,
                confidence=0.75,
            )

    def _before_a_number(self, doc: Document, ordered: list) -> Iterable[Finding]:
        """Norwegian abbreviations that stand before a number: "kl. 02.30" (klokken, at),
        "fv. 303" (fylkesvei, county road), "rv. 25" (riksvei, national road)."""
        # by block: a sentence splitter may end a sentence at "kl."
        for block in dict.fromkeys(doc.blocks[sentence.block] for sentence in ordered):
            text = doc.text[block.start : block.end]
            for m in _BEFORE_NUMBER.finditer(text):
                word = m.group(1)
                spelled, english = _NUMBERED[word.lower()]
                number = m.group(2)
                if word.lower() == "kl":
                    # "at kl. 02.30", "just before kl. 02.30": the preposition is there already;
                    # the time as English news writes it ("kl. 21" -> "9 pm")
                    hour, _, minute = number.replace(":", ".").partition(".")
                    after = text[m.end(2) : m.end(2) + 40]
                    # (not a range cut in half, "kl. 21-23", nor a time the text gives its half of
                    # the day: "kl. 6 pm")
                    kept = re.match(r"\s*(?:[-–]\s*\d|[ap]\.?m\b)", after, re.IGNORECASE)
                    time = number if kept else clock_time(hour, minute or None, after) or number
                    preposition = _PREPOSITION_END.search(text, max(0, m.start() - 12), m.start())
                    suggestion = time if preposition else f"at {time}"
                else:
                    suggestion = f"{english} {number}"
                if word[0].isupper() and suggestion[:1].isalpha():
                    suggestion = suggestion[0].upper() + suggestion[1:]
                yield self.finding(
                    doc,
                    block.start + m.start(),
                    block.start + m.end(2),
                    f"'{word}.' is the Norwegian abbreviation of '{spelled}' ({english}), left untranslated",
                    suggestion=suggestion,
                    confidence=0.8,
                )

    def _dialect_i(self, doc: Document, ordered: list) -> Iterable[Finding]:
        """The dialect forms of "jeg" (I) an engine leaves: "– Æ heard it on the radio",
        "– Eg will miss the place" (northern and western Norwegian), at the start of a
        sentence or after a comma, before an English word in lower case; and the dialect
        "e" (er: is, am) between two words of a quote ("– It e steep up there")."""
        for sentence in ordered:
            text = doc.text[sentence.start : sentence.end]
            for m in _DIALECT_I.finditer(text):
                yield self.finding(
                    doc,
                    sentence.start + m.start(1),
                    sentence.start + m.end(1),
                    f"'{m.group(1)}' is dialect Norwegian for 'I' ('jeg'), left untranslated",
                    suggestion="I",
                    confidence=0.8,
                )
            block = doc.blocks[sentence.block]
            if not (
                _QUOTE_OPENING.match(text)
                or _QUOTE_BEFORE.search(doc.text, max(0, block.start - 4), block.start)
                or _QUOTE_BEFORE.search(doc.text, max(0, sentence.start - 4), sentence.start)
            ):
                continue  # (a lone "e" outside a quote: a variable, a grade, a list's item)
            for m in _DIALECT_E.finditer(text):
                if not _dialect_e(text, m.start(), m.end()):
                    continue
                am = _DIALECT_I_BEFORE.search(text, 0, m.start()) is not None
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end(),
                    f"'e' is dialect Norwegian for '{'am' if am else 'is'}' ('er'), left untranslated in a quote",
                    suggestion="am" if am else "is",
                    confidence=0.7,
                )

    def _acronyms(self, doc: Document, ordered: list, article: str) -> Iterable[Finding]:
        """Norwegian abbreviations of common nouns left in the English ("FAU leader Hilde
        Mørkved", "too few LIS doctors", "FN's Security Council"): English writes the words;
        only in an article of the abbreviation's topic (school, hospital, economy ...), not
        in one that explains it anywhere ("the SFO (after-school care)", "The parents'
        council, FAU, met", "FAU, short for ..."), nor where it begins a name ("BNP Paribas")."""
        text_all = doc.text
        explained = {
            m.group(1)
            for m in _NORWEGIAN_ACRONYM.finditer(text_all)
            if text_all[m.start() - 1 : m.start()] == "("
            or (text_all[max(0, m.start() - 2) : m.start()] == ", " and text_all.startswith(",", m.end()))
            or _GLOSS.match(text_all, m.end())
            or _SHORT_FOR.match(text_all, m.end())
        }  # ("the European (FN) ...", "The parents' council, FAU, met ...", "FAU, short for ...")
        for sentence in ordered:
            text = doc.text[sentence.start : sentence.end]
            for m in _NORWEGIAN_ACRONYM.finditer(text):
                word = m.group(1)
                if word in explained or _ACRONYM_NAME_AFTER.match(text, m.end()):
                    continue  # (explained), "BNP Paribas", "HMS Victory"
                if _CAPITALS_BESIDE.search(text, 0, m.start()) or _CAPITALS_AFTER.match(text, m.end()):
                    continue  # a line in capitals: "POLICE STEP UP CONTROLS"
                if word == "UP" and not _traffic_police(text, m.start(1), m.end(1)):
                    continue  # "Step UP", "UP police" (Uttar Pradesh), "the UP train", "UP, the traffic unit"
                if not _ACRONYM_TOPIC[word].search(article) or (word == "FN" and _FRONT_NATIONAL.search(article)):
                    continue  # "Flights from SFO were delayed": not the school's
                english = _ACRONYMS[word]
                yield self.finding(
                    doc,
                    sentence.start + m.start(1),
                    sentence.start + m.end(1),
                    f"'{word}' is a Norwegian abbreviation ({english[0]}), left untranslated",
                    suggestion=english[1],
                    confidence=0.65,
                )

    def _championships(self, doc: Document, ordered: list, article: str) -> Iterable[Finding]:
        """The Norwegian abbreviations of championships (VM, EM, NM, OL) left in an
        article about sport: English writes "World Championships", "Olympics"."""
        if len({w.lower() for w in _SPORT.findall(article)}) < 2:
            return  # one word of sport ("did not match") makes no article about sport
        for sentence in ordered:
            text = doc.text[sentence.start : sentence.end]
            for m in _CHAMPIONSHIP.finditer(text):
                before, after = text[: m.start()], text[m.end() :]
                counted = _NUMBER_BEFORE.search(before) and not _ATTRIBUTE_OF.match(after)
                state = m.group(1) == "NM" and (_STATE_BEFORE.search(before) or _STATE.match(after))
                if counted or state or _GLOSS.match(after):
                    # "20 NM", "two NM": nautical miles (not "three OL gold medals");
                    # "Albuquerque, NM,"; "EM (European ...)"
                    continue
                name = _CHAMPIONSHIPS[m.group(1)]
                # before a noun it is an attribute: "the VM squad" -> "the World Championship squad"
                attribute = bool(m.group(2)) or bool(_ATTRIBUTE_OF.match(text, m.end()))
                english = name[1] if attribute else name[0]
                if _DETERMINED.search(before):
                    english = english.removeprefix("the ")  # "the junior VM": "the junior World Championships"
                if m.group(2):
                    part = translate(m.group(2).lower())
                    english = f"{english} {part}" if part else english
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end(),
                    f"'{m.group(0)}' is the Norwegian abbreviation of {name[0]}, left untranslated",
                    suggestion=english,
                    confidence=0.7,
                )


#: "Æ" / "Eg" / "Ej" (dialect "jeg") opening a sentence, a quote or a clause, before an
#: English word in lower case: "– Æ heard it", "and Eg will".
_DIALECT_I = re.compile(r"(?:^|(?<=[–—\-\"“«,:]\s)|(?<=[\"“«]))(Æ|Eg|Ej|Æg)\s+(?=[a-z]{2,})(?!(?:is|was|and|or|stands|comes|means|as)\b)")
#: The dialect form of "er" (is, am, are) an engine leaves in a quote: "– It e steep",
#: "– The boat e my life", "– Æ e so proud": a lone "e" between a word and a word.
_DIALECT_E = re.compile(r"(?<=[^\W\d_]\s)e(?=\s+[^\W\d_]{2,})")
#: The dialect words for "I" right before it: "am", not "is".
_DIALECT_I_BEFORE = re.compile(r"\b(?:Æ|æ|Eg|eg|Ej|ej|Æg|æg|I)\s+$")
#: The subjects the dialect "e" follows: a pronoun ("It e steep", "Æ e so proud").
_E_SUBJECT_PRONOUNS = frozenset("it that this he she we they i æ eg you there here everything nothing something".split())
#: Nouns a lone "e" may be named after (the letter, the constant, an answer): no subject.
_E_AS_NAME = frozenset(
    "number letter constant variable grade option answer vowel point column row plan type vitamin key note".split()
)


def _dialect_e(text: str, start: int, end: int) -> bool:
    """Whether the lone "e" at ``text[start:end]`` stands as a verb: after a subject (a
    pronoun, or a noun after "the"/"my"/"our", "The boat e my life") and before an English
    word in lower case ("steep", "my", "so"); not in a foreign name ("cacio e pepe", "Tu e
    io"), nor as a letter or a constant ("the number e turns up")."""
    before = re.search(r"(?:\b(\w+)\s+)?\b(\w+)\s+$", text[:start])
    after = re.match(r"\s+([^\W\d_]+)", text[end:])
    if before is None or after is None:
        return False
    det, word = (before.group(1) or "").lower(), before.group(2)
    following = after.group(1)
    if not following.islower() or _zipf(following, "en") < 3.0:
        return False  # "cacio e pepe", "Pane e Vino": a foreign name
    if word.lower() in _E_SUBJECT_PRONOUNS:
        return True
    return (
        word.islower()
        and det in ("the", "my", "our", "your", "his", "her", "their", "this", "that")
        and word not in _E_AS_NAME
        and _zipf(word, "en") >= 3.0
    )


#: A sentence or a paragraph that is a quote: it opens with a dash or a quotation mark.
_QUOTE_OPENING = re.compile(r"^\s*[–—\"“«]")
#: ... or a dash or a quotation mark right before it (a segmenter leaves the dash out).
_QUOTE_BEFORE = re.compile(r"[–—\"“«]\s*$")


#: Norwegian abbreviations before a number: "kl. 02.30", "fv. 303", "Rv. 25".
_BEFORE_NUMBER = re.compile(
    r"(?:(?<![\w.])(?=[kfr])|(?:^|(?<=[.!?:–—]\s))(?=[KFR]))(kl|Kl|fv|Fv|rv|Rv)\.\s?(\d{1,4}(?:[.:]\d{2})?)(?!\d|[.,]\d)"
)
#: A preposition of time right before "kl.".
_PREPOSITION_END = re.compile(
    r"\b(?:at|before|after|from|to|until|till|around|about|by|since|between|and|past)\s+$", re.I
)
#: Each abbreviation's Norwegian word and its English.
_NUMBERED = {"kl": ("klokken", "at"), "fv": ("fylkesvei", "county road"), "rv": ("riksvei", "national road")}


#: Norwegian abbreviations of common nouns and of bodies English names otherwise, that an
#: engine leaves as they are: the Norwegian words, and the English.  General knowledge of
#: Norwegian (session 27); not the names of bodies English news keeps (NAV, NRK, PST).
_ACRONYMS = {
    "FAU": ("foreldrerådets arbeidsutvalg", "the parents' council"),
    "SFO": ("skolefritidsordningen", "after-school care"),
    "LIS": ("lege i spesialisering", "junior doctor"),
    "VGS": ("videregående skole", "upper secondary school"),
    "FN": ("De forente nasjoner", "UN"),
    "BNP": ("bruttonasjonalprodukt", "GDP"),
    "MVA": ("merverdiavgift", "VAT"),
    "HMS": ("helse, miljø og sikkerhet", "HSE"),
    "KRLE": ("kristendom, religion, livssyn og etikk", "religious education"),
    "UP": ("Utrykningspolitiet", "the traffic police"),
}
_SCHOOL = r"\b(?:school|schools|pupils?|parents|teachers?|principal|headteacher|kindergarten|classes)\b"
#: What the article must speak of for each abbreviation to be the Norwegian one ("SFO" is an
#: airport too, "FAU" a university, "BNP" and "FN" parties, "HMS" a ship's prefix).
_ACRONYM_TOPIC = {
    "FAU": re.compile(_SCHOOL, re.I),
    "SFO": re.compile(_SCHOOL, re.I),
    "VGS": re.compile(_SCHOOL, re.I),
    "KRLE": re.compile(_SCHOOL, re.I),
    "LIS": re.compile(r"\b(?:doctors?|hospitals?|patients?|surgeons?|health trust|wards?|physicians?)\b", re.I),
    "BNP": re.compile(r"\b(?:economy|economic|growth|percent|per cent|kroner|recession|Statistics Norway|SSB)\b", re.I),
    "MVA": re.compile(r"\b(?:tax|taxes|VAT|kroner|prices?|excise|duty|duties)\b", re.I),
    "HMS": re.compile(r"\b(?:safety|working environment|injur(?:y|ies)|accidents?|employees|workplace)\b", re.I),
    "FN": re.compile(r"\b(?:Security Council|General Assembly|Secretary-General|peacekeep\w*|UN|humanitarian)\b"),
    "UP": re.compile(r"\b(?:police|patrol|speeding|speed|driver|drivers|motorist|drink-driving|drunk|checkpoint|traffic control)\b", re.I),
}
#: Where "UP" is the traffic police: after "from", "by", "with" or "and", or before a word of
#: its work ("UP patrol", "UP control", "UP stopped").
_UP_BEFORE = re.compile(r"\b(?:from|by|with|and)\s+$", re.I)
_UP_AFTER = re.compile(
    r"\s+(?:patrols?|controls?|checks?|checkpoints?|officers?|cars?|units?|stopped|measured|clocked|caught|fined|"
    r"stops|pulled)\b"
)
#: After "UP": a gloss or a noun of another "UP" ("UP, the traffic unit", "UP police", "the UP train").
_UP_NOT_AFTER = re.compile(r"\s*(?:,\s*(?:the|which|who|known)\b|\(|\s+(?:police|train|trains|government|state|board|chief))")


def _traffic_police(text: str, start: int, end: int) -> bool:
    """Whether "UP" at ``text[start:end]`` is the traffic police's abbreviation left as it is."""
    if _UP_NOT_AFTER.match(text, end) or re.search(r"\b(?:known as|called|named|dubbed)\s+$", text[:start], re.I):
        return False
    return bool(_UP_BEFORE.search(text, 0, start) or _UP_AFTER.match(text, end))


#: A word in capitals right before or after an abbreviation: a line in capitals.
_CAPITALS_BESIDE = re.compile(r"\b[A-ZÆØÅ]{2,}\s+$")
_CAPITALS_AFTER = re.compile(r"\s+[A-ZÆØÅ]{2,}\b")
#: Where "FN" is France's Front National, not the UN.
_FRONT_NATIONAL = re.compile(r"\b(?:Le Pen|France|French|National Front|Front National)\b")
_NORWEGIAN_ACRONYM = re.compile(r"(?<![\w-])(" + "|".join(sorted(_ACRONYMS, key=len, reverse=True)) + r")(?![\w])")
#: A capitalised word right after the abbreviation: a name it is part of ("BNP Paribas",
#: "HMS Victory", "FN Herstal").
_ACRONYM_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
#: An explanation after an abbreviation: "FAU, short for foreldrerådets arbeidsutvalg".
_SHORT_FOR = re.compile(r"[^.!?\n]{0,40}\b(?:short for|stands for|an abbreviation (?:of|for))\b", re.I)
#: A determiner and up to two words before a championship's abbreviation ("the junior ").
_DETERMINED = re.compile(
    r"\b(?:the|this|next|last|its|their|his|her|our|my|your)\s+"
    r"(?:(?!(?:at|in|to|for|from|of|on|before|after|during|since|until|by|with|and|or)\b)[\w-]+\s+){0,2}$",
    re.I,
)
#: Norwegian abbreviations of championships: (the name, the name as an attribute).
_CHAMPIONSHIPS = {
    "VM": ("the World Championships", "World Championship"),
    "EM": ("the European Championships", "European Championship"),
    "NM": ("the Norwegian Championships", "Norwegian Championship"),
    "OL": ("the Olympics", "Olympic"),
}
_CHAMPIONSHIP = re.compile(r"(?<![\w-])(VM|EM|NM|OL)(?:-([a-zæøå]{3,}))?(?![\w-])")
_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"hundred|a few|several|many))\s*$",
    re.IGNORECASE,
)
#: Before and after the abbreviation: a US state's city and comma ("Albuquerque, NM, won"),
#: or a gloss in brackets.
_STATE_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_STATE = re.compile(r",\s+(?:[a-z]|\d)")
_GLOSS = re.compile(r"\s*\(")
#: Nouns a championship's name stands before as an attribute ("the VM squad").
_ATTRIBUTE_OF = re.compile(
    r"\s+(?:squad|team|gold|silver|bronze|medals?|finals?|semi-finals?|titles?|place|spot|ticket|debut|hill|week|races?|"
    r"relay|qualifiers?|qualifying|opener|champions?|winners?|trophy|venue|season|programme|program)\b"
)
#: Words of sport: an article with none is no place for "VM" (a virtual machine) or "NM".
_SPORT = re.compile(
    r"\b(?:goals?|medals?|gold|silver|bronze|squad|coach|races?|skiing|skier|biathlon|handball|"
    r"football|athletes?|championships?|podium|national team|relay|sprint|ski jumping|league|tournament|"
    r"freestyle|cross-country|World Cup|national cup|skis?|ski club)\b",
    re.I,
)


_BRACKETS = re.compile(r"\(([^()]{3,120})\)")


def _translated_in_brackets(text: str) -> bool:
    """Whether the sentence gives its Norwegian in English in brackets: a title and its
    translation ("Den siste vakten (The Last Watch), by Torunn Evjen")."""
    for m in _BRACKETS.finditer(text):
        words = [w.lower() for w in _TOKEN.findall(m.group(1))]
        if len(words) >= 2 and all(not leans_norwegian(w) for w in words):
            return True
    return False


class UntranslatedSentence(Check):
    """A sentence left (mostly) in Norwegian.

    A quote is read without its attribution ("..., says Kari Lie."), and in a
    sentence with a word only Nynorsk and the dialects have ("eg", "ikkje",
    "skikkeleg"), their short words that English has too ("ho", "e", "va") count
    as Norwegian: engines leave a quote in dialect as it is.

    Flags:
    - Regjeringen vil legge fram en ny plan for sykehusene i høst.
    - – Ho va skikkeleg kind! says Emma (8).

    Allows:
    - The government will present a new plan for the hospitals this autumn.
    """

    code = "UT002"
    name = "untranslated-sentence"
    family = "untranslated"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            norwegian, counted = quote_share(text)
            if _is_norwegian_share(norwegian, counted) and not _translated_in_brackets(text):
                share = norwegian / counted
                yield self.finding(
                    doc,
                    sentence.start,
                    sentence.end,
                    f"this sentence is left in Norwegian ({norwegian} of {counted} words)",
                    suggestion="translate the sentence",
                    confidence=min(0.99, 0.5 + share / 2),
                )


class CopiedSource(Check):
    """A sentence of the translation that is a copy of its Norwegian source sentence.

    Flags:
    - (source "Statsministeren besøkte Tromsø mandag." / translation "Statsministeren besøkte Tromsø mandag.")

    Allows:
    - (source "Statsministeren besøkte Tromsø mandag." / translation "The prime minister visited Tromsø on Monday.")
    """

    code = "UT003"
    name = "copied-source"
    family = "untranslated"
    severity = Severity.ERROR
    requires = frozenset({"source"})
    examples_are_text = False

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        from mtqa.align import sentence_pairs

        for bead, src_text in sentence_pairs(doc):
            src_tokens = [t.lower() for t in _TOKEN.findall(src_text)]
            start, end = bead.target[0].start, bead.target[-1].end
            tgt_tokens = [t.lower() for t in _TOKEN.findall(doc.text[start:end])]
            if len(tgt_tokens) < 3 or not src_tokens:
                continue
            source_set = set(src_tokens)
            shared = sum(1 for t in tgt_tokens if t in source_set) / len(tgt_tokens)
            # Names are shared by any translation, and a quotation in a third
            # language or a line of names is rightly copied: a copy that
            # matters is Norwegian.
            if shared >= 0.8 and _sentence_is_norwegian(doc.text[start:end]):
                yield self.finding(
                    doc,
                    start,
                    end,
                    "this sentence is a copy of its Norwegian source, not a translation",
                    suggestion="translate the sentence",
                    confidence=0.95,
                )


class UntranslatedInstitution(Check):
    """A Norwegian institution's name left in Norwegian, with no English name beside it.

    English news names a Norwegian institution in English, or glosses the
    Norwegian name once ("the Norwegian Public Roads Administration (Statens
    vegvesen)").  A name with neither is noted at its first mention, with the
    English name from ``data/institutions.yaml`` as the suggestion.  Names that
    English keeps (Norges Bank, NAV, Kripos) are not listed.

    Flags:
    - The proposal was voted down in Stortinget on Tuesday.
    - Statens vegvesen closed the road over the mountain on Friday.

    Allows:
    - The Storting, Norway's parliament, voted the proposal down on Tuesday.
    - The Norwegian Public Roads Administration (Statens vegvesen) closed the road.
    - Norges Bank kept its key rate at 4.5 per cent.
    """

    code = "UT004"
    name = "untranslated-institution"
    family = "untranslated"
    severity = Severity.INFO

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        credits = [(m.start(), m.end()) for m in _CREDIT.finditer(doc.text)]
        # where the headline ends: its Norwegian name may be glossed by the article under it
        first_break = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
        headline_end = first_break if first_break >= 0 and doc.text[first_break:].strip() else -1
        reported: set[str] = set()
        tied: set[str] = set()  # names glossed once, or given with their English name
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for inst in institutions():
                key = inst.key or inst.name
                if key in reported:
                    continue
                for m in inst.pattern.finditer(text):
                    at = sentence.start + m.start()
                    before, after = text[: m.start()], text[m.end() :]
                    english = re.compile(rf"\b{re.escape(inst.english_core)}\b", re.I)
                    if (
                        any(s <= at < e for s, e in credits)
                        or _glossed(before, after)
                        or english.search(text)
                        or _NAMED_AS_NORWEGIAN.search(text)
                    ):
                        tied.add(key)
                        continue
                    if _QUOTED_OR_HANDLE_BEFORE.search(before):
                        continue  # 'search for "Statens vegvesen"', "@Vegvesenet": the name as written
                    if _HEAD_NOUN_BEFORE.search(before):
                        tied.add(key)
                        continue  # "the roads agency Statens vegvesen"
                    # the name tied to its English one before (in the headline: anywhere), or an
                    # English name before it that is its stem ("The Storting ... Stortinget"); a
                    # different English name alone before it does not tell the reader the two
                    # are one ("The Norwegian Labour Inspection Authority was notified. ...
                    # figures from Arbeidstilsynet" reads as two bodies)
                    stem = inst.english_core.lower() in m.group(0).lower()
                    seen = doc.text if sentence.start < headline_end else doc.text[: sentence.end]
                    if key in tied or ((stem or sentence.start < headline_end) and english.search(seen)):
                        continue
                    reported.add(key)
                    yield self.finding(
                        doc,
                        at,
                        sentence.start + m.end(),
                        f"'{m.group(0)}' is the Norwegian name of {inst.english}; "
                        "give the English name, or gloss the Norwegian one",
                        # "in the Skiskytterforbundet": the article is there already
                        suggestion=inst.english[4:] if _THE_END.search(before) and inst.english.startswith("the ") else inst.english,
                        confidence=0.7,
                    )
                    break


#: A sentence that says a name is the Norwegian one: "Arbeidstilsynet, as the authority is
#: called in Norwegian, ...", "The agency's Norwegian name is Mattilsynet".
_NAMED_AS_NORWEGIAN = re.compile(
    r"\bNorwegian (?:name|word|term)\b|\b(?:called|known|named)\s+(?:in Norwegian|in Norway)\b|\bNorwegians call\b",
    re.I,
)
#: An opening quotation mark or an "@" right before a name: the name as written on a sign,
#: in a search, as a social-media handle.
_QUOTED_OR_HANDLE_BEFORE = re.compile(r"(?:[\"“‘'«]|@)$")


#: "the " ending the text before an institution's name.
_THE_END = re.compile(r"\b[Tt]he\s+$")


CHECKS = (UntranslatedWord, UntranslatedSentence, CopiedSource, UntranslatedInstitution)
