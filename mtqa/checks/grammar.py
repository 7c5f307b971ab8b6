"""Family ``grammar``: slips typical of machine translation, kept precise.

The fluency checks catch the rest; these fire only where the pattern itself
is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from mtqa.checks.base import Check, CheckContext
from mtqa.lexicons import tell
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
#: Verbs with two objects, after which "her her" is English: "gave her her own room" (the
#: object, then the possessive); not "She lost her her keys".
_TWO_OBJECTS = re.compile(
    r"\b(?:give|gives|gave|given|giving|promise[sd]?|offer(?:s|ed)?|tell|tells|told|send|sends|sent|show(?:s|ed)?|"
    r"buy|buys|bought|find|finds|found|hand(?:s|ed)?|lend|lends|lent|pay|pays|paid|wish(?:es|ed)?|let|lets|get|gets|got|"
    r"bring|brings|brought|leave|leaves|left|owe[sd]?|teach|teaches|taught|grant(?:s|ed)?|award(?:s|ed)?|den(?:y|ies|ied)|"
    r"allow(?:s|ed)?|make|makes|made|save[sd]?|cost|costs|ask(?:s|ed)?|help(?:s|ed)?|call(?:s|ed)?)\s+$",
    re.IGNORECASE,
)


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


#: The word right before a doubled word.
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+)\s+$")
#: Words that open a clause whose verb may be the word the main clause's verb repeats:
#: "Anyone who can can register", "What it is is".
_CLAUSE_CLOSERS = frozenset("who that what which whoever whatever whichever".split())
#: A verb's particle that a preposition of the same form may follow ("came in in the second half").
_PARTICLES = frozenset("in on out off up down over".split())
#: "at least"/"at most" after the word "at" ("at at least six stations").
_AT_LEAST = re.compile(r"\s+(?:least|most)\b", re.IGNORECASE)


class DoubledWord(Check):
    """The same word twice in a row ("the the").

    Flags:
    - The minister said the the plan would be ready in May.
    - She lost her her keys on the way home.

    Allows:
    - She said that that plan had had its day.
    - He gave her her own key to the church.
    - Skimmers were found at at least six petrol stations.
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
                if m.group(1).lower() == "her" and _TWO_OBJECTS.search(text, 0, m.start()):
                    continue  # "He gave her her own key": the object, then the possessive
                if m.group(1)[0].isupper() and m.group(2)[0].isupper():
                    continue  # a name: "Bora Bora", "Roa Roa Hotel"
                if m.group(1).lower() == "at" and _AT_LEAST.match(text, m.end()):
                    continue  # "stations at at least six places": the preposition, then "at least"
                before = _WORD_BEFORE.search(text, 0, m.start())
                if (
                    before is not None
                    and before.group(1).lower() in _CLAUSE_CLOSERS
                    and (m.group(1).lower() in _AUXILIARIES | _MODALS or "VERB" in _lemmas(m.group(1).lower()))
                    and m.group(1).lower() not in _DETERMINERS
                ):
                    continue  # "Anyone who can can register", "the man who lied lied": a clause, then its verb
                if (
                    m.group(1).lower() in _PARTICLES
                    and before is not None
                    and "VERB" in _lemmas(before.group(1).lower())
                    and before.group(1).lower() not in _AUXILIARIES
                ):
                    continue  # "came in in the second half", "switched on on Monday": a particle, then a preposition
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


#: Verbs of saying that take no person as object in English: "It says the
#: police" cannot be English, so the noun after them is the verb's subject.
_SAYING = {
    "says": "say", "said": "said", "writes": "write", "wrote": "wrote", "states": "state", "stated": "stated",
    "explains": "explain", "explained": "explained", "claims": "claim", "claimed": "claimed",
    "believes": "believe", "believed": "believed", "emphasises": "emphasise", "emphasizes": "emphasize",
    "emphasised": "emphasised", "emphasized": "emphasized", "reports": "report", "reported": "reported",
    "confirms": "confirm", "confirmed": "confirmed", "announces": "announce", "announced": "announced",
}
#: Verbs that also take an object in English ("It tells the government to
#: act", "It shows Obama with his daughters"): the noun after them is read as
#: their subject only where nothing but the end of the sentence, a comma or a
#: quotation mark follows it (or a channel: "reveals Hansen on his Instagram").
_OBJECT_TAKING = {
    "tells": "say", "told": "said", "informs": "say", "informed": "said", "reveals": "reveal",
    "revealed": "revealed", "shows": "show", "showed": "showed", "notes": "note", "noted": "noted",
    "adds": "add", "added": "added",
}
_REPORTING = {**_SAYING, **_OBJECT_TAKING}
#: What the suggestion says for "tell"/"inform", which need a person as object.
_SAYS = {"tells": "says", "told": "said", "informs": "says", "informed": "said"}
#: Nouns that name a speaker: the subject a verb of saying has in news.
_SPEAKERS = frozenset(
    """police spokesperson spokesman spokeswoman spokespeople meteorologist forecaster manager leader chief head
    director attorney lawyer prosecutor judge court minister ministry mayor doctor physician officer commander
    inspector superintendent agency district department directorate company firm club coach trainer agent
    expert researcher professor scientist witness neighbour neighbor owner chairman chairperson chair secretary
    authorities authority municipality council government president economist analyst player captain athlete
    skier driver operator service services team union organisation organization party board""".split()
)
#: Nouns that name a source of figures: "It shows new figures from SSB" is "New figures from SSB show this".
_SOURCES = frozenset("figures numbers statistics data survey poll report study analysis research calculations".split())
_DETERMINERS = frozenset("the a an his her their its our this that these those".split())
_PLURAL = frozenset(
    "police people authorities spokespeople figures numbers statistics data services calculations staff".split()
)
#: What may follow the subject of a verb of saying: the end of the sentence, a
#: comma, a quotation mark or a preposition.  A verb there ("It said Lloyds
#: would ...") makes the rest a clause: English.
_AFTER_SAYING = re.compile(r"\s*(?:$|[,;:.!?”\"»)]|(?:on|in|at|to|from|by|under|after|during|when|via)\b)")
_AFTER_OBJECT = re.compile(
    r"\s*(?:$|[,;:.!?”\"»)]|on (?:his|her|their|its) (?:instagram|facebook|twitter|x|tiktok|snapchat|blog|"
    r"website|podcast|channel|profile|account|page)\b)",
    re.IGNORECASE,
)
_AFTER_SOURCE = re.compile(r"\s*(?:$|[,;:.!?”\"»)]|(?:from|by|on|in)\b)")
#: After a fronted adverbial the verb may also introduce a clause ("On Friday
#: wrote VG that ...").
_AFTER_FRONTED = re.compile(_AFTER_SAYING.pattern[:-1] + r"|that\b)")
_PRONOUNS = frozenset("i you he she it we they me him her us them who which that what there".split())
_TIME_WORDS = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d[\d.:]*",
    re.IGNORECASE,
)
#: How a fronted adverbial may open: an adverb of time or a preposition, not a
#: conjunction ("After the company reported ..." is a clause with its subject).
_FRONT_OPENERS = frozenset(
    "yesterday today tonight earlier later now here last this in on at during shortly over".split()
)
_PREPOSITIONS = frozenset("in on at of during for from to with by under over about".split())
#: Prepositions of time inside an adverbial ("Already after the climb", "Just before noon").
_TIME_PREPOSITIONS = frozenset("after before since until".split())
#: A time that many units ago opens the sentence: "Two years ago", "A week ago".
_AGO = re.compile(
    r"(?:(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Fifteen|Twenty|Thirty|Some|Several|"
    r"Many|A\s+few|A\s+couple\s+of|\d{1,3})\s+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\s+ago)"
)


def _plural(head: str, subject: str) -> bool:
    head = head.lower()
    if head in _PLURAL or " and " in f" {subject.lower()} ":
        return True
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "ws", "ies's")) and head not in {"series"}


#: Words that make a subject plural on their own or before its noun ("both", "all experts").
_PLURAL_QUANTIFIERS = frozenset("both all many several few".split())


def _base_form_subject(subject: str) -> bool:
    """Whether a speaker takes the verb's base form ("they say", "researchers at NTNU
    write", "I say"), not its third person: "they", "we" or "I"; a plural quantifier
    that opens it ("both", "all experts"); or a plural head, the last word before a
    preposition (a name, a capitalised head, is singular)."""
    words = subject.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _PREPOSITIONS), len(words))
    words = words[:cut]
    head = words[-1]
    if head.lower() in ("they", "we", "i") or words[0].lower() in _PLURAL_QUANTIFIERS:
        return True
    return not head[0].isupper() and _plural(head, " ".join(words))


def _subject(rest: str, follow: re.Pattern[str], heads: frozenset[str]) -> tuple[int, str] | None:
    """The length and head of a subject at the start of ``rest``: a name (capitalised
    words, no determiner) or a noun phrase whose head is in ``heads``, with what
    comes after it matching ``follow``."""
    words = list(re.finditer(r"[^\s,;:.!?”\"»()]+", rest))
    if not words:
        return None
    first = 1 if words[0].group(0).lower() in _DETERMINERS else 0
    for n in range(first + 1, min(len(words), first + 5) + 1):
        head = words[n - 1].group(0)
        body = words[first:n]
        if any(w.group(0).lower() in _LOWER_WORDS or w.group(0).lower() in _REPORTING for w in body):
            return None
        capitalised = all(w.group(0)[0].isupper() for w in body)
        if ((capitalised and not first) or head.lower() in heads) and follow.match(rest[words[n - 1].end() :]):
            return words[n - 1].end(), head
    return None


#: How frequent in English a capitalised word after a name must be to be a common noun of
#: the name ("District", "Court"), not a second name ("Hansen").
_NAME_HEAD_ZIPF = 3.5


def _zipf_en(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _fronted_adverbial(text: str) -> bool:
    """Whether ``text`` is an adverbial of time or place alone ("On Friday evening",
    "In an earlier version of this article"): it opens with an adverb of time or
    a preposition, holds no pronoun, and every noun phrase in it comes after a
    preposition (a second one without, "Earlier this month the government", is a
    subject)."""
    words = text.split()
    if not words or words[0].lower() not in _FRONT_OPENERS:
        return False
    phrase_open = True  # a noun phrase may start: after the opener or a preposition
    in_phrase = False
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        if low in _PRONOUNS:
            return False
        if low in _PREPOSITIONS or low in _TIME_PREPOSITIONS:
            phrase_open, in_phrase = True, False
            continue
        if low in _DETERMINERS:
            if in_phrase or not phrase_open:
                return False  # a second noun phrase with no preposition: a subject
            in_phrase = True
            continue
        if word[0].isupper() and not _TIME_WORDS.fullmatch(word) and words[i - 1].lower() not in _PREPOSITIONS | _TIME_PREPOSITIONS:
            if words[i - 1][0].isupper() and not _TIME_WORDS.fullmatch(words[i - 1]) and _zipf_en(low) >= _NAME_HEAD_ZIPF:
                continue  # "In Buskerud District Court": a common noun goes on the name before it
            return False  # "On Friday Hansen": a name after the adverbial is a subject
        in_phrase = True
    return True


class VerbBeforeSubject(Check):
    """The verb before its subject, in Norwegian word order ("That reveals Hansen on Instagram").

    Norwegian puts the verb second: "Det sier politiet" (the police say so),
    "I går skrev VG" (VG wrote yesterday).  Rendered word for word the verb
    comes before its subject: "It informs the meteorologist", "That reveals
    Hansen", "In an earlier version wrote VG".  Found where a sentence opens
    with "It", "That" or "This", or with an adverbial of time or place alone,
    then a reporting verb, then a speaker (a name, "the police", "the
    meteorologist") or a source of figures ("new figures").  A verb of saying
    ("says", "writes") takes no person as object in English, so a preposition
    may follow the speaker; a verb that does ("tells", "shows", "reveals")
    counts only where the sentence ends there (or a channel follows: "on his
    Instagram").  A verb after the noun ("It said Lloyds would ...") makes the
    rest a clause, which is English.

    The same order after an adverbial that opens with a preposition ("On
    Wednesday was the man brought before the court", "In Molde have I learned",
    "During the trial explained the 19-year-old that ..."): "have" or a modal
    (not "should", a condition), then the subject (a determiner and one or two
    words, a pronoun or a name), then the rest of the verb (its base form after a
    modal: not "In a handwritten will the artist left ..."); after an adverbial of
    time, also "did" and a verb of saying before its subject and "that" or an
    object, and after a time and nothing else ("On Wednesday", "At 14.30", "During
    the night") "was"/"were" before its subject and a participle.  English inverts
    too, and those are left alone: a verb of position or motion ("In the evening
    came the news"), a copula after a place, an event or a state ("In custody is
    the man arrested on Sunday", "At the hearing were the men charged with ...",
    "On board were 200 passengers"), a negative or restrictive adverbial ("At no
    time were the passengers told", "In vain have the families waited"), a question.

    A subject pronoun right after a finite verb that follows an adverbial ("Today is
    she married", "According to the verdict kicked he the victim", "Then understood I
    that ...") is reported with the adverbial, the verb and the pronoun as its span
    (not after a restrictive adverbial, a conjunction, a participle or a noun that ends
    the adverbial: "Before leaving he thanked", "In the morning rain she ran"); so is
    ", says he." closing a quote's attribution (Norwegian "sier han"; not "said he
    would ...", a clause of its own).

    Flags:
    - That reveals Hansen on his Instagram profile.
    - It says the police to the newspaper.
    - On Friday evening wrote Aftenposten that the talks had broken down.
    - On Monday will the police hold a press conference.
    - Then understood I that it was serious.
    - – I am over the moon, says he.

    Allows:
    - It said Lloyds would play a role in the plan.
    - It shows Obama with his daughters.
    - It tells the government to act.
    - On Friday she told the court that she was innocent.
    - Earlier this month the government announced the figures for 2023.
    - In the evening came the news that the ferry had sunk.
    - Only then did she understand how serious it was.
    - The mayor, Trond Larsen, said he had spoken to the family.
    """

    code = "GR005"
    name = "verb-before-subject"
    family = "grammar"
    severity = Severity.WARNING

    _EXPLETIVE = re.compile(r"(?:It|That|This) (" + "|".join(_REPORTING) + r") ")
    _FRONTED = re.compile(r"([^,;:.!?\"“”]{2,80}?) (" + "|".join(_REPORTING) + r") ")

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            raw = doc.text[sentence.start : sentence.end]
            lead = len(raw) - len(raw.lstrip("–—-•*“\"« "))
            text = raw[lead:]
            suggestion = self._expletive(text) or self._fronted(text) or _inverted(text)
            if suggestion:
                yield self.finding(
                    doc,
                    sentence.start + lead,
                    sentence.end,
                    "the verb comes before its subject, in Norwegian word order: in English the subject comes first",
                    suggestion=suggestion,
                    confidence=0.7,
                )
                continue
            part = _pronoun_after_verb(text) or _said_pronoun(text)
            if part is None and doc.blocks[sentence.block].kind not in (BlockKind.TITLE, BlockKind.HEADING):
                part = _trailing_attribution(text)  # (a headline's "Driver hits moose, tells the police")
            if part:
                start, end, fix = part
                yield self.finding(
                    doc,
                    sentence.start + lead + start,
                    sentence.start + lead + end,
                    "the verb comes before its subject, in Norwegian word order: in English the subject comes first",
                    suggestion=fix,
                    confidence=0.6,
                )

    def _expletive(self, text: str) -> str | None:
        m = self._EXPLETIVE.match(text)
        if not m:
            return None
        verb, rest = m.group(1), text[m.end() :]
        if verb in _SAYING:
            found = _subject(rest, _AFTER_SAYING, _SPEAKERS) or _subject(rest, _AFTER_SOURCE, _SOURCES)
        else:
            found = _subject(rest, _AFTER_OBJECT, _SPEAKERS) or _subject(rest, _AFTER_SOURCE, _SOURCES)
        if not found:
            return None
        length, head = found
        noun, tail = rest[:length], rest[length:]
        where = re.match(r"( (?:from|by) [^,;:!?”\"»]+?)([.!?]?)$", tail)
        if head.lower() in _SOURCES and where:  # "new figures from SSB show this."
            noun, tail = noun + where.group(1), where.group(2)
        said = _SAYS.get(verb, verb)
        if not head[0].isupper() and _plural(head, noun) and said.endswith("s"):
            said = _REPORTING[said]
        return f"{_cap(noun)} {said} this{tail}"

    def _fronted(self, text: str) -> str | None:
        m = self._FRONTED.match(text)
        if not m or not _fronted_adverbial(m.group(1)) or m.group(2) not in _SAYING:
            return None
        found = _subject(text[m.end() :], _AFTER_FRONTED, _SPEAKERS)
        if not found:
            return None
        length, _ = found
        noun = text[m.end() : m.end() + length]
        return f"{m.group(1)}, {noun} {m.group(2)}{text[m.end() + length :]}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Modal verbs (a verb after the pronoun: the pronoun is the subject of a later clause).
_MODALS = frozenset("can could may might must shall should will would".split())
#: How an adverbial may open before "<verb> <pronoun>": an adverb of time or a preposition.
_PRONOUN_FRONT_OPENERS = _FRONT_OPENERS | frozenset(
    "then shortly soon afterwards afterward according last next tomorrow recently previously later after before already "
    "from until since by with for under over through".split()
)
#: Words of an adverbial after which English itself inverts, or that make it a clause.
_NO_V2 = frozenset(
    "no not never neither nor only few little hardly rarely seldom scarcely vain such so as than what when where "
    "why how who whom whose which if whether once while because although though".split()
)
#: "<adverbial> <finite verb> <subject pronoun>": "Today is she married", "Then understood I that".
_VERB_PRONOUN = re.compile(r"(?<=\s)([a-z]+) (I|he|she|we|they|it)(?= [a-z]|[,.!;:])")
#: Verbs before "it" as its subject: a copula or an auxiliary ("Already after the climb was it
#: clear"); a verb of its own takes "it" as its object ("Then took it ..." is no order of ours).
_IT_VERBS = frozenset("was is were are has had will would can could".split())
#: Finite verbs of saying before a pronoun that closes a quote's attribution: ", says he.",
#: "said she to NRK", "says she and laughs" (Norwegian "sier han").
_SAID_PRONOUN = re.compile(
    r",[”\"’»]?\s+(?P<verb>says|said|reveals|revealed|tells|told|writes|wrote|explains|explained|adds|added|confirms|"
    r"confirmed|continues|continued|answers|answered|replies|replied|laughs|laughed|concludes|concluded)\s+"
    r"(?P<pronoun>he|she|they|I|we)"
    r"(?=\s*(?:[.!…]|$)|\s+(?:to|on|in)\s+(?:[A-ZÆØÅ]|the\b|a\b|an\b|his\b|her\b|their\b)|"
    r"\s+and\s+(?:laughs|laughed|smiles|smiled|adds|added|points|pointed|continues|continued)\b)"
)


#: Openers that are also conjunctions: "After the storm passed they set off" is a clause.
_CONJUNCTION_OPENERS = frozenset("after before until since once as".split())
#: Adverbs that stand between a subject pronoun and its verb ("they still hoped", "we all cried").
_CLAUSE_ADVERBS = frozenset("still all never always also even just only both then soon already".split())


def _lemmas(word: str) -> dict:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def _pronoun_after_verb(text: str) -> tuple[int, int, str] | None:
    """A finite verb before its subject pronoun after a fronted adverbial ("Today is she
    married", "According to the verdict kicked he the victim", "Then understood I that"):
    English puts a subject pronoun first after an adverbial, but after a negative or
    restrictive one ("Only then did she"), in a question, and with verbs of place and
    motion ("Here comes the bus"; a pronoun goes first there too: "here she comes").  The
    span is the adverbial, the verb and the pronoun; the suggestion puts the pronoun first."""
    if text.rstrip().endswith("?"):
        return None
    m = _VERB_PRONOUN.search(text, 0, 80)
    if m is None:
        return None
    front, verb, pronoun = text[: m.start()].rstrip(), m.group(1), m.group(2)
    words = front.split()
    if pronoun == "it" and verb not in _IT_VERBS:
        return None
    ago = _AGO.fullmatch(front) is not None  # "Two years ago was he ..."
    if not 1 <= len(words) <= 7 or (words[0].lower() not in _PRONOUN_FRONT_OPENERS and not ago) or not words[0][0].isupper():
        return None
    if any(c in front for c in ",;:!?\"“”()«»–—") or _NO_V2 & {w.lower() for w in words}:
        return None
    if verb in _INVERTING or verb in ("do", "does", "did") or verb.endswith("ing"):
        return None
    if words[-1].lower() in _PREPOSITIONS or words[-1].lower() in _DETERMINERS:
        return None  # "According to" + a verb: no adverbial yet
    if verb not in _AUXILIARIES and not _verb_form(verb):
        return None  # "In the morning rain she ...": a noun ends the adverbial
    after = text[m.end() :].split()
    following = after[0].strip(".,;:!?").lower() if after else ""
    if words[0].lower() in _CONJUNCTION_OPENERS and verb not in _AUXILIARIES and following and (
        following.endswith("ly") or following in _CLAUSE_ADVERBS or "VERB" in _lemmas(following)
    ):
        return None  # "After the storm passed they set off", "Before the meeting started she briefly spoke"
    if verb not in _AUXILIARIES and (
        following in _AUXILIARIES or following in _MODALS or following.endswith("ed") or (following and _verb_form(following))
    ):
        # "After the votes were counted she declared victory": a clause opened the sentence and
        # its verb is no V2; in V2 an object, "that" or a particle follows ("kicked he the victim")
        return None
    # an adverbial alone, no clause ("Yesterday they ..."): read as _fronted_adverbial reads one,
    # an opener of its own ("Then", "According") standing in for a preposition
    if not ago and not _fronted_adverbial(front if words[0].lower() in _FRONT_OPENERS else " ".join(["in", *words[1:]])):
        return None
    # (a participle or a passive's "was" stays after the pronoun: "Today is she married" -> "Today she is married")
    return 0, m.end(), f"{front} {pronoun} {verb}"


def _said_pronoun(text: str) -> tuple[int, int, str] | None:
    """", says he." closing a quote's attribution: Norwegian "sier han" word for word;
    English writes "he says"."""
    m = _SAID_PRONOUN.search(text)
    if m is None:
        return None
    verb, pronoun = m.group("verb"), m.group("pronoun")
    if pronoun in ("I", "we", "they") and verb.endswith("s"):  # (the base form: "they say", "I reply")
        verb = verb[:-3] + "y" if verb.endswith("ies") else verb[:-1]
    return m.start("verb"), m.end("pronoun"), f"{pronoun} {verb}"


#: ", informs the police." closing a sentence: Norwegian "opplyser politiet" (the police say),
#: a verb that English never puts before its subject ("..., says the police" it does).
_TRAILING_ATTRIBUTION = re.compile(
    r",[”\"’»]?\s+(?P<verb>informs|tells|shows)\s+(?P<np>"
    r"the(?:\s+(?-i:[A-ZÆØÅ][\w-]*|of|and|for)){1,6}"  # the Norwegian Public Roads Administration
    r"|the(?:\s+[a-z-]+){0,3}\s+(?P<head>[a-z]+)"  # the police, the fire department
    r"|(?:[a-z-]+\s+){0,3}(?-i:[A-ZÆØÅ][\w-]+)(?:\s+(?-i:[A-ZÆØÅ][\w-]+)){1,3}"  # operations manager Kari Lie
    r"|(?:new\s+)?(?P<source>figures|numbers|statistics|data)\s+(?:from|by)(?:\s+[\w-]+){1,5}"  # figures from X
    r")(?P<to>\s+to\s+(?-i:[A-ZÆØÅ0-9][\w-]*)(?:\s+(?-i:[A-ZÆØÅ0-9][\w-]*))*)?\s*(?P<end>[.!]?)[”\"»]?$"
)


def _present_third(word: str) -> bool:
    """Whether a lower-case word is a lexical verb's third person present ("detects"),
    no noun and no auxiliary."""
    if not word.endswith("s") or word in ("is", "has", "does", "was", "goes"):
        return False
    lemmas = _lemmas(word)
    return "VERB" in lemmas and "NOUN" not in lemmas and word not in lemmas["VERB"]


def _trailing_attribution(text: str) -> tuple[int, int, str] | None:
    """", informs the police." (*opplyser politiet*), ", tells operations manager Kari Lie
    to NRK.", ", shows figures from the hospital." closing a sentence whose only comma is
    that one: the speaker after a verb that English puts after its subject ("..., the
    police say").  Not where another comma comes before ("The video, filmed on Sunday,
    shows the police": a subject and a parenthesis)."""
    m = _TRAILING_ATTRIBUTION.search(text)
    if m is None or "," in text[: m.start()] or len(text[: m.start()].split()) < 5:
        return None  # "Woman finds wallet, tells the police": a headline's two verbs of one subject
    if any(_present_third(w) for w in re.findall(r"[a-z]+", text[: m.start()])):
        return None  # "The app detects the leak, informs the fire department": two verbs of one subject
    verb, np = m.group("verb"), m.group("np")
    if verb == "shows" and not m.group("source"):
        return None  # "shows the police" may be a picture's
    if verb != "shows" and m.group("source"):
        return None
    head = m.group("head")
    if head is not None and head not in _SPEAKERS:
        return None  # "tells the story"
    if not np.split()[-1][:1].isupper() and head is None and not m.group("source"):
        return None
    if verb == "shows":
        said = "show"
    else:
        said = "say" if head is not None and head in _PLURAL else "says"
    to = m.group("to") or ""
    if to:  # "informs X to NRK": "X tells NRK"
        said = "tell" if said == "say" else "tells"
        to = to.replace(" to ", " ", 1)
    start = m.start("verb")
    end = m.end("to") if m.group("to") else m.end("np")
    return start, end, f"{np} {said}{to}"


#: Auxiliaries that Norwegian word order puts before the subject after an adverbial
#: ("I går ble mannen pågrepet" -> "Yesterday was the man arrested").
#: Not "should": "On Monday should the weather improve, the race goes ahead" is a condition.
_AUXILIARIES = frozenset("was were is are has have had will would can could must shall did does do".split())
#: Verbs English itself puts before a subject after an adverbial of place or time
#: ("In the corner stood a lamp", "Then came the second goal"): not reported.
_INVERTING = frozenset(
    """come comes came coming follow follows followed stand stands stood lie lies lay sit sits sat remain remains
    remained hang hangs hung rise rises rose emerge emerges emerged appear appears appeared arrive arrives
    arrived live lives lived exist exists existed begin begins began end ends ended go goes went run runs ran
    loom looms loomed""".split()
)
#: An adverbial of time that opens a Norwegian sentence (a preposition and its noun
#: phrase, or a time adverb), then a verb; the subject is read after it by _inverted.
_INVERTED_OPENER = re.compile(r"(?:On|In|At|During|After|Before|Yesterday|Today|Tonight|Now|Last|Shortly|Over|Earlier)\b")
#: Words of a negative or restrictive adverbial, after which English itself inverts
#: ("At no time were the passengers told", "In only two games have they ...").
_RESTRICTIVE = frozenset("no not never neither nor only few little hardly rarely seldom scarcely vain such so".split())
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
#: An adverbial of time and nothing else, after which "was the man brought" is no
#: reduced relative ("At the hearing were the two men charged with ..." is English).
_PURE_TIME = re.compile(
    r"(?:On\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTHS + r"|"
    + _MONTHS + r"\s+\d{1,2})"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|In\s+(?:the\s+)?(?:morning|afternoon|evening|night)|In\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4})|At\s+\d{1,2}[.:]\d{2}|During\s+the\s+(?:night|day|weekend|morning|"
    r"afternoon|evening)|(?:After|Before)\s+(?:midnight|noon|\d{1,2}[.:]\d{2})"
    # (session 44) "Shortly after", "Over the weekend", "Earlier today"; not "Yesterday" or
    # "Last week", which may be the subject ("Yesterday was the warmest day recorded")
    r"|Shortly\s+(?:after(?:wards)?|before|afterwards)|"
    r"Over\s+the\s+(?:weekend|summer|winter|holidays|night)|Earlier\s+(?:today|this\s+(?:week|month|year)))"
    r"|" + _AGO.pattern,  # (session 46) "Two years ago debuted Kvamme"
    re.IGNORECASE,
)
#: Head nouns of an adverbial of time ("In the second half", "During the trial").
_TIME_HEADS = frozenset(
    """morning afternoon evening night weekend week month year season half period round game match hearing
    meeting debate final start end spring summer autumn winter holidays holiday break interval day days""".split()
)
_INVERTED_VERB = re.compile(r" ([a-z]+)(?= \S)")
#: The subject after the verb: a determiner and one or two words, a pronoun, or a name.
_INVERTED_SUBJECTS = (
    re.compile(r"(?:the|his|her|their|its|a|an) [a-z0-9-]+(?= )"),
    re.compile(r"(?:the|his|her|their|its|a|an) [a-z0-9-]+ [a-z0-9-]+(?= )"),
    re.compile(r"(?:I|we|he|she|they)(?= )"),
    re.compile(r"(?-i:[A-ZÆØÅ][\w-]+)(?: (?-i:[A-ZÆØÅ][\w-]+))?(?= )"),
)


def _base_form(word: str) -> bool:
    """Whether a lower-case word is the base form of an English verb ("hold", "set"),
    not a past form that is also one ("found", "hid", "left")."""
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word).get("VERB", ())
    if word not in lemmas:
        return False
    return not any(lemma != word and word in getInflection(lemma, "VBD") for lemma in lemmas)


def _verb_form(word: str) -> bool:
    """Whether a lower-case word is a form of an English verb only (not "hold", a noun too)."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "NOUN" not in lemmas and "ADJ" not in lemmas


def _inverted(text: str) -> str | None:
    """The sentence with its subject before its verb, where an adverbial of time or
    place opens it and the verb comes before the subject ("On Wednesday was the man
    brought before the court", "In the second half had Norway only one shot",
    "During the trial explained the 34-year-old that ..."); None where the order is
    English: a subject after a verb of position or motion ("In the evening came the
    news"), a copula before a noun phrase with no participle after it ("On board were
    200 passengers"), a question."""
    if text.rstrip().endswith("?") or not (_INVERTED_OPENER.match(text) or _AGO.match(text)):
        return None
    for m in _INVERTED_VERB.finditer(text, 0, 60):
        front, verb = text[: m.start()], m.group(1)
        words = front.lower().split()
        pure_time = bool(_PURE_TIME.fullmatch(front))
        inverting = _INVERTING | _APPEARING if pure_time else _INVERTING
        if any(c in front for c in ",;:!?\"“”()") or verb in inverting or not (pure_time or _fronted_adverbial(front)):
            continue
        if _RESTRICTIVE & set(words) or words[-1] in _DETERMINERS or words[-1].endswith(("ly", "'s", "’s")):
            continue  # "At no time were ...": English inverts; "At the packed stadium": no verb yet
        of_time = words[0] == "during" or bool(_TIME_WORDS.fullmatch(words[-1]) or words[-1] in _TIME_HEADS)
        for pattern in _INVERTED_SUBJECTS:
            found = pattern.match(text, m.end() + 1)
            if found and _inverted_order(verb, found.group(0), text[found.end() + 1 :], of_time, pure_time):
                return f"{front} {found.group(0)} {verb} {text[found.end() + 1 :]}"
        if pure_time and verb not in _AUXILIARIES and verb not in _MODALS:
            fixed = _inverted_lexical(front, verb, text[m.end() + 1 :])
            if fixed:
                return fixed
    return None


#: Verbs of appearing, which English itself puts before its subject after an adverbial
#: of time alone ("On Monday came the news that ...", "Then followed a long silence").
_APPEARING = frozenset(
    """come comes came follow follows followed appear appears appeared emerge emerges emerged arrive arrives
    arrived begin begins began start starts started exist exists existed rest rests rested sound sounds sounded
    turn turns turned grow grows grew happen happens happened break breaks broke enter enters entered speak speaks
    spoke ring rings rang strike strikes struck fall falls fell occur occurs occurred
    mark marks marked see sees saw bring brings brought witness witnesses witnessed""".split()
)
#: Adverbs after a subject (which they end: "goes the trip further to Vågå").
_ADVERBS = frozenset(
    "further again also once twice still now then here there already only even too back home away ahead together forward "
    "today tonight yesterday tomorrow first out up down off".split()
)
#: What ends the subject noun phrase after the verb: a preposition, a conjunction, an
#: adverb, a number or a punctuation mark ("the prices by 0.9 percent").
_SUBJECT_END = re.compile(
    r"(?:\s+(?:"
    + "|".join(sorted({*"in on at of for from to with by under over about after before into that and but as than".split(), *_ADVERBS}))
    + r"|\d[\d.,]*)\b|[,;:.!?])"
)
#: A determiner and one to four words (tried longest first, to the end of the subject).
_DETERMINER_SUBJECT_N = tuple(
    re.compile(r"(?:the|his|her|their|its|a|an)" + r" [A-Za-zÆØÅæøå0-9-]+" * n + r"(?=\s|[,;:.!?])") for n in range(1, 5)
)
_OBJECT_START = re.compile(
    r" (?:the|a|an|his|her|their|its|new|more|two|three|four|five|six|seven|eight|nine|ten|several|\d)\b"
)
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten several many minus".split())
_NAME_SUBJECT = re.compile(
    r"(?-i:[A-ZÆØÅ][\w-]+)(?: (?-i:[A-ZÆØÅ][\w-]+))?(?: and (?-i:[A-ZÆØÅ][\w-]+)(?: (?-i:[A-ZÆØÅ][\w-]+))?)?"
    r"(?=\s|[,;:.!?])"
)


def _finite(verb: str) -> bool:
    """Whether a lower-case word is a past or third-person form of an English verb
    ("rose", "decided", "pays"), not its base form."""
    all_lemmas = _lemmas(verb)
    lemmas = all_lemmas.get("VERB", ())
    if "NOUN" in all_lemmas and verb.endswith("s"):
        return False  # "In the evening talks the two leaders agreed": a plural noun ends the adverbial
    return bool(lemmas) and verb not in lemmas and not verb.endswith("ing")


def _noun_then_adjective(words: list[str]) -> bool:
    """Whether an adjective (and no noun) follows a noun (and no adjective) in ``words``:
    a second noun phrase begins ("government new measures")."""
    tags = [_lemmas(w) for w in words]
    return any(
        "NOUN" in a and "ADJ" not in a and "ADJ" in b and "NOUN" not in b for a, b in zip(tags, tags[1:])
    )


def _inverted_lexical(front: str, verb: str, rest: str) -> str | None:
    """A verb of its own before its subject after an adverbial of time alone: "In
    February rose the prices by 0.9 percent", "On Tuesday decided the county council
    to ...", "In September scored Eikrem twice".  English puts no verb there but a
    verb of appearing ("On Monday came the news") or an auxiliary (read by
    :func:`_inverted_order`).  The subject is a determiner and up to four words before
    a preposition, a conjunction, a number or a punctuation mark, or a name after a
    verb that is no noun ("scored", not "rose")."""
    if not _finite(verb):
        return None
    candidates = [m.group(0) for m in (_DETERMINER_SUBJECT_N[n].match(rest) for n in range(4)) if m]
    if not candidates:
        name = _NAME_SUBJECT.match(rest)
        if name is None or "NOUN" in _lemmas(verb) or _TIME_WORDS.fullmatch(name.group(0).split()[0]):
            return None
        candidates = [name.group(0)]
    for subject in sorted(candidates, key=len, reverse=True):
        tail = rest[len(subject) :]
        if re.match(r"\s+(?:of|and)\b", tail):
            return None  # "the prices of electricity", "the minister and the mayor": no sure place for the verb
        words = subject.lower().split()
        if any(w in _LOWER_WORDS or w in _PREPOSITIONS or w in _ADVERBS or w in _DETERMINERS for w in words[1:]):
            continue
        if any(w in _NUMBER_WORDS or w[:1].isdigit() for w in words[1:]) or _noun_then_adjective(words[1:]):
            continue  # "the police two men", "the government new measures": the object begins
        if _TIME_WORDS.fullmatch(words[-1]):
            continue
        if re.match(r",\s+(?:which|who|whose|where)\b", tail):
            return None  # "presented NorgesGruppen, which owns ..., a profit": the verb's place is not clear
        if _SUBJECT_END.match(tail) or _OBJECT_START.match(tail):
            age = _AGE_AFTER.match(tail)
            if age is not None:  # "a man in his 50s", "a woman (34)": the age goes with the subject
                subject, tail = subject + age.group(0), tail[age.end() :]
            return f"{front} {subject} {verb}{tail}"
    return None


#: A person's age after the noun: " in his 50s", " in her early 30s", " (34)".
_AGE_AFTER = re.compile(r"\s+in\s+(?:his|her|their)\s+(?:early\s+|mid-|late\s+)?\d0s\b|\s+\(\d{1,3}\)")


def _inverted_order(verb: str, subject: str, rest: str, of_time: bool, pure_time: bool) -> bool:
    """Whether ``verb subject rest`` is a verb before its subject, not English.  After an
    adverbial of place or state ("In custody is the man arrested ...", "At stake are the
    jobs created ...") a copula and a verb of its own invert in English too: only an
    adverbial of time (``of_time``) reads them so."""
    head = subject.split()[-1]
    pronoun = subject in ("I", "we", "he", "she", "they")
    if (head.lower() in _LOWER_WORDS and not pronoun) or _TIME_WORDS.fullmatch(head):
        return False
    words = rest.split()
    if not words or not words[0][:1].islower():
        return False
    first = words[0].strip(".,;:!")
    if verb in _AUXILIARIES:
        # the subject between the auxiliary and the rest of the verb: "was the man brought",
        # "will the police hold", "had Norway only one shot", "have I learned"
        participle = first.endswith("ed") or first in _IRREGULAR_PARTICIPLES
        if verb in ("was", "were", "is", "are"):
            # "On Wednesday was the man brought" is not English; "On board were two ...",
            # "At the hearing were the men charged with ...", "On Monday is the deadline
            # set by ..." are: only the past, after a time and nothing else
            return participle and pure_time and verb in ("was", "were")
        # after a modal or "do" a verb's base form ("will the police hold"; not "In a
        # handwritten will the artist left ...", "In an old paint can the police found ...")
        base = _base_form(first)
        if verb in ("did", "does", "do"):
            return base and of_time
        if verb in ("had", "has", "have"):
            return _verb_form(first) or participle or first in ("only", "no", "one", "two", "three", "several", "many")
        return base
    # a verb of its own before a noun phrase, then "that" or an object:
    # "During the trial explained the 34-year-old that ..."
    return of_time and verb in _SAYING and first in ("that", "to", "the", "a", "an", "his", "her", "their")



#: Past participles that are not "-ed" forms, for "must have ...".
_IRREGULAR_PARTICIPLES = frozenset(
    """been had done gone seen taken given known shown thrown driven stolen broken fallen beaten bitten
    hidden ridden written chosen spoken woken forgotten gotten got hit cut put set shot struck fled left
    lost kept held sent spent built fought caught brought bought thought taught told sold found made paid
    said heard met run ran won begun swum drunk sunk stuck hung led fed dealt meant felt slept swept
    sought overtaken undertaken withdrawn""".split()
)
#: Words before "must have" that make it the writer's or a speaker's conclusion.
_BELIEF = re.compile(
    r"\b(?:said|says|say|believe[sd]?|think|thinks|thought|assume[sd]?|suspect(?:s|ed)?|conclude[sd]?|"
    r"according|probably|surely|clearly|obviously)\b",
    re.IGNORECASE,
)


class ReportedlyAsMust(Check):
    """"Must have" where Norwegian "skal ha" means "reportedly" ("The man must have hit a guard").

    Norwegian news reports what is alleged with "skal": "Mannen skal ha slått en
    vakt" (the man is said to have hit a guard).  Rendered word for word it
    becomes "must have" (or "shall have"), which in English is a conclusion the
    writer draws (or a stiff future).  Found where "must have" is followed by a
    past participle ("must have hit", "must have been", "must already have sold"),
    outside quotations and reported beliefs ("police said the man must have ...",
    "probably"), after a subject other than I, we, you, they or one, and not where
    a minimum or a deadline follows or the subject is anyone who meets a rule
    ("Applicants must have lived here for at least two years"); "shall have" with a
    past participle after a subject other than I or we, where a past time or a
    reporting source is in the sentence; "no one must have been" with what befell
    them ("No one must have been injured": *ingen skal være skadd*, no one is
    reported injured); and "must be" in or at a place after an event ("The fire must
    be in Marken": *brannen skal være i Marken*, the fire is said to be there), not
    before a deadline or a purpose.  "According to" a news outlet or a source that
    reports what is alleged (an indictment, the police, a witness, sources: "According
    to VG, the man must have ...", "According to the indictment, ...") is reported: it
    renders "ifølge VG skal mannen ha ...", a report and its source; according to
    anyone else (investigators, historians, a doctor) it may be their conclusion.

    Flags:
    - The man must have hit a guard before he ran off.
    - There must have been several cars at the scene.
    - According to the indictment, the woman must have transferred the money to her own account.
    - According to the police, the two shall have broken into several cabins last week.

    Allows:
    - – I must have fallen asleep, she says.
    - Drivers must have a valid licence.
    - The phone is a must have for fans.
    - Police said the man must have entered through a window.
    - According to investigators, the fire must have started in the kitchen.
    """

    code = "GR006"
    name = "reportedly-as-must"
    family = "grammar"
    severity = Severity.WARNING

    _PATTERN = re.compile(
        r"(\S+)\s+(?P<modal>must|shall)\s+(?:(?:also|already|still|even|in reality|in fact)\s+)?have\s+([a-z]+)\b"
    )
    #: "No one must have been injured", "Nobody must have been hurt".
    _NO_ONE = re.compile(
        r"\b(?P<who>no one|nobody|none(?: of (?:the|them)(?: \w+)?)?)\s+(?P<modal>must|shall)\s+(?P<verb>have\s+been)\s+(?:\w+ly\s+)?"
        r"(?:injured|hurt|harmed|killed|wounded|in the (?:area|building|house|car|water))\b",
        re.IGNORECASE,
    )
    #: "The fire must be in Marken": where something that happened is (*skal være*, is said to be).
    _WHERE = re.compile(
        r"\b(?:[Tt]he|[Aa]n?)\s+(?P<thing>fire|accident|collision|incident|crash|blaze|explosion|landslide|avalanche|"
        r"shooting|stabbing|robbery|burglary|fight|leak|outage)\s+"
        r"(?P<modal>must\s+be)\s+(?:in|at|on)\s+(?:the\s+)?(?-i:[A-ZÆØÅ])[\w-]*(?:\s+[A-ZÆØÅ][\w-]*)*"
        # (not "must be in Bergen by Friday", "... when she applies", "... to qualify")
        r"(?!\s+(?:by|before|when|while|to|for|until|no later)\b)"
    )

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            if text.lstrip()[:1] in "–—-“\"«'‘" or any(q in text for q in "“”\"«»"):
                continue  # a quotation: spoken "must have" is the speaker's own conclusion
            for m in self._WHERE.finditer(text):
                if self._believed(text, m.start()) is None:
                    continue
                yield self.finding(
                    doc,
                    sentence.start + m.start("modal"),
                    sentence.start + m.end("modal"),
                    "'must be' telling where something that happened is: probably Norwegian 'skal være' "
                    "(is said to be) rendered word for word",
                    suggestion="is said to be",
                    confidence=0.5,
                )
            for m in self._NO_ONE.finditer(text):
                if self._believed(text, m.start()) is None:
                    continue
                yield self.finding(
                    doc,
                    sentence.start + m.start("modal"),
                    sentence.start + m.end("verb"),
                    f"'{m.group('modal')} {m.group('verb')}' in a report of what happened: probably Norwegian "
                    "'skal være' (is reported to be) rendered word for word",
                    suggestion="is reported to have been",
                    confidence=0.6,
                )
            for m in self._PATTERN.finditer(text):
                subject, modal, participle = m.group(1).lower().strip(",;"), m.group("modal"), m.group(3)
                excluded = {"i", "we"} if modal == "shall" else {"i", "we", "you", "they", "one", "a", "the", "this", "that", "it"}
                if subject in excluded or subject in ("nobody", "none") or subject in _REQUIRED_OF:
                    continue  # ("Nobody must have been hurt" is _NO_ONE's; "Applicants must have lived ...")
                if _REQUIREMENT.search(text, m.end()):
                    continue  # "must have held a licence for at least two years", "shall have adopted it by 2025"
                if modal == "shall" and not (_PAST_CUE.search(text) or _believed_source(text, m.start())):
                    continue  # "The applicant shall have completed two years": a rule, not a report
                if participle not in _IRREGULAR_PARTICIPLES and not participle.endswith("ed"):
                    continue  # "must have a licence": an obligation
                confidence = self._believed(text, m.start()) if modal == "must" else 0.6
                if confidence is None:
                    continue  # someone's conclusion, reported
                if subject == "there":
                    after = text[m.end() :].split()
                    plural = bool(after) and (
                        after[0].lower() in {"several", "many", "some", "two", "three", "four", "five", "dozens"}
                        or _plural(after[0], after[0])
                    )
                else:
                    plural = subject in _COUNTED or _plural(subject, text[max(0, m.start(1) - 30) : m.end(1)])
                start = sentence.start + m.start("modal")
                end = sentence.start + m.end(0) - len(participle) - 1
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"'{text[m.start('modal') : m.end(0) - len(participle) - 1]}' in a report of what happened: "
                    "probably Norwegian 'skal ha' (reportedly, is said to have) rendered word for word",
                    suggestion=f"{'are' if plural else 'is'} said to have",
                    confidence=confidence,
                )

    @staticmethod
    def _believed(text: str, before: int) -> float | None:
        """The confidence that a "must" at ``before`` reports what is alleged, or None
        where the sentence makes it someone's conclusion: after a verb of saying or
        believing, or "according to" one whose trade is to conclude."""
        belief = list(_BELIEF.finditer(text, 0, before))
        if not belief:
            return 0.6
        last = belief[-1]
        if last.group(0).lower() != "according":
            return None
        # a news outlet's report ("According to VG, ..."), or an indictment's, the police's, a
        # witness's: what is alleged; anyone else may conclude ("According to historians, ...")
        return _reported_by(text, last.start())


#: Subjects that are plural on their own: "the two must have ...".
_COUNTED = frozenset("two three four five six seven eight nine ten both several many".split())
#: "According to" a source that reports what is alleged (Norwegian "ifølge tiltalen skal ..."):
#: an indictment or a charge, the police or the prosecution, witnesses, sources, a complaint.
#: Anyone else may draw a conclusion ("According to historians, the ship must have sunk").
_REPORTERS = re.compile(
    r"according to (?:the |his |her |their |a |an |several |other |local |unconfirmed )?(?:[\w-]+ ){0,2}?"
    r"(?:indictment|charges?|charge sheet|police|prosecutors?|prosecution|prosecuting authority|witness(?:es)?|"
    r"eyewitness(?:es)?|sources?|complaint|petition|lawsuit|tip|tip-off|magazine|website|media|news agency)\b",
    re.IGNORECASE,
)
#: Generic bearers of a requirement: "Applicants must have lived in Norway for seven years".
_REQUIRED_OF = frozenset(
    """applicants applicant candidates candidate drivers passengers players participants students pupils members
    visitors customers employees workers users owners tenants contractors contractor states""".split()
)
#: A deadline or a minimum after the participle: a requirement, not a report.
_MONTH_OR_DAY = r"(?:\d|next|january|february|march|april|may|june|july|august|september|october|november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_REQUIREMENT = re.compile(
    r"\b(?:within|no later than|for at least|at the latest|in order to)\b|"
    rf"\b(?:by|before) (?:the (?:deadline|end|start|time)\b|{_MONTH_OR_DAY})",
    re.IGNORECASE,
)
#: A time in the past: "shall have" + participle with it reports what happened.
_PAST_CUE = re.compile(
    r"\b(?:yesterday|last (?:night|week|month|year|weekend)|ago|earlier|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day (?:night|evening|morning)|in (?:19|20)\d\d|at the time)\b",
    re.IGNORECASE,
)


def _reported_by(text: str, at: int) -> float | None:
    """For "according to" at ``at``: the confidence that its source reports what is
    alleged (0.6 a news outlet, 0.5 an indictment, the police, a witness ...), or None."""
    if _report_source().match(text, at):
        return 0.6
    return 0.5 if _REPORTERS.match(text, at) else None


def _believed_source(text: str, before: int) -> bool:
    """Whether "according to" a reporting source stands before ``before``."""
    found = list(re.finditer(r"\baccording\b", text[:before], re.IGNORECASE))
    return bool(found) and _reported_by(text, found[-1].start()) is not None


@cache
def _outlet_names() -> str:
    """The gazetteer's news outlets as a regex alternation, the longest first."""
    from mtqa.names.gazetteer import gazetteer

    return "|".join(re.escape(o) for o in sorted(gazetteer().names("outlet"), key=len, reverse=True))


@cache
def _report_source() -> re.Pattern[str]:
    """"According to" a news outlet or its information: Norwegian "ifølge VG skal ...",
    a report and its source (investigators, experts or a lawyer draw conclusions)."""
    return re.compile(
        r"\baccording to (?:(?-i:" + _outlet_names() + r")\b|(?:the |a |local )*(?:newspaper|paper|broadcaster)\b|"
        r"[^,.;]{0,40}\b(?:information|sources)\b)",
        re.IGNORECASE,
    )


#: Roles whose holder may speak for an outlet: "said Kari Hansen at NRK" is then English.
_JOURNALISTS = frozenset(
    """journalist journalists reporter reporters editor editors correspondent commentator anchor presenter host
    photographer columnist critic""".split()
)
#: Institutions that are not news outlets: a speaker who names one speaks for it,
#: so the outlet after them is the one they told.
_INSTITUTIONS = re.compile(
    r"\b(?:police|fire|rescue|ambulance|hospital|emergency|operations|operation|duty|municipality|county|ministry|"
    r"directorate|court|prosecut\w*|army|armed|defence|defense|military|coast guard|customs|meteorolog\w*|"
    r"avalanche|road|roads|health|school|university|prison|station|district)\b",
    re.IGNORECASE,
)


class OutletPreposition(Check):
    """The outlet someone spoke to, with "at"/"in" or no word for Norwegian "til" ("said the police chief at NTB").

    Norwegian news closes a quote with "sier X til NRK" (X tells NRK).  Rendered
    with another preposition, or none, the speaker seems to work there: "said
    operations manager Kari Lie at NTB", "said the duty officer in the
    western police district Bergens Tidende".  Found where a quote tag ("says",
    "said" before the speaker) names someone of an institution that is not an
    outlet (police, fire, hospital, operations, a ministry, a district ...) and
    ends with a Norwegian news outlet of the gazetteer after "at", "in" or a
    lower-case word.  A journalist, a relative clause or a broadcast ("on NRK")
    is left alone.

    Flags:
    - We have no information about injuries, said police operations manager Kari Lie at NTB.
    - The road is closed, says duty officer Ola Berg in the police district Bergens Tidende.

    Allows:
    - The road is closed, says duty officer Ola Berg to NTB.
    - The budget is tight, said Kari Lie, head of communications at NRK.
    - The rules are clear, said union leader Hans Olsen in a debate on NRK.
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
                if re.search(r"\b(?:which|who|whom|whose|that|interview|debate|column|programme|program|show)\b",
                             speaker, re.IGNORECASE) or not _INSTITUTIONS.search(speaker):
                    continue
                if prep is None and (words[-1].lower() in _LOWER_WORDS or words[-1][0].isupper()):
                    continue  # "said Kari Hansen, VG" or a name run into the outlet: not this
                speaker = speaker.rstrip(" ,")
                # the span takes the verb of saying too: the suggestion puts it, in its tense, after
                # the speaker ("says X at NRK" -> "X tells NRK"; taken, "said X told NRK" would have two)
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end("outlet"),
                    f"'{prep + ' ' if prep else ''}{m.group('outlet')}' after a quote: the outlet the speaker "
                    "told (Norwegian 'til'), not where the speaker works",
                    suggestion=f"{speaker}{',' if ',' in speaker else ''} {tell(m.group('verb'))} {m.group('outlet')}",
                    confidence=0.6,
                )


@cache
def _outlet_tag() -> re.Pattern[str]:
    names = _outlet_names().replace(r"\ ", r"\s+")
    return re.compile(
        r"\b(?P<verb>says|said)\s+(?P<speaker>[^.;:!?\"“”]{3,120}?)\s+(?:(?P<prep>at|in)\s+)?"
        r"(?P<outlet>(?-i:" + names + r"))\b(?=\s*(?:$|[.,;!?]|at\s+\d|on\s+\w+day\b))"
    )



#: Verbs of a state or an activity that lasts: with them "in 30 years" is a duration
#: (Norwegian "i 30 år"), which English says with "for".
_DURATIVE = frozenset(
    """worked living lived stayed waited served taught led played sat lasted married closed remanded imprisoned
    jailed suspended banned barred detained hospitalised hospitalized coached managed owned sentenced missing
    searched protested fought""".split()
)
#: Counts between the verb and "in": what was done in that time ("searched 40 homes in two days").
_COUNT_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty several many dozens hundreds thousands".split()
)
#: Forms of "be" before a state's participle ("was closed").
_BE = frozenset("is are was were been be being remains remained".split())
#: "in 30 years", "in over five hours", "in almost four weeks": a duration with "in".
_IN_DURATION = re.compile(
    r"\bin (?P<amount>(?:(?:over|about|almost|nearly|around|more than|less than|just over|just under|roughly) )?"
    r"(?:\d+(?:[.,]\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a couple of|several) "
    r"(?:hours|days|weeks|months|years|decades))\b"
)
#: What makes "in N years" English: a negation, a superlative or "first" ("the first time in 30 years",
#: "hasn't rained in six weeks"), a time still to come ("will retire in two years"), an amount
#: reached ("lost 10 kg in six weeks").
_IN_DURATION_ENGLISH = re.compile(
    r"\b(?:not|never|no|n't|nobody|nothing|none|first|last|only|highest|lowest|best|worst|biggest|largest|"
    r"smallest|most|least|fewest|record|since|will|shall|going to|due|expected|planned|scheduled|within|"
    r"times|time|once|twice|-fold|per cent|percent|%)|\w+est\b",
    re.IGNORECASE,
)


class DurationWithIn(Check):
    """A duration with "in" where English says "for" ("She has worked there in 30 years").

    Norwegian gives a duration with "i": "Hun har jobbet der i 30 år" (for 30
    years), "Veien var stengt i over fem timer" (for over five hours).  Rendered
    word for word it becomes "in 30 years", which in English is a time to come
    ("she will retire in two years") or the time something took ("built in two
    years").  Found where a verb of a state or an activity that lasts (worked,
    lived, was closed, remanded, married ...) stands in the clause before "in"
    and a number of hours, days, weeks, months or years; not with a negation, a
    superlative or "first" ("the first time in 30 years", "has not rained in six
    weeks"), a future ("will close in two weeks"), or an amount ("lost 10 kg in six
    weeks", "tripled in two years").

    Flags:
    - She has worked at the school in 30 years.
    - The road was closed in over five hours on Tuesday.

    Allows:
    - It is the first time in 30 years that the river has flooded.
    - It has not rained in six weeks.
    - The school will close in two years.
    - The bridge was built in two years.
    """

    code = "GR008"
    name = "duration-with-in"
    family = "grammar"
    severity = Severity.WARNING

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in _IN_DURATION.finditer(text):
                clause = re.split(r"[,;:–—]|\b(?:and|but|that|which|who|because|when)\b", text[: m.start()])[-1]
                words = re.findall(r"[\w'’-]+", clause.lower())[-8:]
                durative = [
                    i for i, w in enumerate(words)
                    # (a state: "was closed", not "the road closed"; not "worked out the plan")
                    if w in _DURATIVE and (w != "closed" or (i and words[i - 1] in _BE))
                    and (i + 1 == len(words) or words[i + 1] not in ("out", "up", "off"))
                ]
                if not durative:
                    continue
                between = words[durative[-1] + 1 :]
                if any(w.isdigit() or w in _COUNT_WORDS for w in between) or (between[:1] and between[0] in ("his", "her", "their", "its") and "way" in between):
                    continue  # "played in three World Cups in 12 years", "worked her way up in 15 years": the time it took
                if _IN_DURATION_ENGLISH.search(clause) or _IN_DURATION_ENGLISH.match(text, m.end()):
                    continue
                if re.match(r"\s*(?:ago|time|from now|later|before|after)\b|['’]", text[m.end() :]):
                    continue  # "in two weeks' time", "in 30 years from now"
                yield self.finding(
                    doc,
                    sentence.start + m.start(),
                    sentence.start + m.end(),
                    "a duration with 'in', probably Norwegian 'i' (for) rendered word for word: "
                    "'in 30 years' is a time to come or the time something took",
                    suggestion=f"for {m.group('amount')}",
                    confidence=0.5,
                )


CHECKS = (
    CapitalAfterComma,
    BrokenSentence,
    DoubledWord,
    MissingVerb,
    VerbBeforeSubject,
    ReportedlyAsMust,
    OutletPreposition,
    DurationWithIn,
)
