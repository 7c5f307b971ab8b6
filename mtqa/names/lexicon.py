"""The knowledge the names checks use: word lists, first names, attestation.

Word lists live in ``mtqa/data/names_words.yaml`` and given names with their
usual gender in ``mtqa/data/names_first_names.yaml``.  Whether a spelling is
*attested* (used in real text) comes from wordfreq's frequency lists of the
languages whose names turn up in Norwegian news.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

#: Languages whose frequency lists attest a spelling: Norwegian first, then the
#: languages of the names most often found in Norwegian news.
LANGS = ("nb", "sv", "da", "en", "de", "nl", "fr", "fi", "es", "it", "pl")

#: A spelling at or above this Zipf frequency in some language is attested.
ATTESTED = 2.0
#: Below this it is unattested: no list knows it, or only as noise.
UNATTESTED = 1.5
#: Endings of the adjectives English capitalises ("Norwegian", "Swedish", "Chinese",
#: "European", "Arctic"): such a word is no name.
ADJECTIVE_ENDINGS = ("ian", "ish", "ese", "ean", "ic")

WORDS_FILE = "names_words.yaml"
FIRST_NAMES_FILE = "names_first_names.yaml"
TRANSLATED_NAMES_FILE = "names_translated.yaml"


def _load(name: str) -> tuple[dict, str]:
    raw = resources.files("mtqa.data").joinpath(name).read_bytes()
    return yaml.safe_load(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Words:
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    ambiguous_titles: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    abbreviations: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    org_heads: frozenset[str]
    business_heads: frozenset[str]
    org_connectors: frozenset[str]
    speech_verbs: frozenset[str]
    speech_verbs_things: frozenset[str]
    male_nouns: frozenset[str]
    female_nouns: frozenset[str]
    person_nouns: frozenset[str]
    role_nouns: frozenset[str]  # person_nouns and the roles that only stand before a name
    thing_nouns: frozenset[str]
    not_names: frozenset[str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    female_word_names: frozenset[str]
    male_word_names: frozenset[str]
    both_names: frozenset[str]
    #: given names of both genders that Norway gives to one: name -> 'female' / 'male'
    in_norway: dict[str, str]
    #: given names of the lists borne by the other gender in another country ("Simone", "Kari")
    other_gender_abroad: frozenset[str]
    #: the English words machine translation writes for Norwegian given names that are
    #: words too: "life" -> "Liv", "bear" -> "Bjørn" (``names_translated.yaml``)
    word_given_names: dict[str, str]
    sha256: str

    def is_role(self, word: str) -> bool:
        """Whether ``word`` stands for a role right before a name: a title ("mayor", "Minister")
        or a role noun ("leader", "commander")."""
        return self.title(word) is not None or word.lower() in self.role_nouns

    def title(self, word: str) -> str | None:
        """``"title"`` (Minister, Mr), ``"ambiguous"`` (King, Major), ``"modifier"``
        (Foreign, former) or None; plurals ("Presidents") count as their singular."""
        low = word.lower().rstrip(".")
        for form in (low, low[:-1] if low.endswith("s") else None):
            if form and form in self.titles:
                return "ambiguous" if form in self.ambiguous_titles else "title"
        if low in self.title_modifiers:
            return "modifier"
        return None

    def first_name_gender(self, name: str) -> str | None:
        """The gender a given name says; for a double name of known given names
        ("Jon-Ivar", "Anne-Lise"), the one its halves agree on (not the club
        "Arna-Bjørnar": "Arna" is no given name); a name in mojibake as the name
        it was ("BjÃ¸rn" is "Bjørn")."""
        low = unmangled(name).lower()
        if low in self.female_names:
            return "female"
        if low in self.male_names:
            return "male"
        if "-" in low.strip("-"):
            genders = {self.first_name_gender(p) for p in low.split("-")}
            return next(iter(genders)) if len(genders) == 1 else None
        return None

    def full_name_gender(self, name: str) -> str | None:
        """The gender of the given name of a full name: as :meth:`first_name_gender`, and
        also for names that are common English words ("Line Haugland", "Even Berg")."""
        low = name.lower()
        if low in self.female_word_names:
            return "female"
        if low in self.male_word_names:
            return "male"
        if low in self.word_given_names:  # "Life Engen": *Liv*, a woman's name rendered as a word
            return self.first_name_gender(self.word_given_names[low])
        return self.first_name_gender(name)

    def is_first_name(self, name: str) -> bool:
        """Whether ``name`` is a known given name, or a double name of them of one
        gender ("Jon-Ivar"; not the club "Arna-Bjørnar"), in mojibake too ("BjÃ¸rn")."""
        low = unmangled(name).lower()
        if "-" in low.strip("-"):
            return self.first_name_gender(low) is not None
        return low in self.female_names or low in self.male_names or low in self.both_names


def unmangled(name: str) -> str:
    """``name`` with its mojibake undone ("BjÃ¸rn" is "Bjørn"), else as it is."""
    if "Ã" not in name and "Â" not in name:
        return name
    from mtqa.checks.encoding import repair

    return repair(name)


@cache
def names_as_words() -> tuple[dict, str]:
    """``names_translated.yaml`` (the given names and surnames that are Norwegian words too,
    and the English machine translation writes for them) and its digest, read once."""
    data, digest = _load(TRANSLATED_NAMES_FILE)
    return data or {}, digest


@cache
def words() -> Words:
    data, digest = _load(WORDS_FILE)
    names, names_digest = _load(FIRST_NAMES_FILE)
    translated, translated_digest = names_as_words()

    def fs(values) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values or ())

    nouns = data["person_nouns"]
    person_nouns = fs(nouns["male"]) | fs(nouns["female"]) | fs(nouns["any"])
    return Words(
        titles=fs(data["titles"]),
        title_modifiers=fs(data["title_modifiers"]),
        ambiguous_titles=fs(data["ambiguous_titles"]),
        male_titles=fs(data["male_titles"]),
        female_titles=fs(data["female_titles"]),
        abbreviations=fs(data["abbreviations"]),
        particles=fs(data["particles"]),
        suffixes=fs(data["suffixes"]),
        org_heads=fs(data["org_heads"]),
        business_heads=fs(data["business_heads"]),
        org_connectors=fs(data["org_connectors"]),
        speech_verbs=fs(data["speech_verbs"]),
        speech_verbs_things=fs(data["speech_verbs_things"]),
        male_nouns=fs(nouns["male"]),
        female_nouns=fs(nouns["female"]),
        person_nouns=person_nouns,
        role_nouns=person_nouns | fs(data.get("role_nouns")),
        thing_nouns=fs(data["thing_nouns"]),
        not_names=fs(data["not_names"]),
        female_names=fs(names["female"]),
        male_names=fs(names["male"]),
        female_word_names=fs(names["word_names"]["female"]),
        male_word_names=fs(names["word_names"]["male"]),
        both_names=fs(names["both"]),
        in_norway={n: g for g in ("female", "male") for n in names["in_norway"][g]},
        other_gender_abroad=fs(names.get("other_gender_abroad")),
        word_given_names={str(k).lower(): str(v) for k, v in (translated.get("given_names") or {}).items()},
        sha256=hashlib.sha256((digest + names_digest + translated_digest).encode()).hexdigest(),
    )


# -- attestation ---------------------------------------------------------------

def _frequencies():
    from mtqa.names.frequencies import frequencies

    return frequencies(LANGS)


def _key(spelling: str) -> str:
    return spelling.lower().replace("’", "'")


@lru_cache(maxsize=65536)
def attestation(spelling: str) -> tuple[float, str | None]:
    """The highest Zipf frequency of ``spelling`` in :data:`LANGS`, and its language.

    ``(0.0, None)`` when no list knows it.  Case is ignored; a multi-word or
    hyphenated spelling is looked up whole, then as wordfreq would split it.
    """
    low = _key(spelling)
    best, where = 0.0, None
    found = _frequencies().zipfs(low)
    for lang in LANGS:  # the first language wins a tie, as it always has
        z = found.get(lang, 0.0)
        if z > best:
            best, where = z, lang
    if best == 0.0 and ("-" in low or " " in low):
        for lang in LANGS:
            z = zipf_frequency(low, lang)
            if z > best:
                best, where = z, lang
    return best, where


@lru_cache(maxsize=65536)
def zipf_in(spelling: str, lang: str) -> float:
    """The Zipf frequency of ``spelling`` in one of :data:`LANGS`."""
    return _frequencies().zipfs(_key(spelling)).get(lang, 0.0)


def zipf_frequency(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, answered from the index for a
    plain lower-case word of one of :data:`LANGS` (what wordfreq would look up
    as it is: the same number); anything else is handed to wordfreq."""
    if lang in LANGS and word.isalpha() and word == word.lower():
        return _frequencies().zipfs(word).get(lang, 0.0)
    import wordfreq

    if lang not in LANGS:
        return wordfreq.zipf_frequency(word, lang)
    tokens = wordfreq.lossy_tokenize(word, lang)
    if not tokens or any(c.isdigit() for t in tokens for c in t):
        return wordfreq.zipf_frequency(word, lang) if tokens else 0.0
    # wordfreq's own combination: 1/f = 1/f1 + 1/f2 + ..., rounded to 3 significant digits
    found = _frequencies().many(tokens)
    if any(lang not in found.get(t, {}) for t in tokens):
        return 0.0
    freq = 1.0 / sum(1.0 / 10 ** (found[t][lang] - 9) for t in tokens)
    freq = round(freq, math.floor(-math.log10(freq)) + 3)
    return round(math.log10(freq) + 9, 2)


def zipf(spelling: str) -> float:
    return attestation(spelling)[0]


#: A Norwegian word for a role or an office, which an engine may leave capitalised before a
#: name ("Sentralbanksjef Ida Wolden Bache", "Styrer Randi Solheim", "Politiadvokat Tor-Erik
#: Lunde"): compounds ending in a word for an office ("sentralbank|sjef", "justis|minister",
#: "politi|advokat") and single words for roles, in the base or the definite form.
NORWEGIAN_ROLE = re.compile(
    r"^(?:\w{3,}(?:sjef|leder|direktør|ordfører|minister|rådgiver|talsperson|inspektør|overlege|redaktør|betjent"
    r"|sekretær|forvalter|representant|mester|advokat|dommer)|ordfører|lensmann|rådmann|statsforvalter"
    r"|regissør|skuespiller|forfatter|trener|rektor|sokneprest|advokat|dommer|sykepleier|fotograf|politiker"
    r"|styrer|innbytter|aktor|forsvarer|kaptein|vakthavende|fastlege|overlege"
    # session 29: a union's elected representative, a lifeguard, a watchman, a driver ("Tillitsvalgt
    # Kim Olsen", "Badevakt Eli Tveit", "Bussjåfør Per Lie"); "-fører" and "-arbeider" end verbs
    # too ("gjennomfører", "samarbeider"), harmless where a capitalised word before a name is read
    r"|tillitsvalgt|hovedtillitsvalgt|\w{3,}(?:vakt|sjåfør|fører|ansvarlig|arbeider|koordinator))(?:en)?$"
)


def english_zipf(word: str) -> float:
    """How common ``word`` is as an English word (Zipf), case ignored."""
    return zipf_in(word, "en")


_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåäöüé"
#: Vowel groups that machine translation and speech recognition swap.
_DIPHTHONGS = ("ui", "ei", "ey", "oy", "øy", "ai", "ay", "au", "eu", "öy", "oi")


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


def _diphthong_swaps(word: str) -> set[str]:
    out = set()
    for d in _DIPHTHONGS:
        i = word.find(d)
        while i >= 0:
            for other in _DIPHTHONGS:
                if other != d:
                    out.add(word[:i] + other + word[i + len(d) :])
            i = word.find(d, i + 1)
    return out


@lru_cache(maxsize=4096)
def attested_neighbours(spelling: str, min_zipf: float = 2.0) -> tuple[tuple[str, float], ...]:
    """Attested spellings one edit (or one swapped vowel group) from ``spelling``.

    Each as ``(spelling, zipf)``, most frequent first, written with the case
    pattern of ``spelling`` (``"Baerbock"`` for ``"Barbock"``).
    """
    low = spelling.lower()
    if len(low) < 4:
        return ()
    candidates = _edits1(low) | _diphthong_swaps(low)
    candidates.discard(low)
    found: dict[str, float] = {}
    for cand, zipfs in _frequencies().many(sorted(candidates)).items():
        best = max(zipfs.values())
        if best >= min_zipf:
            found[cand] = best
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((recase(cand, spelling), z) for cand, z in ranked)


def recase(word: str, model: str) -> str:
    """``word`` with the capitalisation pattern of ``model``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        parts = word.split("-")
        return "-".join(p[:1].upper() + p[1:] for p in parts)
    return word


@cache
def data_sha256() -> str:
    """One hash of every data file the names and pronoun checks read (word lists,
    given names, the gazetteer, the given names that are words), for a report's
    signature."""
    digests = [words().sha256]
    for name in ("gazetteer.yaml", "gazetteer_translated.yaml"):  # (names_translated.yaml: in words())
        digests.append(hashlib.sha256(resources.files("mtqa.data").joinpath(name).read_bytes()).hexdigest())
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def only_norwegian(given: str) -> bool:
    """Whether a given name is one Norwegian text uses far more than English text
    (wordfreq: "Terje", "Marit", "Kari", "Ole"; not "Anne", "Eli", "Tom", "Emma")."""
    low = given.lower()
    nb, en = zipf_in(low, "nb"), zipf_in(low, "en")
    # (or one English text never uses: "Torill", "Bjørg")
    return (nb >= 3.5 and nb - en >= 0.7) or (nb >= 2.5 and en < 1.0)
