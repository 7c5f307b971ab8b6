"""Family ``untranslated``: Norwegian left in the English text.

A word is Norwegian when wordfreq's Bokmål list knows it well and its English
list hardly at all; a long compound is Norwegian when it splits into two
well-known Bokmål words (with the linking -s- or -e- Norwegian compounds use)
and English does not know it.  Capitalised words are left alone (names,
places), and so are words in a quotation that explains them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mtqa.checks.base import Check
from mtqa.model import Document, Finding, Severity

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


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


@lru_cache(maxsize=65536)
def norwegian_score(word: str) -> float:
    """How much more Norwegian than English ``word`` (lowercase) is; 0 if not."""
    if len(word) < 3:
        return 0.0
    nb, en = _zipf(word, "nb"), _zipf(word, "en")
    if en <= EN_MAX and nb >= NB_MIN and nb - en >= 2.0:
        return nb - en  # a common Norwegian word English hardly knows
    if en <= EN_MAX + 0.5 and nb - en >= 3.0:
        return nb - en  # a very common one ("ingen", "henne")
    if en < 1.0 and len(word) >= 5 and (nb >= 1.5 or _NORWEGIAN_LETTERS.search(word)):
        return max(nb - en, 1.5)  # a rarer Norwegian word English does not know
    if en == 0 and len(word) >= 9:
        return _compound_score(word)
    return 0.0


def _compound_score(word: str) -> float:
    """A Norwegian compound that no list knows: two well-known Bokmål parts."""
    best = 0.0
    for i in range(4, len(word) - 3):
        left, right = word[:i], word[i:]
        lefts = [left]
        if left[-1] in "se" and len(left) > 4:
            lefts.append(left[:-1])  # the linking -s- / -e-
        rights = [right] + [right[: -len(end)] for end in _ENDINGS if right.endswith(end) and len(right) - len(end) >= 4]
        left_nb = max(_zipf(c, "nb") for c in lefts)
        right_nb = max(_zipf(c, "nb") for c in rights)
        right_en = max(_zipf(c, "en") for c in rights)
        if left_nb >= PART_MIN and right_nb >= PART_MIN and right_nb > right_en + 1:
            best = max(best, min(left_nb, right_nb) - 1.0)
    return best


@lru_cache(maxsize=65536)
def leans_norwegian(word: str) -> bool:
    """Looser than :func:`norwegian_score`, for whole sentences: Bokmål knows
    the word clearly better than English does."""
    return _zipf(word, "nb") - _zipf(word, "en") >= 1.0 or norwegian_score(word) > 0


def sentence_share(text: str) -> tuple[int, int]:
    """(Norwegian-leaning words, words counted) in a sentence.

    Names are neither evidence nor counter-evidence: capitalised words after
    the first are not counted."""
    tokens = [t for i, t in enumerate(_TOKEN.findall(text)) if i == 0 or not t[0].isupper()]
    return sum(1 for t in tokens if leans_norwegian(t.lower())), len(tokens)


def _is_norwegian_share(norwegian: int, counted: int) -> bool:
    """The one rule for "this sentence is in Norwegian" (UT001 defers to UT002 on it)."""
    return counted >= 4 and norwegian / counted >= SENTENCE_SHARE


def _sentence_is_norwegian(text: str) -> bool:
    return _is_norwegian_share(*sentence_share(text))


def _in_quotes(text: str, start: int, end: int) -> bool:
    before, after = text[:start], text[end:]
    return bool(re.search(r"[\"“«‘']\s*$", before) and re.match(r"^\s*[\"”»’']", after))


def norwegian_words(text: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of each Norwegian word in a sentence."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word[0].isupper() and not word.isupper():
            continue  # a name, a place, or a sentence start: not evidence
        score = norwegian_score(word.lower())
        if score > 0:
            out.append((m.start(), m.end(), score))
    return out


class UntranslatedWord(Check):
    """A Norwegian word left untranslated in the English text.

    Flags:
    - The statsforvalter has asked the municipality to explain the decision.
    - The council said the plan was ikke ready yet.

    Allows:
    - The council sent the plan to the county governor in Oslo.
    - Norwegians call it "dugnad", voluntary work done together.
    - Ole Gunnar Solskjær was sacked by Manchester United on Sunday.
    """

    code = "UT001"
    name = "untranslated-word"
    family = "untranslated"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            if _sentence_is_norwegian(text):
                continue  # UT002 reports the whole sentence
            for start, end, score in norwegian_words(text):
                if _in_quotes(text, start, end):
                    continue
                word = text[start:end]
                yield self.finding(
                    doc,
                    sentence.start + start,
                    sentence.start + end,
                    f"'{word}' is Norwegian, left untranslated",
                    suggestion="translate it",
                    confidence=min(0.95, 0.5 + score / 10),
                )


class UntranslatedSentence(Check):
    """A sentence left (mostly) in Norwegian.

    Flags:
    - Regjeringen vil legge fram en ny plan for sykehusene i høst.

    Allows:
    - The government will present a new plan for the hospitals this autumn.
    """

    code = "UT002"
    name = "untranslated-sentence"
    family = "untranslated"
    severity = Severity.ERROR

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            norwegian, counted = sentence_share(text)
            if _is_norwegian_share(norwegian, counted):
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

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
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


CHECKS = (UntranslatedWord, UntranslatedSentence, CopiedSource)
