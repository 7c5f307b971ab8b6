"""Family ``grammar``: slips typical of machine translation, kept precise.

The fluency checks catch the rest; these fire only where the pattern itself
is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.checks.base import Check, CheckContext
from mtqa.model import BlockKind, Document, Finding, Severity

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: Function words and common words that are never capitalised mid-sentence in
#: English (unless they start a title, which a following capital shows).
_LOWER_WORDS = frozenset(
    """a an the and or but nor so yet for of in on at by to from with without about
    above after against along among around as before behind below beneath beside
    between beyond during except inside into like near off onto out outside over
    past since through throughout toward towards under until up upon within
    this that these those which who whom whose what when where while whereas
    although though because if unless whether than then there here
    is are was were be been being has have had having do does did can could will
    would shall should may might must not no also only just even still already
    based according despite including regarding following given due such
    it its they them their he him his she her we our us you your
    more most less least many much some any all both each every either neither other
    another several few""".split()
)
_DOUBLE_OK = frozenset({"had", "that", "is", "do", "bye", "no", "very", "ha", "well", "so", "plus"})


def _title_case(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.5


class CapitalAfterComma(Check):
    """A capital letter after a comma in mid-sentence (", Based on two documents").

    Machine translation restarts a sentence after a comma when the Norwegian
    sentence was split or joined differently.  Names, titles and "I" are left
    alone: the word must be a common lower-case word, not followed by another
    capitalised word, and not inside a quotation.

    Flags:
    - NATO responded quickly to Russia's demands, Based on two documents released on Friday.

    Allows:
    - NATO responded quickly, based on two documents released on Friday.
    - The minister met her counterpart, Foreign Minister Annalena Baerbock, in Berlin.
    - "We are worried," she said, "The situation is serious."
    """

    code = "GR001"
    name = "capital-after-comma"
    family = "grammar"
    severity = Severity.WARNING

    _PATTERN = re.compile(r",\s+([A-Z][a-z]+)\b(?=(\s+)(\S+))?")

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            if doc.blocks[sentence.block].kind in (BlockKind.TITLE, BlockKind.HEADING):
                continue
            text = doc.text[sentence.start : sentence.end]
            if _title_case(text):
                continue  # a headline in Title Case
            for m in self._PATTERN.finditer(text):
                word = m.group(1)
                if word.lower() not in _LOWER_WORDS:
                    continue
                following = m.group(3) or ""
                if following[:1].isupper():
                    continue  # "The Hague", "The New York Times"
                if text[: m.start()].count('"') % 2 or text[: m.start()].count("“") > text[: m.start()].count("”"):
                    continue  # inside a quotation
                if re.search(r"[\"”’']\s*$", text[: m.start()]) or re.search(r"[\"“]", text[m.start() : m.start(1)]):
                    continue
                start = sentence.start + m.start(1)
                end = sentence.start + m.end(3) if m.group(3) else sentence.start + m.end(1)
                fixed = word.lower() + (m.group(2) or "") + following
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"'{word}' is capitalised after a comma in mid-sentence",
                    suggestion=fixed,
                    confidence=0.8,
                )


class BrokenSentence(Check):
    """A sentence broken in two: the second part cannot stand alone ("to adhere. Never to grant").

    Flags:
    - Putin wants the Alliance to adhere. Never to grant membership to Ukraine and Georgia.

    Allows:
    - Putin wants the Alliance never to grant membership to Ukraine and Georgia.
    - Never again, she said.
    """

    code = "GR002"
    name = "broken-sentence"
    family = "grammar"
    severity = Severity.WARNING

    #: Sentence openings that continue the previous sentence.
    _FRAGMENT = re.compile(
        r"^(?:(?:Never|Not|Only|Also|Neither|Nor)\s+to\s+[a-z]+|And\s+to\s+[a-z]+|(?:to|and|or|but|which|who|that)\s+[a-z]+)"
    )

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        sentences = doc.text_sentences()
        for prev, sentence in zip(sentences, sentences[1:]):
            if prev.block != sentence.block:
                continue
            text = doc.text[sentence.start : sentence.end]
            m = self._FRAGMENT.match(text)
            if not m:
                continue
            prev_text = doc.text[prev.start : prev.end]
            lowercase_start = text[:1].islower()
            # The first part stops on a bare infinitive ("... for the Alliance to adhere.")
            if not prev_text.endswith(".") or not (
                lowercase_start or re.search(r"\bto\s+[a-z]+\.$", prev_text)
            ):
                continue
            # From the last words of the first part to the first words of the second.
            tail = re.search(r"(?:\S+\s+)?\S+$", prev_text)
            start = prev.start + (tail.start() if tail else len(prev_text) - 1)
            end = sentence.start + m.end()
            yield self.finding(
                doc,
                start,
                end,
                "a sentence broken in two: the second part cannot stand on its own",
                suggestion=(
                    doc.text[start : prev.end - 1] + " " + text[: m.end()][0].lower() + text[1 : m.end()]
                ),
                confidence=0.7,
            )


class DoubledWord(Check):
    """The same word twice in a row ("the the").

    Flags:
    - The minister said the the plan would be ready in May.

    Allows:
    - She said that that plan had had its day.
    """

    code = "GR003"
    name = "doubled-word"
    family = "grammar"
    severity = Severity.WARNING

    _PATTERN = re.compile(r"(?<![\w\-])([^\W\d_]+)\s+(\1)\b", re.IGNORECASE)

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in self._PATTERN.finditer(text):
                if m.group(1).lower() in _DOUBLE_OK or len(m.group(1)) == 1:
                    continue
                if m.group(1)[0].isupper() and m.group(2)[0].isupper():
                    continue  # a name: "Bora Bora", "Roa Roa Hotel"
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end(),
                    f"'{m.group(1)}' twice in a row",
                    suggestion=m.group(1),
                    confidence=0.9,
                )


class MissingVerb(Check):
    """A verb lost in translation: "NATO is now in response to Russia's proposal".

    A form of "be" directly followed by a phrase that needs a verb of its own
    ("in response to", "in the process of that", "in connection with that").

    Flags:
    - NATO is now in response to Russia's proposal to conclude new agreements.

    Allows:
    - NATO's letter is a response to Russia's proposal.
    - The move came in response to Russia's proposal.
    """

    code = "GR004"
    name = "missing-verb"
    family = "grammar"
    severity = Severity.WARNING

    _PATTERN = re.compile(
        r"\b(?:is|are|was|were)\s+(?:now\s+|currently\s+|still\s+|already\s+)?(in\s+response\s+to)\b",
        re.IGNORECASE,
    )

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in self._PATTERN.finditer(text):
                # "... is in response to X" closing a clause about a thing is English:
                # "The letter is in response to ...".  Subject must be an agent:
                # a capitalised name (NATO, Russia, the Government) right before.
                subject = re.search(r"([A-Z][\w.\-]*)\s+$", text[: m.start()])
                if not subject or subject.group(1).lower() in _LOWER_WORDS:
                    continue  # "This is in response to ..." is English
                start = sentence.start + m.start(1)
                yield self.finding(
                    doc,
                    start,
                    sentence.start + m.end(1),
                    "a verb is missing: 'is in response to' says nothing happens",
                    suggestion="is working on a response to",
                    confidence=0.6,
                )


CHECKS = (CapitalAfterComma, BrokenSentence, DoubledWord, MissingVerb)
