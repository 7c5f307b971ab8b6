"""A Norwegian verb rendered as the noun it is spelt like ("VG printer that ...").

Many Norwegian verbs in the present tense end in *-er* and are spelt like a noun:
*skriver* (writes; a printer), *leder* (leads; a leader), *lover* (promises; laws),
*varer* (lasts; goods).  An engine that takes the noun writes a noun where the
sentence needs its verb: "she printer about it", "On Twitter printer the
meteorologists that ...".  ``mtqa/data/nb_verb_homographs.tsv`` lists such forms
with the verb's English and the noun's; the check reads the verb's place from the
sentence's form, not from a list of phrases, so it holds for any noun of the table:

- after a subject pronoun ("he", "she", "they"): English puts a verb there, never a
  noun ("she leader the group");
- after an adverbial that opens the sentence, in the Norwegian order (verb second),
  a noun of a verb of saying, then its speaker and "that" or a colon ("On Twitter
  printer meteorologists that ...").

After a quotation (", printer Dagbladet") ID006 reads the same table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtqa.checks.base import Check, CheckContext
from mtqa.checks.grammar import _base_form_subject, _fronted_adverbial
from mtqa.checks.idioms import LexiconSpans
from mtqa.model import Document, Finding, Severity

DATA = "nb_verb_homographs.tsv"


@dataclass(frozen=True)
class Homograph:
    """A Norwegian present-tense verb spelt like a noun, and the English of both."""

    norwegian: str
    third_person: str  # "writes"
    base: str  # "write"
    noun: str  # the English noun MT wrote: "printer"
    saying: bool  # a verb of saying


@cache
def table() -> dict[str, Homograph]:
    """English noun (lower case) -> its homograph, for the nouns that cannot be read as
    an English verb (lemminflect: "parts", "frames" can, and may be the right verb)."""
    from lemminflect import getAllLemmas

    out: dict[str, Homograph] = {}
    text = resources.files("mtqa.data").joinpath(DATA).read_text("utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ValueError(f"{DATA}:{n}: want 5 tab-separated fields, got {len(fields)}")
        norwegian, third, base, nouns, saying = fields
        for noun in (w.strip() for w in nouns.split(",")):
            if noun and "VERB" not in getAllLemmas(noun.split()[-1]):
                out.setdefault(noun.lower(), Homograph(norwegian, third, base, noun, saying.strip() == "y"))
    return out


@cache
def saying_nouns() -> dict[str, Homograph]:
    """The nouns of the table that stand for a verb of saying ("printer": *skriver*)."""
    return {k: v for k, v in table().items() if v.saying}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _after_pronoun() -> re.Pattern[str]:
    # not after a copula or an auxiliary, where the pronoun is a question's subject
    # and a noun may follow ("Was she leader of the party?")
    return re.compile(
        r"(?<![\w’'-])(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bwere )(?<!\bbe )(?<!\bbeen )"
        r"(?<!\bbecame )(?<!\bbecome )(?<!\bremains )(?<!\bremained )"
        r"(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey) (?P<noun>" + _alternation(table()) + r")(?![\w’'-])",
        re.I,
    )


@cache
def _fronted() -> re.Pattern[str]:
    return re.compile(
        r"(?P<adverbial>[^,;:.!?\"“”]{2,80}?),? (?P<noun>" + _alternation(saying_nouns()) + r") "
        r"(?P<subject>(?:the )?[A-Za-zÆØÅæøå][\w-]*(?: [\w-]+){0,2}?)(?= that\b|:)"
    )


def verb_only(word: str) -> bool:
    """Whether lemminflect reads ``word`` as a verb and never as a noun ("grew", not "report")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "NOUN" not in lemmas


class NounForVerb(Check):
    """A noun where the sentence needs a verb spelt like it in Norwegian ("she printer about it": *skriver*).

    Norwegian present-tense verbs in *-er* are often spelt like a noun
    (*skriver*: writes, a printer; *leder*: leads, a leader; *lover*: promises,
    laws).  Rendered as the noun, the verb's place holds a noun: after a subject
    pronoun, or, in the Norwegian order after an adverbial that opens the
    sentence, a noun of a verb of saying before its speaker and "that".  The
    nouns are those of ``mtqa/data/nb_verb_homographs.tsv`` that English cannot
    read as a verb; the suggestion is the verb.

    Flags:
    - She carrier the bags to the car.
    - They laws to cut the waiting lists.
    - On Friday printer the club that the coach has resigned.

    Allows:
    - She writes about the case on her blog.
    - Was she leader of the party at the time?
    - The printer in the office was out of paper.
    - On Monday, party leader Kari Lie said that the talks had failed.
    """

    code = "ID008"
    name = "noun-for-verb"
    family = "idiom"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        nouns = table()
        named = LexiconSpans(doc, ctx)
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            lead = len(text) - len(text.lstrip("–—-•*“\"« "))
            for m in _after_pronoun().finditer(text):
                h = nouns[re.sub(r"\s+", " ", m.group("noun").lower())]
                plural = m.group("pronoun").lower() == "they"
                verb = h.base if plural else h.third_person
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if not named.overlap(start, end):
                    yield self._finding(doc, start, end, h, f"{m.group('pronoun')} {verb}")
            f = _fronted().match(text, lead)
            if f and _fronted_adverbial(f.group("adverbial")) and not any(
                map(verb_only, f.group("subject").split())):
                h = nouns[f.group("noun").lower()]
                subject = f.group("subject")
                verb = h.base if _base_form_subject(subject) else h.third_person
                start, end = sentence.start + f.start("noun"), sentence.start + f.end("subject")
                if not named.overlap(start, end):
                    yield self._finding(doc, start, end, h, f"{subject} {verb}")

    def _finding(self, doc: Document, start: int, end: int, h: Homograph, suggestion: str) -> Finding:
        return self.finding(
            doc, start, end,
            f"'{h.noun}' stands where the sentence needs a verb: probably Norwegian '{h.norwegian}' "
            f"('{h.third_person}', spelt like the noun) rendered as the noun",
            suggestion=suggestion,
            confidence=0.7,
            norwegian=h.norwegian,
        )


CHECKS = (NounForVerb,)
