"""Family ``idiom``: garbled idioms, literal renderings and false friends.

One engine over the Norwegian-English lexicon (``mtqa/lexicons/*.yaml``): each
entry's renderings are matched sentence by sentence, with its context cues, on
the English alone; a sentence is only tried against the entries whose required
strings it contains.  An entry with a ``suggest`` template computes its
suggestion from the match ("before the clock 21" -> "before 9 pm"; "night to
Sunday" -> "on Saturday night").  With the Norwegian source at hand, an entry
whose Norwegian expression is in the source is reported with high confidence,
and an entry whose expression is not in the source stays silent.  Overlapping
matches are resolved to one finding per span; sentences (and articles) that
read as Norwegian are left to the untranslated checks.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from mtqa import lexicons
from mtqa.checks.base import Check, CheckContext
from mtqa.checks.untranslated import glossed_norwegian, norwegian_words
from mtqa.lexicons import Entry, Lexicon
from mtqa.model import Document, Finding, Severity, unfold_apostrophes

#: Lexicon entry kind -> check code.
KIND_CODES = {
    "idiom": "ID001",
    "literal": "ID002",
    "particle": "ID002",
    "word-order": "ID002",
    "compound": "ID002",
    "institution": "ID002",
    "false-friend": "ID003",
}
SOURCE_CONFIDENCE = 0.95
#: A match of the renderings composed from the dictionary of senses
#: (:mod:`mtqa.lexicons.compose`): no person wrote or read it, so it is at most a
#: warning, a little less sure than its entry, and always a word-for-word rendering.
COMPOSED_CODE = "ID002"
COMPOSED_CONFIDENCE = 0.85
COMPOSED_SEVERITY = Severity.WARNING


@cache
def _lexicon(paths: tuple[str, ...]) -> Lexicon:
    return lexicons.load(paths)


def lexicon_for(ctx: CheckContext | None) -> Lexicon:
    """The built-in lexicon with the context's lexicon files (``--lexicon``)."""
    return _lexicon(ctx.lexicons if ctx is not None else ())


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int
    confidence: float
    source_text: str | None = None
    suggestion: str = ""
    composed: bool = False

    @property
    def code(self) -> str:
        return COMPOSED_CODE if self.composed else KIND_CODES[self.entry.kind]


class LexiconSpans:
    """The spans the lexicon's entries match in a document (ID001-ID003), found on first
    use: where an entry names the expression, its finding is the one for the span."""

    def __init__(self, doc: Document, ctx: CheckContext | None) -> None:
        self.doc, self.ctx = doc, ctx
        self._spans: list[tuple[int, int]] | None = None

    def overlap(self, start: int, end: int) -> bool:
        if self._spans is None:
            matches = find_matches(self.doc, lexicon_for(self.ctx), {"ID001", "ID002", "ID003"})
            self._spans = [(k.start, k.end) for k in matches]
        return any(s < end and start < e for s, e in self._spans)


def _memo_key(doc: Document, lexicon: Lexicon) -> str:
    """The key of a document's matches among its derived data (:meth:`Document.memo`):
    they depend on the lexicon and the Norwegian source too."""
    source = hashlib.sha256((doc.source or "").encode("utf-8")).hexdigest()[:16]
    return f"idioms.matches:{lexicon.sha256}:{source}"  # the whole hash: a lexicon derived from another may share its prefix


def find_matches(doc: Document, lexicon: Lexicon, codes: set[str]) -> Iterator[Match]:
    """Lexicon matches of the given codes in the document's text sentences, one per
    span (overlaps are resolved across all three codes before the codes are picked).

    ID001, ID002 and ID003 scan a document's sentences against the lexicon once,
    not once each: the matches are kept on the document."""
    matches: list[Match] = doc.memo(_memo_key(doc, lexicon), lambda d: _resolve(_candidates(d, lexicon)))
    yield from (m for m in matches if m.code in codes)


def _resolve(candidates: list[Match]) -> list[Match]:
    """One match per span across ID001-ID003: of overlapping matches, one of a
    rendering written by hand before a composed one, then the most confident, then the
    longest (the most specific) is kept."""
    candidates = sorted(
        candidates, key=lambda m: (m.composed, -m.confidence, -(m.end - m.start), m.start, m.entry.id)
    )
    kept: list[Match] = []
    for match in candidates:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


#: A match of more words than this is narrowed to the words its suggestion changes,
#: where its suggestion keeps at least _CONTEXT of them ("sentenced to prison in eight
#: years" -> "sentenced to eight years in prison" stays whole: the words are the rendering).
_WIDE = 5
_CONTEXT = 3
_TOKEN = re.compile(r"\S+")


def _narrowed(match: Match, text: str) -> Match:
    """A wide match narrowed to the words its suggestion changes, with the suggestion
    narrowed alike, for the finding (the match keeps its span for the other checks). A
    rendering often takes the words around the calque to be sure of its sense ("ordered
    to pay 150,000 kroner in uprising" -> "... in compensation"; "kicks Hege Tveit after
    seven straight losses" -> "sacks ..."); the finding is the calque ("uprising" ->
    "compensation", "kicks" -> "sacks"), and taking the narrowed suggestion gives the same
    sentence. A match of a few words, or whose suggestion keeps fewer than three of its
    first and last words, stays as it is."""
    if not match.suggestion or match.composed:
        return match
    found = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, match.start, match.end)]
    if len(found) <= _WIDE:
        return match
    said = match.suggestion.split()
    head = 0
    while head < min(len(found), len(said)) and found[head][2] == said[head]:
        head += 1
    tail = 0
    while tail < min(len(found), len(said)) - head and found[-1 - tail][2] == said[-1 - tail]:
        tail += 1
    if head + tail < _CONTEXT or head + tail >= len(found) or head + tail >= len(said):
        return match  # little shared (the words are the rendering), or a word taken out or put in
    core = found[head : len(found) - tail]
    return replace(
        match, start=core[0][0], end=core[-1][1], suggestion=" ".join(said[head : len(said) - tail])
    )


#: Bokmål function words that are not English words: a sentence made of them is
#: Norwegian (left untranslated, or a Norwegian article), which the lexicon of
#: English renderings does not read ("full storm" is Norwegian too).
NORWEGIAN_WORDS = frozenset(
    "og på er det som ikke til av har med jeg hun han vi ble skal kan var etter fra "
    "men også eller når hva hvor dette denne disse seg sin sitt sine være blir ved "
    "mot om fikk får kom må vil sier sa mange mer enn noe noen alle bare nå her der "
    "hadde ha hvis fordi mens da etter".split()
) - {"her", "man", "at"}
_WORD = re.compile(r"[^\W\d_]+")


def looks_norwegian(text: str, share: float = 0.2, least: int = 3) -> bool:
    """Whether a text reads as Norwegian: at least ``least`` of its words, and
    ``share`` of them, are Bokmål function words that English does not have."""
    words = [w.lower() for w in _WORD.findall(text)]
    hits = sum(w in NORWEGIAN_WORDS for w in words)
    return hits >= least and hits >= share * len(words)


_QUOTED = re.compile(r"[“\"«‘]([^”\"»’\n]{2,120})[”\"»’]")


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Spans of quoted titles ('“Night To Remember”'): quoted text of two or more
    words, most of them capitalised.  A song, film or show title is what its
    makers called it, not a translation to correct."""
    spans = []
    for m in _QUOTED.finditer(text):
        words = _WORD.findall(m.group(1))
        if len(words) >= 2 and sum(w[0].isupper() for w in words) * 5 >= len(words) * 3:
            spans.append((m.start(), m.end()))
    return spans


#: Capitalised function words: a capital after one of them is not inside a name.
_NOT_NAME_WORDS = frozenset(
    "the a an this that these those in on at for from to by with and but or of as after before "
    "when while if it he she they we i our their his her its".split()
)
_LAST_WORD = re.compile(r"([^\W\d_][\w'’.&-]*)\s+$")
#: What makes the last word of a compound's composed parts a verb with its object ("a
#: good doctor guards against", "the price rewards the customers who wait"): a determiner
#: or an object pronoun after it.  Not "that", "this", a particle or an article: "the air
#: alarms that sounded", "the air alarms this morning", "three air alarms a day".
_VERB_FOLLOWS = re.compile(r"\s+(?:the|his|her|their|its|our|your|my|him|them|us|me|against)\b", re.IGNORECASE)
#: A word-for-word gloss given on purpose, and the match inside it: 'Literally "to have
#: ice in the stomach"', 'what translates as "the stick meat"'.
_GLOSS_OPENS = re.compile(
    r"\b(?:literally|literal translation|word[- ]for[- ]word|translates? (?:as|to)|translated)\s*[:,]?\s*[\"“‘'«]"
    r"[^\"”’'»]*$",
    re.IGNORECASE,
)
#: A quoted Norwegian saying and the English given after it: '"Hun har is i magen", she
#: has ice in her stomach'.
_AFTER_NORWEGIAN_QUOTE = re.compile(r"[\"”’»]\s*[,:–—-]\s*(?:[^\W\d_]+\s+){0,3}$")


def _glossed_on_purpose(text: str, start: int) -> bool:
    """Whether the match at ``start`` is a word-for-word gloss the text gives on purpose:
    inside the quotation after "literally" or "translates as", or right after a quoted
    Norwegian saying (three words or more, most of them Bokmål function words)."""
    window = text[max(0, start - 120) : start]
    if _GLOSS_OPENS.search(window):
        return True
    if not _AFTER_NORWEGIAN_QUOTE.search(window):
        return False
    return any(
        m.end() >= len(window) - 40
        and len(_WORD.findall(m.group(1))) >= 3
        and looks_norwegian(m.group(1), share=0.4, least=2)
        for m in _QUOTED.finditer(window)
    )


_MINOR_WORDS = frozenset("a an the of in on at to and or for by with as from".split())


def _title_case(text: str) -> bool:
    """A headline in title case: every word capitalised but the minor ones."""
    words = _WORD.findall(text)
    return len(words) >= 3 and all(w[0].isupper() for w in words if w.lower() not in _MINOR_WORDS)


def _inside_a_name(text: str, start: int) -> bool:
    """Whether a match starting at ``start`` continues a proper name: it starts with a
    capital, mid-sentence, right after a capitalised word that is no function word, no
    place of the gazetteer and no adjective of nationality ("Coast Guard chief", "Google
    Earth users", "Nations League gold"; not "the Norwegian Crash Commission", not "Oslo
    Police High School"), in a sentence that is not written in title case."""
    if not text[start : start + 1].isupper() or _title_case(text):
        return False
    m = _LAST_WORD.search(text[max(0, start - 40) : start])
    if m is None or not m.group(1)[0].isupper():
        return False
    word = m.group(1).rstrip(".")
    from mtqa.names.gazetteer import gazetteer
    from mtqa.names.lexicon import ADJECTIVE_ENDINGS

    return (
        word.lower() not in _NOT_NAME_WORDS
        and not word.lower().endswith(ADJECTIVE_ENDINGS)
        and not gazetteer().knows(word)
    )


def _ends_in_a_verb(text: str, end: int, phrase: str) -> bool:
    """Whether the last word of a compound's composed parts reads as a verb in the third
    person with its object after it ("a good doctor guards against ...", "a lower price
    rewards the customers ..."): the two words are then no compound."""
    last = phrase.split()[-1].lower()
    return (
        len(phrase.split()) > 1
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s", "’s"))
        and _VERB_FOLLOWS.match(text, end) is not None
    )


def _left_alone(entry: Entry, m: re.Match[str], text: str) -> bool:
    """Whether the check leaves an entry's match in ``text``: a word-for-word gloss
    given on purpose, a Norwegian word glossed where it stands, or (for a composed
    match) a proper name continued or a compound whose last word is a verb."""
    if _glossed_on_purpose(text, m.start()) or glossed_norwegian(text, m.start(), m.end()):
        return True
    if not entry.is_composed(m):
        return False
    return _inside_a_name(text, m.start()) or (
        entry.kind == "compound" and _ends_in_a_verb(text, m.end(), m.group())
    )


def _candidates(doc: Document, lexicon: Lexicon) -> list[Match]:
    """Every entry's matches in the document, before overlaps are resolved."""
    source = doc.source or None
    candidates: list[Match] = []
    if looks_norwegian(doc.text, share=0.3):
        return candidates  # a Norwegian article, not a translation (a partly
        # untranslated one is read sentence by sentence below)
    sentences = doc.text_sentences()
    article = doc.article_text()  # one string for the document: entries keep their verdict on it
    for at, sentence in enumerate(sentences):
        text = doc.text[sentence.start : sentence.end]
        if looks_norwegian(text):
            continue  # Norwegian text is the untranslated checks' business
        kind = doc.blocks[sentence.block].kind.value
        titles = quoted_titles(text)
        around = doc.topic_window(sentences, at)
        for entry, only in lexicon.candidate_renderings(text):  # cheap substring prefilter
            spans = [
                m for m in entry.iter_matches(text, kind, around, only, article)
                if not any(a <= m.start() and m.end() <= b for a, b in titles) and not _left_alone(entry, m, text)
            ]
            if not spans:
                continue
            source_match = entry.in_source(source) if source else None
            if source and source_match is None:
                continue  # the source says the Norwegian expression is not there
            confidence = entry.confidence
            if source_match is not None:
                confidence = max(confidence, SOURCE_CONFIDENCE)
            for m in spans:
                composed = entry.is_composed(m)
                start, suggestion = _fit_article(text, m.start(), entry.suggestion_for(m))
                # matched with its apostrophes folded: the suggestion takes the article's own kind
                suggestion = unfold_apostrophes(suggestion, text[m.start() : m.end()])
                candidates.append(
                    Match(
                        entry,
                        sentence.start + start,
                        sentence.start + m.end(),
                        confidence * COMPOSED_CONFIDENCE if composed and source_match is None else confidence,
                        source_match.group(0) if source_match else None,
                        lexicons.sentence_case(suggestion, text[:start], text[start : m.end()]),
                        composed,
                    )
                )
    return candidates


_ARTICLE_BEFORE = re.compile(r"(?:(?<=[\s\"'“‘«(\[—–])|^)(an?|the)\s+$", re.IGNORECASE)
#: First words of a suggestion that is no noun phrase ("it is reasonable to
#: assume"): an article before the match is none of its business.
_NOT_A_NOUN_PHRASE = frozenset(
    "it there he she they we you i this that is are was were be been has have had do does did "
    "can could will would should must may might not to".split()
)


def _a_noun_phrase(text: str) -> bool:
    """Whether ``text`` may be a noun phrase, by its first word ("it is reasonable to
    assume", "don't have corona" are not)."""
    first = text.split()[0].lower() if text.split() else ""
    return first not in _NOT_A_NOUN_PHRASE and not first.endswith(("n't", "n’t"))


#: Before the first word of a sentence, or of a caption after its label ("Forecast: ...").
_OPENING = lexicons.OPENING + "[:"


def _fit_article(text: str, start: int, suggestion: str) -> tuple[int, str]:
    """The start of a finding and its suggestion, with the article before the match
    taken in where the suggestion needs another one: "a difference treatment" ->
    "an unequal treatment" (the span takes the "a"); "an easy breeze" -> "a gentle
    breeze" where the suggestion brings its own ("a gentle breeze"), whose article
    then gives way to the sentence's ("the easy breeze" -> "the gentle breeze").
    A capital "A" inside a sentence that is not in title case is no article ("Plan
    A"); a suggestion that is no noun phrase leaves the article alone."""
    before = _ARTICLE_BEFORE.search(text[:start])
    if before is None or not suggestion:
        return start, suggestion
    article = before.group(1)
    inside = text[: before.start()].strip(_OPENING)
    if article == "A" and inside and not _title_case(text):
        return start, suggestion  # "Plan A", "vitamin A"
    own = lexicons.LEADING_ARTICLE.match(suggestion)
    rest = suggestion[own.end() :] if own else suggestion
    if not rest.split() or not _a_noun_phrase(rest):
        return start, suggestion
    if article.lower() == "the":
        return (start, rest) if own else (start, suggestion)
    an = lexicons._an(rest)
    if an is None or (an == (article.lower() == "an") and not own):
        return start, suggestion
    if an == (article.lower() == "an"):
        return start, rest  # the sentence's article fits: the suggestion's own goes
    return before.start(), f"{lexicons.article_like(article, an)} {rest}"


def _left_matches(doc: Document, ctx: CheckContext | None) -> Iterator[Match]:
    """The lexicon's matches of its Norwegian left as it is (see :func:`left_in_norwegian`),
    alone or inside the match (:func:`_norwegian_inside`)."""
    for match in find_matches(doc, lexicon_for(ctx), set(KIND_CODES.values())):
        found = doc.text[match.start : match.end]
        if lexicons.left_in_norwegian(match.entry, found) or _norwegian_inside(match.entry, found):
            yield match


def _norwegian_inside(entry: Entry, found: str) -> str | None:
    """A word of the entry's Norwegian left as it is inside a longer match, one that
    Norwegian knows better than English does: "stas" in "It was stas" (*det var stas*),
    "rutte" in "money to rutte with"; None where the match's words are all English."""
    from mtqa.checks.untranslated import leans_norwegian

    forms = {
        w
        for form in lexicons.FORM_SPLIT.split(entry.norwegian)
        for w in form.split()
        if len(w) >= 4 and w.isalpha() and w.islower()  # (not a name: "direkte på VGTV")
    }
    for m in re.finditer(r"[^\W\d_]+", found):
        if not m.group(0)[1:].islower():
            continue  # "VGTV": a name
        low = m.group(0).lower()
        if low != found.lower() and any(low == w + end for w in forms for end in lexicons.NOUN_ENDINGS) and leans_norwegian(low):
            return m.group(0)
    return None


#: A sentence that glosses a Norwegian word it quotes: "using the Norwegian (slang) word for a
#: treat", "stas being the Norwegian word for ...".
_NORWEGIAN_WORD_FOR = re.compile(r"\bNorwegian\s+(?:\w+\s+)?(?:word|term|expression|phrase)\s+for\b", re.I)


class NorwegianExpressionLeft(Check):
    """A Norwegian word or expression of the lexicon left untranslated, with the lexicon's English.

    The lexicon knows the English of Norwegian news's words ("merd", the net pen of a
    fish farm; "bl.a.", among other things); where one stands in the English as it is,
    it was left untranslated, and the entry's English is the suggestion.

    Flags:
    - Set designer Tom Lie has built a merd that slowly rotates on the stage.
    - In the break, she has bl.a. written songs for other artists.

    Allows:
    - Set designer Tom Lie has built a net pen that slowly rotates on the stage.
    - In the break, she has written songs for other artists, among other things.
    """

    code = "UT006"
    name = "norwegian-expression-left"
    family = "untranslated"
    severity = Severity.ERROR
    variable_severity = True  # each lexicon entry says how sure it is

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        # a word UT001 finds is UT001's, with the English it gives (the lexicon's, where the
        # lexicon has the word): one finding a word
        untranslated = [(at + w.start, at + w.end) for at, w in norwegian_words(doc)]
        sentences = doc.text_sentences()
        starts = [s.start for s in sentences]
        for match in _left_matches(doc, ctx):
            if any(s < match.end and match.start < e for s, e in untranslated):
                continue
            k = bisect.bisect_right(starts, match.start) - 1
            if k >= 0 and _NORWEGIAN_WORD_FOR.search(doc.text, sentences[k].start, sentences[k].end):
                continue  # '"It was stas," said one boy, using the Norwegian word for a treat': glossed
            entry = match.entry
            found = doc.text[match.start : match.end]
            suggestion = match.suggestion or entry.suggestion
            word = _norwegian_inside(entry, found)
            yield self.finding(
                doc,
                match.start,
                match.end,
                (f"'{word}' in '{found}'" if word else f"'{found}'")
                + f" is Norwegian ('{entry.norwegian}': {entry.meaning}), left untranslated; "
                f"in English: '{suggestion}'",
                suggestion=suggestion,
                confidence=match.confidence,
                severity=entry.severity,
                lexicon_entry=entry.id,
                norwegian=entry.norwegian,
            )


class _LexiconCheck(Check):
    family = "idiom"
    severity = Severity.ERROR
    variable_severity = True  # each lexicon entry says how sure it is
    verb = ""

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:
        from mtqa.names.translated import body_spans

        bodies = body_spans(doc)
        for match in find_matches(doc, lexicon_for(ctx), {self.code}):
            entry = match.entry
            found = doc.text[match.start : match.end]
            if lexicons.left_in_norwegian(entry, found) or _norwegian_inside(entry, found):
                continue  # the Norwegian itself, or a word of it left inside: UT006's
            if any(s < match.end and match.start < e for s, e in bodies):
                continue  # a body's or an outlet's name translated word for word: NC005's
            match = _narrowed(match, doc.text)  # the finding is the calque, not the words that place it
            found = doc.text[match.start : match.end]
            suggestion = match.suggestion or entry.suggestion
            verb = LiteralTranslation.verb if match.composed else self.verb
            message = f"'{found}' {verb} Norwegian '{entry.norwegian}' ({entry.meaning})"
            if match.composed:
                message += ", word for word in the usual senses of its words"
            message += f"; in English: '{suggestion}'"
            if match.source_text:
                message += f" (the source has '{match.source_text}')"
            severity = entry.severity if not match.composed else min(entry.severity, COMPOSED_SEVERITY)
            if match.source_text:
                severity = max(severity, Severity.ERROR)
            extra: dict[str, object] = {"lexicon_entry": entry.id, "norwegian": entry.norwegian}
            if match.composed:
                extra["composed"] = True
            if match.source_text:
                extra["source_text"] = match.source_text
            yield self.finding(
                doc,
                match.start,
                match.end,
                message,
                suggestion=suggestion,
                confidence=match.confidence,
                severity=severity,
                **extra,
            )


class GarbledIdiom(_LexiconCheck):
    """A Norwegian idiom or fixed expression garbled by machine translation.

    The rendering makes no sense in English ("three yards" for *tre spor*,
    three tracks; "she has You can read" for *Her kan du lese*, here you can
    read).  Entries come from the lexicon; the message names the Norwegian
    expression that was probably meant.

    Flags:
    - she has You can read the documents that Russia sent to NATO.

    Allows:
    - Here you can read the documents that Russia sent to NATO.
    - She has read the documents that Russia sent to NATO.
    """

    code = "ID001"
    name = "garbled-idiom"
    verb = "is probably a garbled rendering of"


class LiteralTranslation(_LexiconCheck):
    """A word-for-word rendering of a Norwegian expression, particle or name of an institution.

    Correct words in the wrong combination: "at that time Presidents Biden and
    Putin met" for *da* (when), "already on Saturday" for *allerede på
    lørdag* (as early as Saturday), "the Great Thing" for *Stortinget*.
    Times, nights and dates of Norwegian news get a suggestion computed from
    the slot: "before the clock 21" (*før klokken 21*) -> "before 9 pm", "the
    night to Sunday" (*natt til søndag*) -> "on Saturday night".

    Flags:
    - Russia is ready to meet NATO in Geneva already on Saturday.
    - Just before the clock 21 smoke was seen from the flat.

    Allows:
    - Russia is ready to meet NATO in Geneva as early as Saturday.
    - The talks had already started on Saturday.
    - Just before 9 pm on Saturday night, smoke was seen from the flat.
    """

    code = "ID002"
    name = "literal-translation"
    verb = "reads as a word-for-word rendering of"


class FalseFriend(_LexiconCheck):
    """A Norwegian word translated by its English look-alike, which means something else.

    *Aktuell* is "current, on the table", not "relevant"; *ikke aktuelt* is
    "out of the question"; *styrker* are (military) forces, not "strengths".

    Flags:
    - Settlement is not relevant

    Allows:
    - The minister said the report was not relevant to the case before the court.
    """

    code = "ID003"
    name = "false-friend"
    verb = "is probably the false friend of"


#: Acts done to a person: what follows "of" after them is the victim.
_ACTS_ON_PEOPLE = (
    "murder", "murders", "killing", "killings", "homicide", "stabbing", "stabbings", "rape", "rapes", "assault",
    "kidnapping", "abduction", "manslaughter", "beating",
)
#: What may follow a place that ends the phrase (not "the murder of Oslo residents").
_AFTER_PLACE = re.compile(
    r"\s*(?:$|[,;:.!?)”\"»–—-]|(?:in|on|at|last|this|and|after|before|was|were|is|are|has|have|had|by|for|with|"
    r"from|during|when|where|which|that|who|earlier|yesterday|today)\b)"
)


class PlaceAsVictim(Check):
    """A place written as the victim of a crime: "the murder of Hadeland" for Norwegian "drap på Hadeland".

    Norwegian names the place of a crime with "på" or "i" ("drap på
    Hadeland", a killing in Hadeland); rendered "of", the place becomes the
    victim.  Found where an act done to a person (murder, killing, stabbing,
    rape, assault ...) is followed by "of" and a place of the gazetteer that
    ends the phrase (not "the murder of Oslo residents", not "of Oslo's
    mayor").

    Flags:
    - A man has been arrested for the murder of Drammen.

    Allows:
    - A man has been arrested for the murder of a woman in Drammen.
    - The murder of Oslo's deputy mayor shocked the city.
    - Police are investigating the killing of Bergen residents.
    """

    code = "ID004"
    name = "place-as-victim"
    family = "idiom"
    severity = Severity.WARNING

    _PATTERN = re.compile(r"\b(" + "|".join(_ACTS_ON_PEOPLE) + r") of ((?-i:[A-ZÆØÅ][\w-]*(?: [A-ZÆØÅ][\w-]*)?))", re.I)

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        from mtqa.names.gazetteer import gazetteer

        places = gazetteer().names("place", "county", "police_district")
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in self._PATTERN.finditer(text):
                place = m.group(2)
                if place not in places:
                    place = place.split()[0]
                    if place not in places:
                        continue
                end = m.start(2) + len(place)
                if not _AFTER_PLACE.match(text[end:]) or text[end:end + 2] in ("'s", "’s"):
                    continue
                yield self.finding(
                    doc,
                    sentence.start + m.start(1),
                    sentence.start + end,
                    f"'{m.group(1)} of {place}' makes the place the victim: probably Norwegian "
                    f"'på'/'i' (the place where it happened) rendered 'of'",
                    suggestion=f"{m.group(1)} in {place}",
                    confidence=0.8,
                )


#: The English of a few Norwegian "X mot X" phrases ("front mot front": head-on).
_MIRRORED_ENGLISH = {"front": "head-on", "man": "man to man", "face": "face to face", "side": "side by side"}

#: Words after which "head-on" reads as English ("collided head-on", "a collision head-on"
#: is not, see :data:`_CRASH_NOUN`); after any other word "front mot front" is a noun, the
#: collision itself ("the E6 was closed front mot front": after a head-on collision).
_CRASH_VERB = re.compile(r"\b(?:collid|crash|smash|hit|struck|met|meet|ran|run|drove|driv|slam)\w*\s*$", re.I)
_CRASH_NOUN = re.compile(r"\b(collisions?|crash(?:es)?|accidents?|smash(?:es)?)\s+$", re.I)


class MirroredPhrase(Check):
    """A noun set against itself with articles: "from the front to the front" for Norwegian "front mot front".

    Norwegian pairs a noun with itself ("front mot front", a head-on
    collision; "mann mot mann", man to man); rendered word for word with
    the articles English adds to each noun, the phrase says nothing ("the
    E6 was closed after a collision from the front to the front"). English
    writes such pairs bare ("face to face", "back to back"); "the N to the
    N" with one noun twice is found in none of the clean English controls.
    Reported where "the" stands before both nouns and "to", "against" or
    "towards" between them, and no entry of the lexicon matches there; the
    suggestion is the English phrase where a small table knows it
    ("head-on"), else the nouns without articles; "front mot front" is
    "head-on" after a verb of collision, "a head-on collision" after
    "collision", and "after a head-on collision" after any other word (the
    phrase stands for the collision itself: "the E6 was closed front mot
    front").

    Flags:
    - It was the man against the man in the second half.

    Allows:
    - The two cars collided head-on, and the E6 was closed.
    - They met face to face for the first time.
    - The fire spread from the front of the house to the back.
    """

    code = "ID007"
    name = "mirrored-phrase"
    family = "idiom"
    severity = Severity.WARNING

    # (the second noun whole and last: not "from the state to the state-owned company", "from the
    # club to the club's youth teams", "from the west to the west coast")
    _PATTERN = re.compile(
        r"\b(?:from\s+)?the\s+([a-z]{3,})\s+(to|against|towards)\s+the\s+\1(?![\w'’-])(?!\s+[a-z]+\s*(?:[,.;:!?]|$))"
        r"(?=\s*(?:[,.;:!?)]|$|(?:after|before|when|on|in|at|and|but|with|for|as|because|while|near)\b))",
        re.I,
    )

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        named = LexiconSpans(doc, ctx)
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            for m in self._PATTERN.finditer(text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if named.overlap(start, end):
                    continue  # an entry of the lexicon names the expression already: one finding a span
                noun = m.group(1).lower()
                suggestion = _MIRRORED_ENGLISH.get(noun, f"{noun} {m.group(2).lower()} {noun}")
                if noun == "front":
                    before = text[: m.start()]
                    crash = _CRASH_NOUN.search(before)
                    if crash:  # "a collision from the front to the front": a head-on collision
                        start, suggestion = sentence.start + crash.start(), f"head-on {crash.group(1)}"
                    elif not _CRASH_VERB.search(before):
                        suggestion = "after a head-on collision"
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"'{m.group(0)}' sets a noun against itself with articles: probably a Norwegian "
                    f"'X mot X' (such as 'front mot front') rendered word for word",
                    suggestion=suggestion,
                    confidence=0.7,
                )


CHECKS = (GarbledIdiom, LiteralTranslation, FalseFriend, PlaceAsVictim, MirroredPhrase, NorwegianExpressionLeft)
