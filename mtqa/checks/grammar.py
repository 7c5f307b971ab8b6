"""Family ``grammar``: slips typical of machine translation, kept precise.

The fluency checks catch the rest; these fire only where the pattern itself
is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

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


#: Verbs that introduce what someone said or what something shows, in the
#: forms a news sentence uses (present and past).
_REPORTING = {
    "says": "say", "said": "said", "writes": "write", "wrote": "wrote", "tells": "tell", "told": "told",
    "confirms": "confirm", "confirmed": "confirmed", "informs": "inform", "informed": "informed",
    "reveals": "reveal", "revealed": "revealed", "shows": "show", "showed": "showed",
    "states": "state", "stated": "stated", "reports": "report", "reported": "reported",
    "explains": "explain", "explained": "explained", "announces": "announce", "announced": "announced",
    "believes": "believe", "believed": "believed", "claims": "claim", "claimed": "claimed",
    "notes": "note", "noted": "noted", "adds": "add", "added": "added", "emphasises": "emphasise",
    "emphasizes": "emphasize", "emphasised": "emphasised", "emphasized": "emphasized",
}
#: Nouns that name a speaker or a source of figures: the subject a reporting
#: verb has in news ("the police", "the on-duty meteorologist", "new figures").
_SPEAKERS = frozenset(
    """police spokesperson spokesman spokeswoman meteorologist forecaster manager leader chief head director
    attorney lawyer prosecutor judge court minister ministry mayor doctor physician officer commander
    inspector superintendent source sources figures numbers statistics data survey poll report study
    analysis research newspaper paper agency district department directorate company firm club coach
    trainer agent expert researcher professor scientist witness neighbour neighbor owner chairman chairperson
    chair secretary spokespeople authorities authority municipality council government president
    economist analyst player captain athlete skier driver operator service services team union
    organisation organization party board""".split()
)
_DETERMINERS = frozenset("the a an his her their its our this that these those".split())
#: What may follow the subject a reporting verb put after itself: the end of
#: the sentence, a comma, a preposition, a quotation mark.  A verb there
#: ("It said Lloyds would ...") makes the rest a clause: English.
_AFTER_SUBJECT = re.compile(
    r"\s*(?:$|[,;:.!?”\"»)]|(?:on|in|at|to|from|by|for|of|about|under|after|during|when|via|with)\b)"
)
#: After a fronted adverbial the verb may also introduce a clause ("On Friday
#: wrote VG that ...").
_AFTER_FRONTED_SUBJECT = re.compile(_AFTER_SUBJECT.pattern[:-1] + r"|that\b)")
_PLURAL_SPEAKERS = frozenset({"police", "people", "authorities", "sources", "figures", "numbers", "statistics", "data"})
_ADVERBIAL = re.compile(
    r"(?:in|on|at|during|after|before|earlier|later|yesterday|today|tonight|now|then|here|thus|therefore|"
    r"also|however|further|furthermore|(?:last|this) (?:night|morning|afternoon|evening|week|weekend|month|year|"
    r"spring|summer|autumn|fall|winter))\b",
    re.IGNORECASE,
)


def _speaker(rest: str, after: re.Pattern[str] = _AFTER_SUBJECT) -> tuple[int, str] | None:
    """The length and head of a subject at the start of ``rest`` when it names a
    speaker or a source ("the on-duty meteorologist", "Dancke", "new figures
    from Nordpool"), with what follows it fit to end a subject."""
    words = list(re.finditer(r"[^\s,;:.!?”\"»()]+", rest))
    if not words:
        return None
    first = 1 if words[0].group(0).lower() in _DETERMINERS else 0
    for n in range(first + 1, min(len(words), first + 5) + 1):
        head = words[n - 1].group(0)
        span = rest[: words[n - 1].end()]
        body = words[first:n]
        if any(w.group(0).lower() in _LOWER_WORDS or w.group(0).lower() in _REPORTING for w in body):
            return None
        capitalised = all(w.group(0)[0].isupper() for w in body)
        if (capitalised and not first) or head.lower() in _SPEAKERS:
            if after.match(rest[words[n - 1].end() :]):
                return len(span), head
    return None


class VerbBeforeSubject(Check):
    """The verb before its subject, in Norwegian word order ("That reveals Dancke on Instagram").

    Norwegian puts the verb second: "Det sier politiet" (the police say so),
    "I går skrev VG" (VG wrote yesterday).  Rendered word for word the verb
    comes before its subject: "It informs the police", "That reveals Dancke",
    "In an earlier version wrote BT".  Found where a sentence opens with "It",
    "That" or "This", or with an adverbial, then a reporting verb (says, writes,
    confirms, shows ...), then a speaker or a source (a name, "the police",
    "the meteorologist", "new figures") that ends the sentence or is followed by
    a preposition: a verb after it ("It said Lloyds would ...") makes the rest
    a clause, which is English.

    Flags:
    - That reveals Dancke on his Instagram profile.
    - It confirms the police to the newspaper.
    - On Friday evening wrote Aftenposten that the talks had broken down.

    Allows:
    - It said Lloyds would play a role in the plan.
    - It shows the company has lost money for three years.
    - On Friday evening, Aftenposten wrote that the talks had broken down.
    - That reveals a lot about the government.
    """

    code = "GR005"
    name = "verb-before-subject"
    family = "grammar"
    severity = Severity.WARNING

    _EXPLETIVE = re.compile(r"(?:It|That|This) (" + "|".join(_REPORTING) + r") ")
    _FRONTED = re.compile(r"(" + _ADVERBIAL.pattern + r"[^,;:.!?\"“”]{0,60}?) (" + "|".join(_REPORTING) + r") ", re.I)

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            raw = doc.text[sentence.start : sentence.end]
            lead = len(raw) - len(raw.lstrip("–—-•*“\"« "))
            text = raw[lead:]
            m = self._EXPLETIVE.match(text)
            if m:
                subject = _speaker(text[m.end() :])
                if subject:
                    length, head = subject
                    noun = text[m.end() : m.end() + length]
                    verb = m.group(1)
                    rest = text[m.end() + length :]
                    common = not head[0].isupper()
                    if common and (head.lower() in _PLURAL_SPEAKERS or head.endswith("s")) and verb.endswith("s"):
                        verb = _REPORTING[verb]  # "the police say so", "new figures show this"
                    where = re.match(r"( (?:from|of|at|in) [^,;:!?”\"»]+?)([.!?]?)$", rest)
                    if common and where:  # "figures from Nordpool show this."
                        noun, rest = noun + where.group(1), where.group(2)
                    yield self._finding(doc, sentence.start + lead, sentence.end, f"{_cap(noun)} {verb} this{rest}")
                continue
            m = self._FRONTED.match(text)
            if m and m.group(2) in _REPORTING:
                subject = _speaker(text[m.end() :], _AFTER_FRONTED_SUBJECT)
                if subject and not re.search(r"\b(?:that|which|who|whom|what)\b", m.group(1), re.I):
                    length, _ = subject
                    noun = text[m.end() : m.end() + length]
                    rest = text[m.end() + length :]
                    yield self._finding(doc, sentence.start + lead, sentence.end, f"{m.group(1)}, {noun} {m.group(2)}{rest}")

    def _finding(self, doc: Document, start: int, end: int, suggestion: str) -> Finding:
        return self.finding(
            doc,
            start,
            end,
            "the verb comes before its subject, in Norwegian word order: in English the subject comes first",
            suggestion=suggestion,
            confidence=0.7,
        )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class ReportedlyAsMust(Check):
    """"Must have" where Norwegian "skal ha" means "reportedly" ("The man must have hit a guard").

    Norwegian news reports what is alleged with "skal": "Mannen skal ha slått en
    vakt" (the man is said to have hit a guard).  Rendered word for word it
    becomes "must have", which in English is a conclusion the writer draws.
    Found outside quotations, in a sentence whose subject is not I, we or you.

    Flags:
    - The man must have hit a guard before he ran off.
    - There must have been several cars at the scene, according to witnesses.

    Allows:
    - – I must have fallen asleep, she says.
    - We must have the figures by Friday.
    - You must have heard the news.
    """

    code = "GR006"
    name = "reportedly-as-must"
    family = "grammar"
    severity = Severity.WARNING

    _PATTERN = re.compile(r"\b(must) have\b(?!\s+to\b)")

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            if text.lstrip()[:1] in "–—-“\"«'‘" or any(q in text for q in "“”\"«»"):
                continue  # a quotation: spoken "must have" is the speaker's own conclusion
            for m in self._PATTERN.finditer(text):
                before = text[: m.start()].split()
                if not before or before[-1].lower() in {"i", "we", "you", "they", "one"}:
                    continue
                subject = before[-1].lower()
                plural = subject in {"police", "people"} or (subject.endswith("s") and not subject.endswith("ss"))
                said = "are said to" if plural else "is said to"
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end(),
                    "'must have' in a report of what happened: probably Norwegian 'skal ha' "
                    "(reportedly, is said to have) rendered word for word",
                    suggestion=f"{said} have",
                    confidence=0.6,
                )


#: Roles whose holder may speak for an outlet: "said Kari Hansen at NRK" is then English.
_JOURNALISTS = frozenset(
    """journalist journalists reporter reporters editor editors correspondent commentator anchor presenter host
    photographer columnist critic""".split()
)


class OutletPreposition(Check):
    """The outlet someone spoke to, with "at"/"in" or no word for Norwegian "til" ("said the police chief at NTB").

    Norwegian news closes a quote with "sier X til NRK" (X tells NRK).  Rendered
    with another preposition, or none, the speaker seems to work there: "said
    operations manager Pål Andersen at NTB", "said the duty officer in the
    western police district Bergens Tidende".  Found where a quote tag ("says",
    "said" before the speaker) names someone who is not a journalist and ends
    with a Norwegian news outlet of the gazetteer after "at", "in", "for", "on"
    or after a lower-case word.

    Flags:
    - We have no information about injuries, said operations manager Kari Lie at NTB.
    - The road is closed, says duty officer Ola Berg in the police district Bergens Tidende.

    Allows:
    - The road is closed, says duty officer Ola Berg to NTB.
    - The budget is tight, says editor Kari Lie at Aftenposten.
    - He worked for many years at NRK.
    """

    code = "GR007"
    name = "outlet-preposition"
    family = "grammar"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        pattern = _outlet_tag()
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in pattern.finditer(text):
                speaker, prep = m.group("speaker"), m.group("prep")
                words = re.findall(r"[^\W\d_]+", speaker)
                if not words or any(w.lower() in _JOURNALISTS for w in words):
                    continue
                if not any(w[0].isupper() for w in words) and not any(w.lower() in _SPEAKERS for w in words):
                    continue
                if prep is None and (words[-1].lower() in _LOWER_WORDS or words[-1][0].isupper()):
                    continue  # "said Kari Hansen, VG" or a name run into the outlet: not this
                start = sentence.start + m.start("speaker")
                end = sentence.start + m.end("outlet")
                speaker = speaker.rstrip(" ,")
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"'{prep + ' ' if prep else ''}{m.group('outlet')}' after a quote: the outlet the speaker "
                    "told (Norwegian 'til'), not where the speaker works",
                    suggestion=f"{speaker}{',' if ',' in speaker else ''} told {m.group('outlet')}",
                    confidence=0.6,
                )


@cache
def _outlet_tag() -> re.Pattern[str]:
    from mtqa.names.gazetteer import gazetteer

    outlets = sorted({e.name for e in gazetteer().outlets()}, key=len, reverse=True)
    names = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in outlets)
    return re.compile(
        r"\b(?:says|said)\s+(?P<speaker>[^.;:!?\"“”]{3,120}?)\s+(?:(?P<prep>at|in|for|on)\s+)?"
        r"(?P<outlet>(?-i:" + names + r"))\b(?=\s*(?:$|[.,;!?]|at\s+\d|on\s+\w+day\b))"
    )


CHECKS = (
    CapitalAfterComma,
    BrokenSentence,
    DoubledWord,
    MissingVerb,
    VerbBeforeSubject,
    ReportedlyAsMust,
    OutletPreposition,
)
