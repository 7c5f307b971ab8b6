"""The Norwegian-English lexicon of MT garbles, false friends and literal renderings.

The built-in lexicon is every ``*.yaml`` file beside this module (``nb_en.yaml``
first, then the others by name), in schema version 1, documented at the top of
``nb_en.yaml`` and enforced by :func:`parse`.  Users may add their own lexicon
files in the same format (``Checker(lexicons=[...])``).

A file may hold ``defaults:``, fields every entry of the file takes unless it
sets them itself.  An entry's ``source`` (Norwegian patterns) may be left out:
it is then derived from its ``norwegian`` field.  ``suggest`` is a template
whose slots are filled from the rendering's named groups (see
:func:`render_suggestion`): "before the clock 21" → "before 9 pm".

An entry matches an English sentence when one of its ``renderings`` matches and
every ``context`` cue holds (the topic cue, ``context.sentence``, may also be
found in the article's title and the two sentences either side,
:meth:`mtqa.model.Document.topic_window`: the idiom checks pass it as ``around``); with the
Norwegian source at hand, an entry whose ``source`` pattern is found in the source
is reported with high confidence.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache, cached_property
from importlib import resources
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import cast

import yaml

from mtqa.lexicons import compose
from mtqa.model import MtqaError, Severity, fold_apostrophes

SCHEMA_VERSION = 1
KINDS = ("idiom", "literal", "false-friend", "particle", "word-order", "compound", "institution")
BLOCK_KINDS = ("title", "heading", "body", "caption", "quote", "list_item")
CONTEXT_KEYS = ("blocks", "before", "after", "sentence", "not_sentence", "article", "not_article", "case_sensitive")
REQUIRED = ("id", "kind", "norwegian", "meaning", "english", "renderings",
            "confidence", "severity", "examples", "note")
OPTIONAL = ("context", "code", "source", "provenance", "suggest", "compose", "parts")
BUILTIN = "nb_en.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconError(MtqaError):
    """A lexicon file that does not follow the schema."""


def _compile_uncached(pattern: str, flags: int) -> re.Pattern[str]:
    """``re.compile`` without ``re``'s cache of 512 patterns: ten thousand lexicon
    patterns compiled on first use would push out the patterns the rest of the
    code compiles again and again (``re.sub(string, ...)``), and each would be
    compiled anew.  The lexicon keeps its own compiled patterns."""
    try:
        from re import _compiler  # type: ignore[attr-defined]  # CPython 3.11+; typeshed has no stubs for it
    except ImportError:  # pragma: no cover - another Python: the cached compile
        return re.compile(pattern, flags)
    return _compiler.compile(pattern, int(flags))


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    norwegian: str
    meaning: str
    english: tuple[str, ...]
    #: The patterns as written; compiled on first use (``renderings``,
    #: ``source``, the cues), so that loading the lexicon compiles nothing.
    rendering_patterns: tuple[str, ...]
    source_patterns: tuple[str, ...]
    confidence: float
    severity: Severity
    note: str
    flag_examples: tuple[str, ...]
    allow_examples: tuple[str, ...]
    blocks: frozenset[str] | None = None
    #: Context cues as ``(key, pattern)``, key among before, after, sentence, not_sentence,
    #: article, not_article.
    cue_patterns: tuple[tuple[str, str], ...] = ()
    flags: int = re.IGNORECASE
    origin: str = BUILTIN
    provenance: str = ""
    suggest: str | None = None
    #: The phrases composed from the dictionary of senses (:mod:`mtqa.lexicons.compose`),
    #: matched by the last of ``rendering_patterns``.
    composed: tuple[str, ...] = ()
    #: (composed phrase, the suggestion in the form of its verb) where that differs
    #: from ``english[0]``: "blew red" -> "failed a breathalyser test".
    composed_suggestions: tuple[tuple[str, str], ...] = ()

    @property
    def composed_at(self) -> int:
        """The index of the composed renderings' pattern; -1: none."""
        return len(self.rendering_patterns) - 1 if self.composed else -1

    def is_composed(self, match: re.Match[str]) -> bool:
        """Whether a match is of the composed renderings, not of one written by hand."""
        return self.composed_at >= 0 and match.re is self.rendering(self.composed_at)

    def composed_suggestion(self, matched: str) -> str:
        """The suggestion for a match of the composed renderings."""
        return dict(self.composed_suggestions).get(" ".join(matched.lower().split()), self.suggestion)

    @cached_property
    def _compiled(self) -> list[re.Pattern[str] | None]:
        return [None] * len(self.rendering_patterns)

    def rendering(self, index: int) -> re.Pattern[str]:
        """Rendering ``index``, compiled on first use (a sentence's prefilter may
        need only one of an entry's renderings)."""
        compiled = self._compiled[index]
        if compiled is None:
            compiled = self._compiled[index] = _compile_uncached(self.rendering_patterns[index], self.flags)
        return compiled

    @property
    def renderings(self) -> tuple[re.Pattern[str], ...]:
        return tuple(self.rendering(i) for i in range(len(self.rendering_patterns)))

    @cached_property
    def source(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile_uncached(p, re.IGNORECASE) for p in self.source_patterns)

    @cached_property
    def _cues(self) -> dict[str, re.Pattern[str]]:
        return {key: _compile_uncached(p, self.flags) for key, p in self.cue_patterns}

    @property
    def before(self) -> re.Pattern[str] | None:
        return self._cues.get("before")

    @property
    def after(self) -> re.Pattern[str] | None:
        return self._cues.get("after")

    @property
    def sentence(self) -> re.Pattern[str] | None:
        return self._cues.get("sentence")

    @property
    def not_sentence(self) -> re.Pattern[str] | None:
        return self._cues.get("not_sentence")

    @property
    def article(self) -> re.Pattern[str] | None:
        return self._cues.get("article")

    @property
    def not_article(self) -> re.Pattern[str] | None:
        return self._cues.get("not_article")

    @property
    def suggestion(self) -> str:
        return self.english[0]

    def suggestion_for(self, match: re.Match[str] | None) -> str:
        """The suggestion for one match: the composed English for a composed match;
        the ``suggest`` template filled from the match's slots; else the match with
        the words the entry's examples replace replaced (:attr:`_rewrites`: an "a"
        or "an" before them made to agree with what now follows it); else the first
        idiomatic English.  Words at its edges that the sentence already has next
        to the match are left out ("up to and including" for "to and with" in "up
        to and with Sunday")."""
        if match is None:
            return self.suggestion
        found = match.group()
        text = self.composed_suggestion(found) if self.is_composed(match) else self._suggestion_in_place(match)
        if self.suggest is None:
            text = carry_values(text, found)
        return without_repeats(text, match.string[: match.start()], match.string[match.end() :], found)

    def _suggestion_in_place(self, match: re.Match[str]) -> str:
        if self.suggest is not None:
            text = render_suggestion(self.suggest, match)
            if text is not None:  # "a {age}-year-old": the article fits the number ("an 18-year-old")
                lead = re.match(r"(an?)(\s+)(?=\S)", text, re.IGNORECASE)
                return text if lead is None else _agree_article(text[: lead.end()], text[lead.end() :]) + text[lead.end() :]
        found = match.group()
        for rendering, rewrite in self._rewrites:
            core = rewrite.find(found) if match.re is rendering else None
            if core is None:
                continue
            a, b = core
            head, tail = found[:a], found[b:]  # spaces as the match has them ("Of " -> "By "), none doubled
            new = sentence_case(rewrite.fits(tail), match.string[: match.start() + a], found[a:b])
            new = without_repeats(new, head, tail, found[a:b])  # "up" + "up to and ..."
            if re.search(r"(?<!\w)(?:a|an|the)\s+$", head, re.IGNORECASE) and (own := LEADING_ARTICLE.match(new)):
                new = new[own.end() :]  # the match's own article stays
            head = _agree_article(head, new or tail.lstrip(), found[a:b])
            text = re.sub(r"(?<=\S)\s{2,}(?=\S)", " ", f"{head}{new}{tail}")
            return text if new else text.strip()  # words deleted at an edge leave no space there
        english = compose.agree_pronouns(self.english_like(found), found, match.string[: match.start()])
        verb = _LEADING_VERB.match(found)
        if verb and LEADING_ARTICLE.match(english):
            return f"{verb.group(0)}{english}"  # "was a huge people's feast" -> "was a huge celebration"
        kept = compose.keep_auxiliary(english, found)  # "has worn with" -> "has struggled with"
        return kept if kept != english else compose.inflect_like(english, found)

    def english_like(self, found: str) -> str:
        """The entry's English alternative that shares the most words with the match
        ("one day of the time" -> "one day at a time", not "one game at a time"),
        words as common as "in" and "the" aside, where it shares two or more; else the
        first."""
        own = set(_match_words(found.lower())) - _COMMON_WORDS  # not "in" of "grip in" and "step in"
        shared = [len(own & set(_match_words(e.lower()))) for e in self.english]
        best = max(range(len(shared)), key=lambda n: (shared[n], -n), default=0)
        if not self.english or shared[best] < 2:
            # one word shared says little: "chance wasting" is no "a huge chance"; a word
            # of a direction does ("go with loss" is "run at a loss", not "make a profit"),
            # and so does the Norwegian alternative the match renders word by word
            return _same_direction(found, self.english) or _aligned(self, found) or self.suggestion
        return self.english[best]

    def reports_its_english(self) -> tuple[str, ...]:
        """The entry's English alternatives that its own renderings report, alone or
        in a plain sentence: a suggestion the user, taking it, would be told off for
        ("Easter crime fiction" once matched by "Easter crime")."""
        return tuple(
            english for english in self.english
            if any(next(self.iter_matches(s), None) for s in (english, f"They spoke about {english} yesterday."))
        )

    @cached_property
    def _rewrites(self) -> tuple[tuple[re.Pattern[str], _Rewrite], ...]:
        """What the entry's own examples say its words become inside a longer match.

        A rendering often takes words around the calque ("at Oslo thing house",
        "Russia's strengths", "set great price on the support"), which the English
        of the expression ("courthouse", "forces", "appreciate") would drop.  A flag
        example and the allow example closest to it that corrects it in one place
        (:func:`_example_rewrite`), inside the match and not the whole of it ("The
        trial takes place at Oslo courthouse."), give the words replaced ("thing
        house") and their replacement, if the words it puts in share a word with the
        entry's English or meaning (an
        allow example may be a look-alike instead: "has today announced" is English
        too, and no correction of "has yesterday announced").  A match of the
        rendering the example matched that holds those words gets them replaced,
        the rest kept ("police first servant" is not "police servant" with
        "servant" replaced)."""
        out: list[tuple[re.Pattern[str], _Rewrite]] = []
        for flag in self.flag_examples:
            match = next(self.iter_matches(flag, "body"), None)
            if match is None or self.is_composed(match):
                continue
            rewrite = _example_rewrite(flag, match.start(), match.end(), self.allow_examples, (*self.english, self.meaning))
            if rewrite is not None and all((match.re, rewrite.old.pattern) != (r, w.old.pattern) for r, w in out):
                out.append((match.re, rewrite))
        return tuple(out)

    def matches(self, sentence: str, block_kind: str = "body") -> Iterator[tuple[int, int]]:
        """Spans in ``sentence`` where a rendering matches and every cue holds."""
        for m in self.iter_matches(sentence, block_kind):
            yield m.start(), m.end()

    def iter_matches(
        self,
        sentence: str,
        block_kind: str = "body",
        around: str | None = None,
        only: Iterable[int] | None = None,
        document: str | None = None,
    ) -> Iterator[re.Match[str]]:
        """The matches in ``sentence`` of a rendering whose every cue holds.

        ``around``: the text the topic cue (``context.sentence``) may also be found
        in (the sentence's neighbours); ``not_sentence`` stays with the sentence.
        ``only``: the indices of the renderings to try (those the prefilter let
        through, :meth:`Lexicon.candidate_renderings`), in order; None: all.
        ``document``: the whole article the sentence is in, where the article cues
        (``context.article``, ``context.not_article``) are looked for; None: a
        sentence on its own, whose article is the sentence (and ``around``)."""
        if self.blocks is not None and block_kind not in self.blocks:
            return
        # the renderings first: most candidates match none, and their cues need not be
        # compiled or searched
        sentence = fold_apostrophes(sentence)
        indices = range(len(self.rendering_patterns)) if only is None else only
        found = [m for i in indices for m in self.rendering(i).finditer(sentence) if m.start() != m.end()]
        if not found:
            return
        if self.sentence is not None and not self.sentence.search(sentence):
            if around is None or not self.sentence.search(around):
                return
        if self.not_sentence is not None and self.not_sentence.search(sentence):
            return
        if (self.article is not None or self.not_article is not None) and not self._article_cues_hold(
            document if document is not None else f"{around or ''}\n{sentence}"
        ):
            return
        for m in found:
            if _cuts_a_compound(sentence, m.start(), m.end()):
                continue
            if self.before is not None and not self.before.search(sentence[: m.start()]):
                continue
            if self.after is not None and not self.after.search(sentence[m.end() :]):
                continue
            yield m

    def _article_cues_hold(self, article: str) -> bool:
        """Whether the article cues hold in ``article``.  The verdict on the last article
        is kept: the idiom check passes the same string for every sentence of a document,
        and a cue searched again in every sentence whose rendering matches would read a
        long article once per sentence."""
        memo = self.__dict__.get("_article_memo")
        if memo is not None and memo[0] is article:
            return bool(memo[1])
        holds = (self.article is None or self.article.search(article) is not None) and (
            self.not_article is None or self.not_article.search(article) is None
        )
        self.__dict__["_article_memo"] = (article, holds)
        return holds

    def in_source(self, source: str) -> re.Match[str] | None:
        for pattern in self.source:
            m = pattern.search(source)
            if m:
                return m
        return None


#: The values a suggestion copied from the entry's English may hold that the match says
#: otherwise: a number, a weekday, a month.
_VALUE_KINDS = (
    re.compile(r"(?<![\w.,])\d+(?![\d])(?![.,]\d)"),
    # a weekday or a month: "not until Saturday" for "first in March" is "not until March"
    re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
               r"June|July|August|September|October|November|December)\b"),
)


#: A unit after a number of the English: "50 km", "a 30-kilometre ski trip".
_UNIT_AFTER = re.compile(
    r"\s*-?\s*(km|kilomet\w*|metres?|meters?|miles?|mil|kg|kilos?|degrees?|mph|knots?|[ap]\.?m\b\.?|o'clock)(?!\w)",
    re.IGNORECASE,
)


def carry_values(suggestion: str, found: str) -> str:
    """The suggestion with a number, weekday or month that the entry's English gives as an
    example ("turns 88", "not until Saturday", "is due in April") replaced by the match's
    own, where each has one of that kind: "fills 50 years" -> "turns 50", "First on Monday
    comes" -> "Not until Monday", not "turns 88"; a value the match holds too, or one of
    several, is left as it is."""
    for kind in _VALUE_KINDS:
        said, own = list(kind.finditer(suggestion)), kind.findall(found)
        if len(said) != 1 or len(own) != 1 or said[0].group() == own[0]:
            continue
        unit = _UNIT_AFTER.match(suggestion, said[0].end())
        if unit and not re.search(rf"\b{re.escape(unit.group(1))}\b", found, re.IGNORECASE):
            continue  # a measure the English converts into ("15 mil" is 150 km, not 15), or a clock time
        value, end = own[0], said[0].end()
        suffix = _ORDINAL_SUFFIX.match(suggestion, end)
        if suffix:  # "30th anniversary" for a 21-year jubilee: "21st"
            value, end = _ordinal_digits(int(value)), suffix.end()
        suggestion = suggestion[: said[0].start()] + value + suggestion[end:]
    return suggestion


_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")


def _ordinal_digits(n: int) -> str:
    """21 -> '21st', 12 -> '12th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_EXAMPLE_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def _example_rewrite(
    flag: str, start: int, end: int, allows: tuple[str, ...], english: tuple[str, ...]
) -> _Rewrite | None:
    """The run of words the closest allow example changes in ``flag[start:end]`` (a
    match that is more than that run), as (its pattern, the replacement); None where
    no allow example is the flag example corrected in one place, or where the words
    it puts in share no word (its first four letters) with ``english``.

    One place: one change, or changes at most ``_RUN_WORDS`` words apart from the
    first to the last, all inside the match (the words between go with them: "fell in
    the trap" -> "fell down the stairs"); words the correction adds at either end go
    with the run (where the sentence has them already, :func:`without_repeats` leaves
    them out when the rewrite is used).  An indefinite article that opens both runs is
    left out, and made to agree with the word put in when the rewrite is used
    (:func:`_agree_article`); an "a" or "an" the correction adds is left out where
    the noun after it is plural (:meth:`_Rewrite.fits`: "easy" -> "a gentle" does not
    make "a gentle breezes").  Words replaced that close the match where they were
    learnt are the last of several ("must step to" -> "must step up" changes the
    second "to" of "have to step to"); words put in that are all shorter than three
    letters hold only where the rest of the match is the example's.  A replacement that opens its sentence where the words replaced open
    theirs is kept with a small letter where the entry's English has the word so,
    and takes a capital again at a sentence's start."""
    from difflib import SequenceMatcher

    flag_tokens = list(_EXAMPLE_TOKEN.finditer(flag))
    words = [t.group().lower() for t in flag_tokens]
    best = None
    for allow in allows:
        allow_tokens = list(_EXAMPLE_TOKEN.finditer(allow))
        matcher = SequenceMatcher(None, words, [t.group().lower() for t in allow_tokens], autojunk=False)
        if best is None or matcher.ratio() > best[0]:
            best = (matcher.ratio(), matcher, allow, allow_tokens)
    if best is None or best[0] < 0.6:
        return None
    _, matcher, allow, allow_tokens = best
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes or (len(changes) == 1 and changes[0][0] == "insert"):
        return None  # words only added
    i1, i2, j1, j2 = changes[0][1], changes[-1][2], changes[0][3], changes[-1][4]
    i1, i2, j1, j2 = _with_case_changes(flag_tokens, allow_tokens, (i1, i2, j1, j2), start, end)
    if len(changes) > 1 and (i2 - i1 > _RUN_WORDS or not _within(flag_tokens, i1, i2, start, end)):
        return None  # several changes far apart or reaching outside the match: a rewording
    while j1 < j2 and not allow_tokens[j1].group()[0].isalnum():
        j1 += 1  # punctuation the correction adds around the words (", etc.") is the sentence's, not theirs
    while j2 > j1 and not allow_tokens[j2 - 1].group()[0].isalnum():
        j2 -= 1
    if (i2 - i1 > 1 and j2 - j1 > 1 and words[i1] in _ARTICLES and flag_tokens[i1].start() >= start
            and allow_tokens[j1].group().lower() in _ARTICLES):
        i1, j1 = i1 + 1, j1 + 1  # "a meeting" -> "an oncoming": the word, whatever article it takes
    old_start, old_end = flag_tokens[i1].start(), flag_tokens[i2 - 1].end()
    if not start <= old_start < old_end <= end or (old_start, old_end) == (start, end):
        return None  # a change outside the match, or the whole match: the entry's English is the suggestion
    new = allow[allow_tokens[j1].start() : allow_tokens[j2 - 1].end()] if j1 < j2 else ""
    put_in = {  # the words the correction puts in, not those it keeps between its changes
        w.lower() for op in changes if op[0] != "delete"
        for t in allow_tokens[max(op[3], j1) : min(op[4], j2)] for w in re.findall(r"\w{3,}", t.group())
    }
    known = [w for e in english for w in re.findall(r"\w{3,}", e.lower())]
    if put_in and not any(k[: min(4, len(w))] == w[:4] for w in put_in for k in known):
        return None  # a look-alike, not the entry's English put in ("say" for "says" is)
    first = new.split()[0] if new else ""
    lower = rf"(?<!\w){re.escape(first.lower())}(?!\w)"
    capitalised = first[:1].isupper() and (len(first) == 1 or first[1:].islower())  # not "MET", "NRK"
    if i1 == 0 and j1 == 0 and capitalised and any(re.search(lower, e) for e in english):
        new = new[0].lower() + new[1:]  # the capital of the sentence, where the English has the word small
    old = r"\s+".join(re.escape(w) for w in flag[old_start:old_end].split())
    at_end = not any(tok.group()[0].isalnum() and tok.end() <= end for tok in flag_tokens[i2:])
    # words put in too short to tell a correction from a look-alike ("to" -> "up") hold
    # only where the rest of the match is the example's ("In average" -> "On average"
    # is no rewrite of "In snitt")
    rest = None if put_in or not new else _match_words(flag[start:old_start] + " " + flag[old_end:end])
    after = _match_words(flag[old_end:end])
    # words only deleted hold after the word they followed ("pays itself" -> "pays",
    # not "salaries itself" -> "salaries")
    kept = flag_tokens[i1 - 1].group().lower() if not new and i1 and flag_tokens[i1 - 1].start() >= start else None
    kept = None if kept in ("a", "an", "the") else kept  # "the infection quarantine" teaches "an infection quarantine"
    return _Rewrite(re.compile(rf"(?<!\w)({old})(?!\w)", re.IGNORECASE), new, at_end, rest, after, kept)


def _with_case_changes(
    flag_tokens: list[re.Match[str]], allow_tokens: list[re.Match[str]], run: tuple[int, int, int, int],
    start: int, end: int,
) -> tuple[int, int, int, int]:
    """The changed run ``run`` (flag tokens i1:i2, allow tokens j1:j2) widened over the
    words next to it, inside the match, that the correction only capitalises
    differently ("mountain wit rules" -> "Mountain Code": the whole phrase, not
    "mountain Code")."""
    i1, i2, j1, j2 = run

    def recased(i: int, j: int) -> bool:
        a, b = flag_tokens[i].group(), allow_tokens[j].group()
        return a != b and a.lower() == b.lower() and start <= flag_tokens[i].start() and flag_tokens[i].end() <= end

    while i1 > 1 and j1 > 1 and recased(i1 - 1, j1 - 1):  # (not over a sentence's first word, capitalised as such)
        i1, j1 = i1 - 1, j1 - 1
    while i2 < len(flag_tokens) and j2 < len(allow_tokens) and recased(i2, j2):
        i2, j2 = i2 + 1, j2 + 1
    return i1, i2, j1, j2


#: Words of the two ways a thing goes: a match's word of one side picks the English
#: alternative of that side from an entry of both ("jerked up" -> "promoted", not "relegated").
_DIRECTIONS = (
    (
        frozenset("profit profits surplus surpluses plus gain gains black".split()),
        frozenset("loss losses deficit deficits minus red".split()),
    ),
    (
        frozenset("up promoted promotion rise rises rising raise raises raised increase increases higher above upward upwards".split()),
        frozenset("down relegated relegation fall falls falling cut cuts lower lowers lowered below decrease decreases downward downwards".split()),
    ),
)


def _aligned(entry: Entry, found: str) -> str | None:
    """Where an entry pairs its Norwegian alternatives with its meanings and its English,
    one for one ("arbeidsgiver / arbeidstaker / tillitsvalgt", meaning "employer /
    employee / union representative"; not forms of one expression: "på spreng / jobbe
    på spreng", "flat out"), the English of the one Norwegian alternative whose words'
    senses (a compound's parts' too: *tillit-s-valgt*) the match says word by word
    ("trust-elected" -> "union representative"), else None."""
    english = entry.english
    alternatives = [a.strip() for a in re.sub(r"\([^)]*\)", " ", entry.norwegian).split(" / ")]
    if not len(english) == len(alternatives) == len(entry.meaning.split(" / ")) >= 2:
        return None
    own = {_stem(w) for w in _match_words(found.lower())} - _COMMON_WORDS
    scores = [len(own & _literal_stems(a)) for a in alternatives]
    best = max(scores)
    return english[scores.index(best)] if best and scores.count(best) == 1 else None


def _stem(word: str) -> str:
    """A crude stem, enough to meet a dictionary sense: "elected" / "elect", "losses" / "loss"."""
    for end in ("ing", "ed", "es", "s"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


@cache
def _literal_stems(norwegian: str) -> frozenset[str]:
    """The stems of the English senses of the words of a Norwegian phrase: of each word
    the dictionary has, of the parts of each compound it can cut (*mat-jord*: food,
    soil), and of the first parts it knows of one it cannot (*tillit-s-valgt*: trust)."""
    from mtqa.lexicons import senses

    dictionary = senses.dictionary()
    out: set[str] = set()

    def add(lemma: str) -> bool:
        head = dictionary.get(lemma)
        if head is None:
            return False
        out.update(_stem(w) for sense in head.senses for w in _match_words(sense))
        return True

    for word in _match_words(norwegian.lower()):
        if add(word):
            continue
        parts = _compound_parts(word, dictionary)
        if parts:
            for part in parts:
                add(part)
            continue
        for cut in range(3, len(word) - 2):
            if word[:cut] in dictionary:
                add(word[:cut])  # a compound read in part: tillit-s-(valgt)
    return frozenset(out - _COMMON_WORDS)


def _compound_parts(word: str, dictionary: Mapping[str, object], depth: int = 3) -> list[str] | None:
    """A Norwegian compound cut into words of the dictionary, with a linking "s" or "e"
    between them (*to-manns-bolig*, *sykemelding*), at most three; None where it cannot be."""
    if word in dictionary:
        return [word]
    if depth == 1:
        return None
    for cut in range(len(word) - 3, 1, -1):  # the longest first part first
        left = word[:cut]
        if left not in dictionary or (len(left) < 3 and left not in ("to", "en")):
            continue
        for rest in (word[cut:], word[cut + 1 :] if word[cut : cut + 1] in ("s", "e") else None):
            if rest and len(rest) >= 3 and (tail := _compound_parts(rest, dictionary, depth - 1)):
                return [left, *tail]
    return None


def _same_direction(found: str, english: Iterable[str]) -> str | None:
    """The one English alternative on the side of a direction word of ``found`` where
    the alternatives go both ways (see ``_DIRECTIONS``), else None."""
    own = set(_match_words(found.lower()))
    options = [(e, set(_match_words(e.lower()))) for e in english]
    for one, other in _DIRECTIONS:
        for side, against in ((one, other), (other, one)):
            if not own & side or own & against or not any(w & against for _, w in options):
                continue
            fits = [e for e, w in options if w & side and not w & against]
            if len(fits) == 1:
                return fits[0]
    return None


def _match_words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"\w+", text))


@dataclass(frozen=True)
class _Rewrite:
    """Words of a match (``old``) and what they become (``new``); ``at_end``: they
    close the match where they were learnt, so the last of several is meant ("must
    step to" -> "must step up" changes the second "to" of "have to step to"); ``rest``:
    where not None, the other words the match must have for the rewrite to hold."""

    old: re.Pattern[str]
    new: str
    at_end: bool
    rest: tuple[str, ...] | None
    #: The words of the match after ``old`` where it was learnt: an "a"/"an" that
    #: ``new`` opens with is left out where one of them is plural here ("easy" ->
    #: "a gentle", learnt on "easy breeze", gives "gentle breezes").
    after: tuple[str, ...] = ()
    #: For words only deleted, the word before them where they were learnt, which
    #: the match must have there too.
    kept: str | None = None

    def find(self, found: str) -> tuple[int, int] | None:
        """Where in the match ``found`` the words to replace stand: the first of
        them, or the last where they closed the match they were learnt on; None
        where they are not there, where the rest of the match must be the
        example's and is not, or where words to delete follow another word than
        they did in the example."""
        spans = [m.span(1) for m in self.old.finditer(found)]
        if not spans:
            return None
        a, b = spans[-1 if self.at_end else 0]
        if self.rest is not None and _match_words(found[:a] + " " + found[b:]) != self.rest:
            return None
        if self.kept is not None and _match_words(found[:a])[-1:] != (self.kept,):
            return None
        return a, b

    def fits(self, tail: str) -> str:
        """``new`` without an opening "a"/"an" where a word of ``tail`` (the match
        after the words replaced) is the plural of the word it was learnt before."""
        lead = re.match(r"an?\s+(?=\S)", self.new, re.IGNORECASE)
        plurals = {f"{w}{s}" for w in self.after for s in ("s", "es")}
        if lead and set(_match_words(tail)) & plurals:
            return self.new[lead.end() :]
        return self.new


_ARTICLES = frozenset(("a", "an"))
#: A copula or verb of getting that opens a match whose English is a noun phrase: it stays.
_LEADING_VERB = re.compile(
    r"(?:was|were|is|are|be|been|became|become|becomes|got|get|gets|received|receives|turned\s+into)\s+", re.IGNORECASE
)
#: An article that opens a phrase ("the governing parties", "a gentle breeze").
LEADING_ARTICLE = re.compile(r"(?:a|an|the)\s+(?=\S)", re.IGNORECASE)
#: What may stand before the first word of a sentence: space, quotes, dashes, a bracket.
OPENING = " \t\"'“”‘’«»–—-("
#: The most tokens of the flag example, from the first change to the last, that a
#: rewrite of several changes replaces.
_RUN_WORDS = 4


def _within(tokens: list[re.Match[str]], i1: int, i2: int, start: int, end: int) -> bool:
    """Whether tokens ``i1:i2`` lie inside the span ``start:end``."""
    return start <= tokens[i1].start() and tokens[i2 - 1].end() <= end


def sentence_case(suggestion: str, before: str, found: str) -> str:
    """The suggestion with a capital where the words it replaces (``found``) open the
    sentence (only punctuation ``before`` them: a quote, a dash) with one; a heading
    scraped in lower case keeps it."""
    if suggestion[:1].islower() and found[:1].isupper() and not before.strip(OPENING):
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


def without_repeats(text: str, before: str, after: str, found: str = "") -> str:
    """``text`` without the words at its start that the text ``before`` it ends with,
    or at its end that the text ``after`` it begins with: a correction that adds a
    word next to the calque ("to and with" -> "up to and including") where the
    sentence has that word already ("up to and with Sunday").  Words the replaced
    text ``found`` has at the same edge are its own, and stay ("it came forward that"
    -> "it emerged that" before "that was a lie")."""
    words, own = text.split(), found.lower().split()
    for k in range(min(3, len(words) - 1), 0, -1):
        lead = r"\s+".join(re.escape(w) for w in words[:k])
        if [w.lower() for w in words[:k]] != own[:k] and re.search(rf"(?<!\w){lead}\s*$", before, re.IGNORECASE):
            words = words[k:]
            break
    for k in range(min(3, len(words) - 1), 0, -1):
        trail = r"\s+".join(re.escape(w) for w in words[-k:])
        if [w.lower() for w in words[-k:]] != own[-k:] and re.match(rf"\s*{trail}(?!\w)", after, re.IGNORECASE):
            words = words[:-k]
            break
    return " ".join(words) if len(words) != len(text.split()) else text


def _an(word: str) -> bool | None:
    """Whether ``word`` takes "an" (by its first sound, as its spelling shows it;
    an initialism by its first letter's name); None where the spelling does not say."""
    word = word.split()[0] if word.split() else ""
    digits = re.match(r"\d+", word)
    if digits:  # as said: "an 8-", "an 11-", "an 18-", "an 80-", "an 800-"; "a 1-", "a 20-", "a 100-"
        n = digits.group()
        return n[0] == "8" or (n[:2] in ("11", "18") and len(n) in (2, 5))
    if not word[:1].isalpha():
        return None
    if len(word) > 1 and word.isupper():
        return word[0] in "AEFHILMNORSX"  # "an MP", "an NRK reporter", "a UN report"
    w = word.lower()
    if w.startswith(("hour", "honest", "honour", "honor", "heir", "x-")):
        return True
    if w.startswith(("eu", "use", "usu", "ubiq", "unan", "ukr")) or re.match(r"uni(?!n|m|d)|one\b|once\b", w):
        return False  # "a university", "a European", "a one-off"
    if re.match(r"u[bcfgjklprstvz][aeiou]", w):
        return False  # "a Ukrainian", "a utility", "a usual"
    if w[0] in "aeiou":
        return True
    return False if w[0] in "bcdfgjklmnpqrstvwxyz" else None


def _agree_article(head: str, word: str, old: str = "") -> str:
    """``head`` with an indefinite article that ends it made to fit ``word``, the word
    that now follows it ("with a " + "oncoming" -> "with an "), where the word it
    followed (``old``) took the other article or is not known; where the spelling
    does not tell, the article is kept."""
    m = re.search(r"(?<!\w)(an?)(\s+)$", head, re.IGNORECASE)
    if m is None or (m.group(1)[0].isupper() and head[: m.start()].strip(" \"'“‘(–-")):
        return head  # none, or a capital "A" inside the sentence: not an article ("Plan A")
    needed = _an(word)
    if needed is None or (old and _an(old) == needed):
        return head
    return f"{head[: m.start()]}{article_like(m.group(1), needed)}{m.group(2)}"


def article_like(article: str, an: bool) -> str:
    """"an" or "a" (``an``) in the case of ``article`` ("An", "AN", "a")."""
    word = "an" if an else "a"
    if article.isupper() and len(article) > 1:
        return word.upper()
    return word.capitalize() if article[:1].isupper() else word


def _cuts_a_compound(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stops or starts inside a hyphenated word: "in the
    cross" is not a phrase of "in the cross-country circus"."""
    after = end + 1 < len(text) and text[end] == "-" and text[end - 1].isalpha() and text[end + 1].isalpha()
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha() and text[start].isalpha()
    return after or before


#: Words after a time in words that say its half of the day: the morning's (group 1) or not.
_DAY_PART = re.compile(
    r"^[\s,]*(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday)\s+)?"
    r"(?:in\s+the\s+|at\s+|this\s+|on\s+\w+\s+)?(?:(morning|forenoon|a\.?m\.?\b)|afternoon|evening|night|tonight|p\.?m\.?\b)",
    re.IGNORECASE,
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


def clock_time(hour: str | None, minute: str | None, after: str = "") -> str | None:
    """A 24-hour Norwegian clock time as English news writes it: 21 -> '9 pm',
    '07.30' -> '7.30 am', 0 -> 'midnight', 12 -> 'noon'; an hour to 12 followed by
    words of the evening or the night in ``after`` is of the 12-hour clock ("kl. 8
    tonight" -> '8 pm', "three at night" -> '3 am').  An hour in words is always of the
    12-hour clock (*klokka ti*): am or pm as those words say ("ten Tuesday forenoon" ->
    '10 am'), else "o'clock"."""
    if hour is None:
        return None
    h = int(hour) if hour.isdigit() else _NUMBER_WORDS.get(hour.lower())
    if h is None or not 0 <= h <= 24:
        return None
    m = int(minute) if minute and minute.isdigit() else 0
    if m > 59:
        return None
    cue = _DAY_PART.search(after) if 1 <= h <= 12 else None
    if not hour.isdigit() and 1 <= h <= 12 and cue is None:
        return f"{h} o'clock" if not m else None
    if cue is not None:
        night = "night" in cue.group(0).lower()
        if cue.group(1) is not None or (night and h <= 5):
            h %= 12  # "ten in the morning", "three at night"
        elif h == 12:
            h = 0 if night else 12  # "twelve at night" is midnight
        else:
            h += 12  # "seven in the evening", "kl. 8 tonight"
    h %= 24
    if m == 0 and h == 0:
        return "midnight"
    if m == 0 and h == 12:
        return "noon"
    twelve = h % 12 or 12
    clock = f"{twelve}.{m:02d}" if m else str(twelve)
    return f"{clock} {'am' if h < 12 else 'pm'}"


def _half(hour: str | None, offset: str | None = None, side: str | None = None) -> str | None:
    """Norwegian *halv ni* (half to nine) is 8.30: the hour before, and a half;
    *fem over halv ni* (``offset`` five, ``side`` over or past) is 8.35, *fem på
    halv ni* (to, on) 8.25; an hour written as a 24-hour figure keeps the
    afternoon (*halv 20* is 7.30 pm)."""
    if not hour:
        return None
    h = int(hour) if hour.isdigit() else _NUMBER_WORDS.get(hour.lower())
    if h is None or not 1 <= h <= 24:
        return None
    minutes = 30
    if offset:
        n = int(offset) if offset.isdigit() else _NUMBER_WORDS.get(offset.lower())
        way = (side or "").lower()
        if n is None or not 0 < n < 30 or way not in ("over", "past", "to", "on", "før", "på"):
            return None
        minutes += n if way in ("over", "past") else -n
    if hour.isdigit() and h >= 13:  # a 24-hour figure: the afternoon, as {time} writes it
        return clock_time(str(h - 1), f"{minutes:02d}")
    return f"{(h - 1) % 12 or 12}.{minutes:02d}"


_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
             "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
             "eighteenth nineteenth twentieth").split()


def _ordinal(number: str | None) -> str | None:
    """'2' or 'two' -> 'second' (a finishing place: *ble nummer to*)."""
    if not number:
        return None
    n = int(number) if number.isdigit() else _NUMBER_WORDS.get(number.lower())
    if n is None or not 1 <= n < len(_ORDINALS):
        return None
    return _ORDINALS[n]


#: Person nouns whose possessive is "his" or "her"; any other ("driver", "people") takes "their".
_HIS = frozenset("man boy fisherman husband father son brother grandfather".split())
_HER = frozenset("woman girl wife mother daughter sister grandmother".split())


def _possessive(who: str | None) -> str | None:
    """'man' -> 'his', 'woman' -> 'her', 'men' or 'driver' -> 'their' (*en mann i 40-årene*)."""
    if not who:
        return None
    low = who.lower()
    return "his" if low in _HIS else "her" if low in _HER else "their"


_DECADE_WORDS = {"twenty": "twenties", "thirty": "thirties", "forty": "forties", "fifty": "fifties",
                 "sixty": "sixties", "seventy": "seventies", "eighty": "eighties", "ninety": "nineties"}


def _kilometres(mil: str | None) -> str | None:
    """A distance in Norwegian miles (*mil*, 10 km each) in kilometres: '15' -> '150',
    'three' -> '30', '1,5' -> '15', 'half' -> '5'; None for anything else."""
    if not mil:
        return None
    word = mil.lower()
    if word == "half":
        return "5"
    if word in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[word] * 10)
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return None
    km = float(word.replace(",", ".")) * 10
    return str(int(km)) if km.is_integer() else f"{km:.1f}"


def _decades(decade: str | None) -> str | None:
    """'40' -> '40s', 'forty' -> 'forties', 'teens' -> 'teens' (an age of ten years)."""
    if not decade:
        return None
    low = decade.lower()
    if low.isdigit():
        return f"{low}s" if len(low) == 2 and low.endswith("0") and low != "10" else "teens" if low == "10" else None
    return "teens" if low == "teens" else _DECADE_WORDS.get(low)


#: A verb of saying put before an outlet: "sier X til NRK" is "X tells NRK", "sa" "told";
#: the verbs that take "to" keep it ("X confirmed to VG").
_TELL = {"says": "tells", "tells": "tells", "said": "told", "told": "told"}


def tell(verb: str | None) -> str | None:
    """A verb of saying as it stands before an outlet: 'says' -> 'tells', 'said' -> 'told',
    'confirmed' -> 'confirmed to' (``{tell}``; GR007's suggestion)."""
    if not verb:
        return None
    return _TELL.get(verb.lower(), f"{verb.lower()} to")


def _day_before(day: str | None) -> str | None:
    if not day or day.lower() not in WEEKDAYS:
        return None
    return WEEKDAYS[WEEKDAYS.index(day.lower()) - 1].capitalize()


def render_suggestion(template: str, match: re.Match[str]) -> str | None:
    """Fill a ``suggest`` template from a rendering's named groups.

    Slots: ``{time}`` (groups ``hour``/``minute``: a 24-hour time as '9 pm'),
    ``{time2}`` (``hour2``/``minute2``), ``{day_before}`` (group ``day``: the
    weekday before it, for *natt til søndag* = Saturday night), ``{day}`` (the
    weekday, capitalised), ``{half_time}`` (group ``half``: *halv ni* is 8.30;
    with groups ``offset`` and ``side``, *fem over halv ni* is 8.35),
    ``{ordinal}`` (group ``num``: 'two' -> 'second'), ``{possessive}`` (group ``who``, a
    person noun: 'man' -> 'his', 'women' -> 'their'), ``{decades}`` (group ``decade``: '40'
    -> '40s', 'forty' -> 'forties'), ``{km}`` (group ``mil``, a distance in Norwegian
    miles: 'three' -> '30'), ``{tell}`` (group ``verb``, a
    verb of saying before an outlet: 'says' -> 'tells', 'said' -> 'told',
    'confirmed' -> 'confirmed to'),
    and any other named group as matched (``{name}``;
    ``{name_lower}`` lower-cased; empty where the group did not take part;
    ``{name|text}`` gives ``text`` where it is empty).
    ``None`` when a computed slot cannot be filled.
    The result takes the capital of the match's first letter."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    slots: dict[str, str | None] = {k: (v or "") for k, v in match.groupdict().items()}
    slots.update({f"{k}_lower": v.lower() for k, v in slots.items() if v is not None})
    slots["time"] = clock_time(groups.get("hour"), groups.get("minute"), match.string[match.end() : match.end() + 40])
    slots["time2"] = clock_time(groups.get("hour2"), groups.get("minute2"))
    slots["day_before"] = _day_before(groups.get("day"))
    slots["half_time"] = _half(groups.get("half"), groups.get("offset"), groups.get("side"))
    slots["ordinal"] = _ordinal(groups.get("num"))
    slots["tell"] = tell(groups.get("verb"))
    slots["possessive"] = _possessive(groups.get("who"))
    slots["decades"] = _decades(groups.get("decade"))
    slots["km"] = _kilometres(groups.get("mil"))
    if groups.get("day"):
        slots["day"] = groups["day"].capitalize()
    try:
        text = template.format_map(_Strict(slots))
    except (KeyError, ValueError):
        return None
    text = re.sub(r"\s+", " ", text).strip()
    found = match.group(0).lstrip()
    if text and found[:1].isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


class _Strict(dict):
    def __missing__(self, key: str) -> str:
        return ""  # a group of another rendering of the entry (checked at load)

    def __getitem__(self, key: str) -> str:
        name, bar, default = key.partition("|")
        value = super().get(name) if bar else super().__getitem__(name)
        if bar and not value:
            return default
        if value is None:
            raise KeyError(key)
        return value


# --- required literals: a cheap prefilter for each rendering ---------------------------

#: English words so common that a required string made of them alone ("the ", " to")
#: is in nearly every sentence: a poor prefilter when the rendering offers a rarer one.
_COMMON_WORDS = frozenset(
    "the a an to of in on at by for with from and or but is are was were be been has have had "
    "it its he she they we i you his her their our this that these those there here not no as "
    "so if then than up out down off over into onto about after before will would can could "
    "do does did".split()
)


def _strength(strings: frozenset[str]) -> tuple[bool, bool, int]:
    """How well a set of required strings prefilters (more is better): whether every string
    is long enough to index (three characters), then whether every one holds a word
    outside the commonest English words, then the shortest one's length."""
    shortest = min(map(len, strings))
    rare = all(any(w not in _COMMON_WORDS for w in re.findall(r"[a-z']+", s)) for s in strings)
    return shortest >= 3, rare, shortest


#: How common each character is in English text (per cent, space included), for
#: picking the rarest three-letter sequence of a required string as its index key.
_CHAR_FREQ = dict(zip(" etaoinshrdlcumwfgypbvkjxqz", (
    18.0, 10.2, 7.5, 6.5, 6.2, 5.7, 5.7, 5.3, 4.9, 4.8, 3.5, 3.3, 2.2, 2.2, 2.0, 1.9, 1.8, 1.6, 1.6,
    1.6, 1.2, 0.8, 0.6, 0.15, 0.15, 0.1, 0.07,
)))


#: The same, as logarithms: a sequence's weight is the sum of its letters'.
_CHAR_LOG = {char: math.log(freq) for char, freq in _CHAR_FREQ.items()}
_OTHER_LOG = math.log(0.5)


#: The 250 commonest three-letter sequences of English text (space included), by the
#: frequency of the 20,000 commonest words (wordfreq): never an index key while a needle
#: has a rarer one ("ing" would send every sentence to its needles).
_COMMON_GRAMS = frozenset((
    ' th', 'the', 'he ', ' an', 'nd ', ' to', 'ng ', 'ing', 'and', 'to ', ' in', ' of', 'ed ',
    'of ', 'er ', ' a ', 'on ', 'is ', 'in ', 're ', 'at ', 'es ', ' co', 'or ', ' be', 'as ',
    ' yo', ' fo', 'ion', 'you', 'for', 'hat', ' re', ' ha', ' wh', 'st ', ' on', 'an ', 'tha',
    ' wi', 'ent', ' it', ' is', ' wa', 'll ', 'her', ' i ', ' he', 've ', 'ly ', 'en ', 'thi',
    'tio', 'it ', 'me ', ' no', ' ma', 'nt ', 'th ', 'ut ', 'al ', ' ca', 'his', ' st', 'all',
    ' we', ' so', 'le ', 'ter', 'ou ', 'ere', 'se ', 'ver', ' pr', ' se', 'ts ', 'ce ', ' ar',
    'are', 'ith', ' al', 'wit', 'ati', ' do', 'ate', ' li', 'ne ', 'our', ' as', ' mo', ' me',
    'rea', 'eve', 'ld ', ' wo', 'ot ', ' de', 'was', ' sh', 'rs ', ' hi', 'ay ', 'ch ', ' fr',
    'out', 'ry ', 'ave', 'one', ' bu', 'be ', 'ow ', 'ers', ' go', 'not', ' ho', 'ome', ' lo',
    'res', ' ne', ' at', 'te ', 'ill', 'hin', 'com', 'con', ' di', 'hav', 'sta', 'ear', ' fi',
    'ted', ' pa', 'ur ', 'ns ', 'ke ', 'ive', 'nce', 'pro', 'est', ' ch', 'men', 'et ', "'s ",
    ' su', 'om ', ' sa', 'ons', 'can', 'igh', 'ty ', ' pe', 'ove', 'ght', 'tin', 'by ', 'ess',
    'so ', 'ad ', 'rom', ' po', ' le', ' tr', ' or', 'ust', 'but', 'int', 'ey ', ' ba', 'ore',
    ' by', 'fro', 'oul', 'ect', "n't", "'t ", 'art', 'oun', 'uld', 'per', ' fa', ' ou', ' la',
    'ide', 'ain', 'ar ', 'ss ', ' si', ' mi', 'ant', 'han', 'my ', 'use', 'ck ', ' my', 'oth',
    'ge ', 'whe', 'hou', 'ple', 'ine', 'ht ', 'ame', 'ist', 'der', ' ge', 'man', 'hen', ' pl',
    'und', ' ex', ' te', 'wor', 'ste', 'tra', ' ju', 'hey', ' ev', 'ort', 'cou', 'kin', 'rt ',
    'ds ', ' bo', 'pla', ' ab', 'nte', 'cti', 'eas', 'de ', 'eat', 'ake', ' da', 'we ', 'act',
    'iti', 'ica', 'lly', ' en', 'sti', 'now', ' un', 'par', 'any', ' gr', 'str', 'wer', 'pre',
    'een', ' ta', 'end',
))
_COMMON_GRAM_LOG = math.log(100.0)


@cache
def _gram_log(gram: str) -> float:
    """How likely a three-letter sequence is in English text (log; the commonest
    sequences weighed up): the lower, the better an index key."""
    logs = sum(_CHAR_LOG.get(char, _OTHER_LOG) for char in gram)
    return logs + (_COMMON_GRAM_LOG if gram in _COMMON_GRAMS else 0)


def _rarest_gram(needle: str) -> str:
    """The three-letter sequence of ``needle`` least likely in English text (a sentence
    holds the needle only if it holds each of its sequences); of as likely, the first."""
    if len(needle) <= 3:
        return needle
    return min((needle[k : k + 3] for k in range(len(needle) - 2)), key=_gram_log)


def _leading(items, C) -> str:
    """The literal text every match of a parsed sequence starts with (lower-cased)."""
    out = []
    for op, av in items:
        if op is not C.LITERAL:
            break
        out.append(chr(av).lower())
    return "".join(out)


def _leading_alternatives(op, av, C) -> list[str] | None:
    """The literal starts of a group's or branch's alternatives, or None when one has none."""
    if op is C.SUBPATTERN:
        inner = list(av[-1])
        if len(inner) != 1:
            lead = _leading(inner, C)
            return [lead] if lead else None
        op, av = inner[0]
        if op is C.LITERAL:
            return [chr(av).lower()]
    if op is not C.BRANCH:
        return None
    leads = [_leading(list(branch), C) for branch in av[1]]
    return leads if all(leads) else None


def _required(items) -> frozenset[str] | None:
    """Literal strings one of which every match of this parsed sequence contains
    (lower-cased), or None when none can be told."""
    try:
        from re import _constants as C  # type: ignore[attr-defined]  # CPython 3.11+; typeshed has no stubs for it
        from re import _parser as P  # type: ignore[attr-defined]  # typeshed has no stubs for it
    except ImportError:  # pragma: no cover
        import sre_constants as C
        import sre_parse as P  # noqa: F401
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(cands: frozenset[str] | None) -> None:
        nonlocal best
        if cands and all(cands) and (best is None or _strength(cands) > _strength(best)):
            best = cands

    def close_run() -> None:
        if run:
            consider(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        if run and op in (C.SUBPATTERN, C.BRANCH):
            # "g(?:ive|ave)": the run joined to each alternative's first letters ("give", "gave")
            leads = _leading_alternatives(op, av, C)
            if leads:
                consider(frozenset("".join(run) + lead for lead in leads))
        close_run()
        if op is C.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is C.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            if all(alts):
                consider(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
    close_run()
    return best


def required_literals(pattern: re.Pattern[str] | str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-cased strings one of which is in every text the pattern matches
    (None: no such set found).  Used to skip patterns cheaply.  ``pattern`` is
    compiled or as written (then with ``flags``): it is parsed, not compiled."""
    if isinstance(pattern, re.Pattern):
        compiled: re.Pattern[str] = pattern
        pattern, flags = compiled.pattern, compiled.flags
    try:
        from re import _parser as P  # type: ignore[attr-defined]  # typeshed has no stubs for it
    except ImportError:  # pragma: no cover
        import sre_parse as P
    try:
        tree = P.parse(pattern, flags & ~re.UNICODE)
    except Exception:  # noqa: BLE001 - any parser trouble: no prefilter
        return None
    found = _required(list(tree))
    if not found or min(map(len, found)) < 3:
        return None
    return found


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    sha256: str

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def _rendering_needles(self) -> tuple[tuple[Entry, tuple[frozenset[str] | None, ...]], ...]:
        """Each entry with, per rendering, the lower-cased strings one of which must
        be in a sentence for it to match (None: always try it)."""
        entries = [e for e in self.entries if e.rendering_patterns]
        # the cache holds the renderings written by hand; a composed one's strings are
        # its phrases, each whole
        written = [entry.rendering_patterns[: len(entry.rendering_patterns) - bool(entry.composed)]
                   for entry in entries]
        needles = _cached_needles(self.sha256, [len(patterns) for patterns in written])
        if needles is None:
            needles = [
                [None if (found := required_literals(p, entry.flags)) is None else sorted(found) for p in patterns]
                for entry, patterns in zip(entries, written)
            ]
            _store_needles(self.sha256, needles)
        return tuple(
            (entry, (
                *(None if strings is None else frozenset(strings) for strings in per),
                *((frozenset(entry.composed),) if entry.composed else ()),
            ))
            for entry, per in zip(entries, needles)
        )

    @cached_property
    def anchors(self) -> tuple[tuple[Entry, frozenset[str] | None], ...]:
        """Each entry with the lower-cased strings one of which must be in a
        sentence for any of its renderings to match (None: always try it)."""
        return tuple(
            (entry, None if None in per else frozenset().union(*cast("tuple[frozenset[str], ...]", per)))
            for entry, per in self._rendering_needles
        )

    @cached_property
    def _needle_index(
        self,
    ) -> tuple[frozenset[tuple[int, int]], dict[str, tuple[tuple[str, tuple[int, int]], ...]]]:
        """The renderings to try always, as (entry index, rendering index), and each
        required string by the rarest of its three-letter sequences (every required
        string has three or more), with its rendering's (entry index, rendering index)."""
        always: set[tuple[int, int]] = set()
        by_gram: dict[str, list[tuple[str, tuple[int, int]]]] = {}
        for i, (_, per) in enumerate(self._rendering_needles):
            for r, needles in enumerate(per):
                if needles is None:
                    always.add((i, r))
                    continue
                for needle in needles:
                    by_gram.setdefault(_rarest_gram(needle), []).append((needle, (i, r)))
        return frozenset(always), {k: tuple(v) for k, v in by_gram.items()}

    def candidate_renderings(self, sentence: str) -> Iterator[tuple[Entry, tuple[int, ...]]]:
        """The entries that may match ``sentence``, each with the indices of its
        renderings whose required strings the sentence contains.  Only the strings
        whose index key (their rarest three-letter sequence) is in the sentence are
        tested, so the cost grows with the sentence, not with the lexicon."""
        low = fold_apostrophes(sentence).lower()
        always, by_gram = self._needle_index
        hit = set(always)
        grams = {low[k : k + 3] for k in range(len(low) - 2)}
        for gram in grams.intersection(by_gram):
            for needle, pair in by_gram[gram]:
                if pair not in hit and needle in low:
                    hit.add(pair)
        entries = self._rendering_needles
        for i, pairs in groupby(sorted(hit), key=itemgetter(0)):
            yield entries[i][0], tuple(r for _, r in pairs)

    def candidates(self, sentence: str) -> Iterator[Entry]:
        """The entries that may match ``sentence`` (:meth:`candidate_renderings`)."""
        for entry, _ in self.candidate_renderings(sentence):
            yield entry


#: Bump when required_literals changes what it finds.
_NEEDLES_VERSION = 8


def _cache_path(stem: str, key: str) -> Path:
    """A lexicon cache file: ``stem`` (its kind and version), this Python, ``key``."""
    import sys

    from mtqa.cache import cache_root

    return cache_root() / f"{stem}-py{sys.version_info[0]}{sys.version_info[1]}-{key[:24]}.json"


def _needles_path(sha256: str) -> Path:
    return _cache_path(f"lexicon-needles-{_NEEDLES_VERSION}", sha256)


def _cached_needles(sha256: str, shape: list[int]) -> list[list[list[str] | None]] | None:
    """The required strings of a lexicon's renderings (per entry, per rendering) as an
    earlier run found them (parsing ten thousand patterns takes a third of a second),
    or None.  ``shape``: the number of renderings of each entry."""
    from mtqa.cache import read_json

    data = read_json(_needles_path(sha256))
    if not isinstance(data, list) or [len(per) if isinstance(per, list) else -1 for per in data] != shape:
        return None
    for per in data:  # a damaged file must not reach the index: computed again instead
        for needles in per:
            if needles is not None and not (
                isinstance(needles, list) and needles and all(isinstance(n, str) and len(n) >= 3 for n in needles)
            ):
                return None
    return data


def _store_needles(sha256: str, needles: list[list[list[str] | None]]) -> None:
    from mtqa.cache import write_json

    write_json(_needles_path(sha256), needles, stale="lexicon-needles-*.json")


def _compile(pattern: object, where: str, flags: int) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise LexiconError(f"{where}: a pattern must be a non-empty string")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _strings(value: object, where: str, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: must be a list of strings")
    if not value and not allow_empty:
        raise LexiconError(f"{where}: must not be empty")
    return tuple(value)


def parse_entry(raw: dict, origin: str, validate: bool = True) -> Entry:  # noqa: C901 - one check per schema rule, in order
    """One entry from its YAML mapping.  ``validate=False`` skips compiling its
    patterns (they compile on first use): for the built-in files, whose
    patterns the test suite compiles and whose examples it runs."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{origin}: every entry must be a mapping")
    eid = raw.get("id", "?")
    where = f"{origin}: entry {eid!r}"
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(eid)):
        raise LexiconError(f"{where}: id must be lowercase ASCII words joined by hyphens")
    if raw["kind"] not in KINDS:
        raise LexiconError(f"{where}: kind must be one of {', '.join(KINDS)}")
    context = raw.get("context") or {}
    if not isinstance(context, dict) or set(context) - set(CONTEXT_KEYS):
        raise LexiconError(f"{where}: context keys must be among {', '.join(CONTEXT_KEYS)}")
    flags = 0 if context.get("case_sensitive") else re.IGNORECASE
    try:
        severity = Severity.parse(raw["severity"])
    except ValueError as exc:
        raise LexiconError(f"{where}: {exc}") from None
    confidence = raw["confidence"]
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise LexiconError(f"{where}: confidence must be a number in (0, 1]")
    examples = raw["examples"]
    if not isinstance(examples, dict) or set(examples) != {"flag", "allow"}:
        raise LexiconError(f"{where}: examples must have exactly 'flag' and 'allow'")
    rendering_patterns = _strings(raw["renderings"], f"{where} renderings", allow_empty=True)
    flag_examples = _strings(examples["flag"], f"{where} examples.flag", allow_empty=not rendering_patterns)
    allow_examples = _strings(examples["allow"], f"{where} examples.allow", allow_empty=not rendering_patterns)
    if not isinstance(raw.get("compose", True), bool):
        raise LexiconError(f"{where}: compose must be true or false")
    parts = raw.get("parts")
    if parts is not None and (not isinstance(parts, str) or compose.parts_of(parts) is None):
        raise LexiconError(f"{where}: parts must name a compound's two or three parts, such as 'kjerring råd'")
    composed: tuple[str, ...] = ()
    composed_suggestions: tuple[tuple[str, str], ...] = ()
    if raw.get("compose", True):
        english = _strings(raw["english"], f"{where} english")
        composed, verbal = compose.compose_with_verbs(
            str(raw["norwegian"]), (*english, str(raw["meaning"])), allow_examples, parts
        )
        if composed:
            rendering_patterns = (*rendering_patterns, compose.pattern(composed))
            composed_suggestions = compose.suggestions(english[0], sorted(verbal))
    renderings = tuple(_compile(p, f"{where} rendering", flags) for p in rendering_patterns) if validate else ()
    blocks = None
    if "blocks" in context:
        blocks = frozenset(_strings(context["blocks"], f"{where} context.blocks"))
        if blocks - set(BLOCK_KINDS):
            raise LexiconError(f"{where}: context.blocks must be among {', '.join(BLOCK_KINDS)}")
    provenance = raw.get("provenance", "")
    if not isinstance(provenance, str):
        raise LexiconError(f"{where}: provenance must be a string")
    suggest = raw.get("suggest")
    if suggest is not None:
        if not isinstance(suggest, str) or not suggest.strip():
            raise LexiconError(f"{where}: suggest must be a non-empty template string")
    if suggest is not None and validate:
        groups = {n for p in renderings for n in p.groupindex}
        fields = set(re.findall(r"\{(\w+)(?:\|[^{}]*)?\}", suggest))
        computed = {"time": "hour", "time2": "hour2", "day_before": "day", "half_time": "half",
                    "ordinal": "num", "tell": "verb", "possessive": "who", "decades": "decade", "km": "mil"}
        missing = sorted(f for f in fields
                         if computed.get(f, f.removesuffix("_lower")) not in groups)
        if missing:
            raise LexiconError(f"{where}: suggest slot(s) {', '.join(missing)} have no named group")
    cues = tuple(
        (key, context[key]) for key in ("before", "after", "sentence", "not_sentence", "article", "not_article")
        if key in context
    )
    compiled_cues = {
        key: _compile(pattern, f"{where} context.{key}", flags)
        for key, pattern in cues
        if validate or not isinstance(pattern, str)
    }
    source_patterns = (
        _strings(raw["source"], f"{where} source") if "source" in raw else derive_source(str(raw["norwegian"]))
    )
    source = tuple(_compile(p, f"{where} source", re.IGNORECASE) for p in source_patterns) if validate else ()
    entry = Entry(
        id=eid,
        kind=raw["kind"],
        norwegian=str(raw["norwegian"]),
        meaning=str(raw["meaning"]),
        english=_strings(raw["english"], f"{where} english"),
        rendering_patterns=rendering_patterns,
        source_patterns=source_patterns,
        confidence=float(confidence),
        severity=severity,
        note=str(raw["note"]),
        flag_examples=flag_examples,
        allow_examples=allow_examples,
        blocks=blocks,
        cue_patterns=cues,
        flags=flags,
        origin=origin,
        provenance=provenance,
        suggest=suggest,
        composed=composed,
        composed_suggestions=composed_suggestions,
    )
    if validate:  # compiled already to check them: keep them
        entry.__dict__.update(_compiled=list(renderings), source=source, _cues=compiled_cues)
    return entry


def derive_source(norwegian: str) -> tuple[str, ...]:
    """Norwegian source patterns from an entry's ``norwegian`` field: each
    alternative (split on '/' or ';', parentheses and '...' dropped) as words in
    sequence, each word with any inflected ending."""
    out = []
    for alt in re.split(r"[/;]", re.sub(r"\([^)]*\)", " ", norwegian)):
        words = re.findall(r"[\wæøåÆØÅ-]+", alt.replace("...", " "))
        if not words:
            continue
        out.append(r"\b" + r"\s+".join(re.escape(w.lower()) + r"\w*" for w in words))
    return tuple(out) or (re.escape(norwegian.lower()),)


def parse(data: bytes, origin: str, validate: bool = True) -> Lexicon:
    """A lexicon file's entries, checked against the schema (``validate``:
    every pattern compiled too; see :func:`parse_entry`)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"{origin}: not UTF-8 text (byte {exc.start}): save the file as UTF-8"
        ) from None
    if not data.strip():
        raise LexiconError(f"{origin}: the file is empty: a lexicon file holds 'version: {SCHEMA_VERSION}' and 'entries:'")
    try:
        doc = yaml.load(data, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise LexiconError(f"{origin}: not valid YAML ({exc})") from None
    if not isinstance(doc, dict):
        raise LexiconError(f"{origin}: must be a mapping with 'version: {SCHEMA_VERSION}' and 'entries:'")
    if doc.get("version") != SCHEMA_VERSION:
        raise LexiconError(
            f"{origin}: schema version {doc.get('version')!r}, where mtqa reads version {SCHEMA_VERSION}: "
            f"the file must say 'version: {SCHEMA_VERSION}'"
        )
    raw_entries = doc.get("entries")
    if not isinstance(raw_entries, list):
        raise LexiconError(f"{origin}: 'entries' must be a list")
    defaults = doc.get("defaults") or {}
    if not isinstance(defaults, dict) or {"id", "examples"} & set(defaults):
        raise LexiconError(f"{origin}: 'defaults' must be a mapping without id or examples")
    entries = tuple(
        parse_entry({**defaults, **raw} if isinstance(raw, dict) else raw, origin, validate)
        for raw in raw_entries
    )
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise LexiconError(f"{origin}: entry id {entry.id!r} appears twice")
        seen.add(entry.id)
    return Lexicon(entries, _digest(data))


def _digest(data: bytes) -> str:
    """A lexicon file's digest, with what its composed renderings depend on."""
    return hashlib.sha256(data + b"|" + compose.signature().encode()).hexdigest()


def builtin_files() -> list[str]:
    """The built-in lexicon files: ``nb_en.yaml`` first, then the others by name."""
    folder = resources.files("mtqa.lexicons")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    return sorted(names, key=lambda n: (n != BUILTIN, n))


@cache
def builtin() -> Lexicon:
    """The built-in lexicon.  Its files are parsed once per version of them and kept,
    as plain records, in the cache folder: parsing 3,500 entries of YAML takes a third
    of a second, reading the records back a tenth of that."""
    folder = resources.files("mtqa.lexicons")
    files = [(n, folder.joinpath(n).read_bytes()) for n in builtin_files()]
    digests = [_digest(data) for _, data in files]
    key = hashlib.sha256(
        f"{_PARSED_VERSION}|".encode() + "|".join(f"{n}:{d}" for (n, _), d in zip(files, digests)).encode()
    ).hexdigest()
    records = _cached_records(key)
    if records is not None and len(records) == len(files):
        try:
            return combine([Lexicon(tuple(_entry_from(r) for r in recs), d) for recs, d in zip(records, digests)])
        except (TypeError, KeyError, ValueError, AttributeError):
            pass  # a damaged cache file: parse the files again (and store them anew)
    lexicons = [parse(data, n, validate=False) for n, data in files]
    _store_records(key, [[_entry_record(e) for e in lex.entries] for lex in lexicons])
    return combine(lexicons)


#: Bump when :class:`Entry` or :func:`parse_entry` changes what an entry holds.
_PARSED_VERSION = 2


def _entry_record(entry: Entry) -> dict:
    record = {f.name: getattr(entry, f.name) for f in fields(Entry)}
    record["severity"] = entry.severity.value
    record["blocks"] = None if entry.blocks is None else sorted(entry.blocks)
    return record


def _entry_from(record: dict) -> Entry:
    data = dict(record)
    for name in ("english", "rendering_patterns", "source_patterns", "flag_examples", "allow_examples", "composed"):
        if not isinstance(data[name], list) or not all(isinstance(x, str) for x in data[name]):
            raise ValueError(f"damaged record: {name}")
        data[name] = tuple(data[name])
    data["cue_patterns"] = tuple((k, v) for k, v in data["cue_patterns"])
    data["composed_suggestions"] = tuple((k, v) for k, v in data["composed_suggestions"])
    data["blocks"] = None if data["blocks"] is None else frozenset(data["blocks"])
    data["severity"] = Severity(data["severity"])
    return Entry(**data)


def _records_path(key: str) -> Path:
    return _cache_path("lexicon-parsed", key)


def _cached_records(key: str) -> list[list[dict]] | None:
    from mtqa.cache import read_json

    data = read_json(_records_path(key))
    return data if isinstance(data, list) else None


def _store_records(key: str, records: list[list[dict]]) -> None:
    from mtqa.cache import write_json

    write_json(_records_path(key), records, stale="lexicon-parsed-*.json")


def combine(lexicons: list[Lexicon]) -> Lexicon:
    """Several lexicons as one, in order; an entry id may be defined only once."""
    if len(lexicons) == 1:
        return lexicons[0]
    entries = tuple(e for lex in lexicons for e in lex.entries)
    counts = Counter(e.id for e in entries)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    if dupes:
        raise LexiconError(f"lexicon entry id(s) defined twice: {', '.join(dupes)}")
    digest = hashlib.sha256("".join(lex.sha256 for lex in lexicons).encode()).hexdigest()
    return Lexicon(entries, digest)


def load(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The built-in lexicon plus the user's lexicon files, in that order."""
    lexicons = [builtin()]
    for path in paths:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise LexiconError(f"lexicon {p}: cannot be read ({exc.strerror or exc})") from None
        lexicons.append(parse(data, str(p)))
    return combine(lexicons)


#: The parts of a lexicon entry's Norwegian forms: "merd / lokalitet", "blant annet (bl.a.)".
FORM_SPLIT = re.compile(r"\s*(?:/|\(|\))\s*")
#: The endings of a Norwegian noun's definite and plural forms, and the English plural an
#: engine puts on a word it leaves ("three merds").
NOUN_ENDINGS = ("", "en", "et", "a", "er", "ene", "n", "t", "r", "ne", "s")


def left_in_norwegian(entry: Entry, found: str) -> bool:
    """Whether the text a lexicon entry matched is its Norwegian itself, left as it is
    ("merd", "merden", "bl.a."): a word left untranslated (UT006), not an English
    rendering."""
    low = " ".join(found.lower().split())
    for form in FORM_SPLIT.split(entry.norwegian.lower()):
        form = form.strip()
        if len(form) >= 3 and any(low == form + end for end in NOUN_ENDINGS):
            return True
    return False
