"""Family ``idiom``: garbled idioms, literal renderings and false friends.

One engine over the Norwegian-English lexicon (``mtqa/lexicons/nb_en.yaml``):
each entry's renderings are matched sentence by sentence, with its context cues,
on the English alone.  With the Norwegian source at hand, an entry whose
Norwegian expression is in the source is reported with high confidence, and an
entry whose expression is not in the source stays silent.
"""

from __future__ import annotations

from collections import OrderedDict

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from mtqa import lexicons
from mtqa.checks.base import Check
from mtqa.lexicons import Entry, Lexicon
from mtqa.model import Document, Finding, Severity

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


@cache
def _lexicon(paths: tuple[str, ...]) -> Lexicon:
    return lexicons.load(paths)


def lexicon_for(ctx) -> Lexicon:
    paths = tuple(str(p) for p in ctx.options.get("lexicons", ())) if ctx is not None else ()
    return _lexicon(paths)


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int
    end: int
    confidence: float
    source_text: str | None = None


#: The candidates of the last few documents: ID001, ID002 and ID003 scan a
#: document's sentences against the lexicon once, not once each.
_CANDIDATES: OrderedDict[tuple[str, str, str], list[Match]] = OrderedDict()


def find_matches(doc: Document, lexicon: Lexicon, codes: set[str]) -> Iterator[Match]:
    """Lexicon matches in the document's text sentences, best match per span."""
    key = (doc.content_hash, doc.format, lexicon.sha256)
    if key not in _CANDIDATES:
        _CANDIDATES[key] = _candidates(doc, lexicon)
        while len(_CANDIDATES) > 4:
            _CANDIDATES.popitem(last=False)
    candidates = [m for m in _CANDIDATES[key] if KIND_CODES[m.entry.kind] in codes]
    # Overlapping matches: keep the most confident, then the longest.
    candidates.sort(key=lambda m: (-m.confidence, -(m.end - m.start), m.start, m.entry.id))
    kept: list[Match] = []
    for match in candidates:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    yield from sorted(kept, key=lambda m: m.start)


def _candidates(doc: Document, lexicon: Lexicon) -> list[Match]:
    """Every entry's matches in the document, before overlaps are resolved."""
    source = doc.source or None
    candidates: list[Match] = []
    for sentence in doc.text_sentences():
        text = doc.text[sentence.start : sentence.end]
        kind = doc.blocks[sentence.block].kind.value
        for prefilter, entries in lexicon.chunks:
            if prefilter is not None and not prefilter.search(text):
                continue  # none of these entries' renderings is in the sentence
            for entry in entries:
                spans = list(entry.matches(text, kind))
                if not spans:
                    continue
                source_match = entry.in_source(source) if source else None
                if source and source_match is None:
                    continue  # the source says the Norwegian expression is not there
                confidence = entry.confidence
                if source_match is not None:
                    confidence = max(confidence, SOURCE_CONFIDENCE)
                for s, e in spans:
                    candidates.append(
                        Match(
                            entry,
                            sentence.start + s,
                            sentence.start + e,
                            confidence,
                            source_match.group(0) if source_match else None,
                        )
                    )
    return candidates


class _LexiconCheck(Check):
    family = "idiom"
    severity = Severity.ERROR
    variable_severity = True  # each lexicon entry says how sure it is
    verb = ""

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        for match in find_matches(doc, lexicon_for(ctx), {self.code}):
            entry = match.entry
            found = doc.text[match.start : match.end]
            message = (
                f"'{found}' {self.verb} Norwegian '{entry.norwegian}' ({entry.meaning}); "
                f"in English: '{entry.suggestion}'"
            )
            if match.source_text:
                message += f" (the source has '{match.source_text}')"
            severity = entry.severity if not match.source_text else max(entry.severity, Severity.ERROR)
            extra = {"lexicon_entry": entry.id, "norwegian": entry.norwegian}
            if match.source_text:
                extra["source_text"] = match.source_text
            yield self.finding(
                doc,
                match.start,
                match.end,
                message,
                suggestion=entry.suggestion,
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

    Flags:
    - Russia is ready to meet NATO in Geneva already on Saturday.

    Allows:
    - Russia is ready to meet NATO in Geneva as early as Saturday.
    - The talks had already started on Saturday.
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


CHECKS = (GarbledIdiom, LiteralTranslation, FalseFriend)
