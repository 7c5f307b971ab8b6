"""Find the names an article mentions, from the article's own evidence.

A *name word* is a capitalised word that is a name where it stands: inside a
sentence, or at the start of one when the article also capitalises it inside a
sentence elsewhere, or when it is no common English word ("Heitfeldt met ...").
A *mention* is a run of name words ("Anniken Huitfeldt", "Ursula von der
Leyen", "George W. Bush"), with the titles before it split off ("German Foreign
Minister" | "Annalena Baerbock") and a possessive "'s" dropped.  A mention is a
person when a title or a role ("NATO chief") stands before it, when its first
word is a known given name, or when its last word is the surname of such a
mention elsewhere in the article.

Organisation names ("NATO-Russia Council", "Organization for Security and
Co-operation in Europe") are runs of capitalised words, joined by "and", "of",
"for" ..., that end in an organisation word ("Council", "Ministry", "Party").

Page furniture is never read.  The analysis of a document is computed once and
kept on the document (:meth:`mtqa.Document.memo`), so the names and pronoun
checks share it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from mtqa.model import BlockKind, Document
from mtqa.names.figures import listed
from mtqa.names.lexicon import NORWEGIAN_ROLE, english_zipf, unmangled, words

#: A letter, or a Norwegian letter in mojibake ("Ã¸" for "ø", "Ã˜" for "Ø"): "BjÃ¸rn" is one word.
_LETTER = "(?:Ã[\u0080-\u00bf‚ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ]|Ã[…‘’“”–—](?=[^\\W\\d_])|[^\\W\\d_])"
WORD = re.compile(f"{_LETTER}+(?:['’\\-‐]{_LETTER}+)*")
_POSSESSIVE = re.compile(r"['’]s$")
#: Characters after which a capitalised word may be capitalised for the position
#: alone: sentence ends, colons, opening quotes and brackets, dashes, bullets.
_OPENERS = set(".!?:;\"“”‘’'«»([{–—-•*/|>")
#: A sentence-initial word more common than this in English is taken for a
#: common word, unless the article capitalises it inside a sentence too.
COMMON_WORD_ZIPF = 3.3
#: An English word this frequent opening a sentence before a given name and a surname is
#: their role, not a part of the name ("Debutant", 2.6).
ROLE_WORD_ZIPF = 2.0
#: Words this common in English (the, you, and) are never names.
FUNCTION_WORD_ZIPF = 6.0


@dataclass(frozen=True)
class Token:
    text: str  # without a possessive 's
    start: int
    end: int  # end of ``text`` (before the 's)
    sentence: int  # index into Document.sentences, -1 if none
    block: int  # index into Document.blocks
    initial: bool  # capitalised because of its position alone (possibly)
    possessive: bool = False
    quoted: bool = False  # inside quotation marks or a dialogue line
    marks: bool = False  # inside quotation marks proper

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def acronym(self) -> bool:
        """NATO, OSCE, AMs, U-boat's U: upper case letters (a plural s allowed)."""
        core = self.text[:-1] if self.text.endswith("s") and len(self.text) > 2 else self.text
        letters = [c for c in core if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class Mention:
    """A run of name words, titles split off."""

    tokens: tuple[Token, ...]
    title: tuple[Token, ...] = ()
    role: str | None = None  # a lower-case role word before the name ("chief")
    kind: str = "name"  # person, org or name (unknown)
    evidence: set[str] = field(default_factory=set)
    _slots: tuple[Token, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def sentence(self) -> int:
        return self.tokens[0].sentence

    @property
    def block(self) -> int:
        return self.tokens[0].block

    def slots(self) -> tuple[Token, ...]:
        """The name words that can be spelled wrong: particles, initials, Jr. left out."""
        if self._slots is None:
            w = words()
            self._slots = tuple(
                t
                for t in self.tokens
                if t.cap and len(t.text) > 1 and t.lower not in w.suffixes and not t.acronym
            )
        return self._slots

    @property
    def first(self) -> Token | None:
        s = self.slots()
        return s[0] if len(s) >= 2 else None

    @property
    def last(self) -> Token | None:
        s = self.slots()
        return s[-1] if s else None

    @property
    def full(self) -> bool:
        return len(self.slots()) >= 2


@dataclass
class OrgMention:
    tokens: tuple[Token, ...]
    start: int
    end: int
    surface: str  # the text as written
    key: str  # content words, lower case, run together


@dataclass
class Analysis:
    doc: Document
    tokens: list[Token]
    mentions: list[Mention]
    orgs: list[OrgMention]
    proper_forms: frozenset[str]
    sentence_of: dict[int, int] = field(default_factory=dict)

    def persons(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "person"]

    @cached_property
    def token_starts(self) -> list[int]:
        """Where each token starts, in order (for bisect)."""
        return [t.start for t in self.tokens]

    @cached_property
    def mention_starts(self) -> dict[int, Mention]:
        """Each mention by where it starts."""
        return {m.start: m for m in self.mentions}


# -- tokens ----------------------------------------------------------------------

def title_case_block(text: str) -> bool:
    """A headline written in Title Case: its capitals say nothing about names."""
    long_words = [w for w in WORD.findall(text) if len(w) >= 4]
    if len(long_words) < 2:
        return False
    caps = sum(1 for w in long_words if w[:1].isupper())
    return caps / len(long_words) >= 0.6


_OPENING_QUOTES = "“«„"
_CLOSING_QUOTES = "”»“"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks: curly, guillemets or straight double
    quotes, an opening mark closed by any closing one (MT mixes “...» and «...”)."""
    spans = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPENING_QUOTES or c == '"':
            closers = '"' if c == '"' else _CLOSING_QUOTES + '"'
            j = i + 1
            while j < n and text[j] not in closers:
                j += 1
            spans.append((i, min(j + 1, n)))
            i = j + 1
        else:
            i += 1
    return spans


_CLAUSE = re.compile(r"[^.!?]*(?:[.!?]+|$)")


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """The reporting clauses of a dialogue line ("– We are close, she says."):
    from a comma, question or exclamation mark to the end of its sentence, when
    a verb of saying is among its first six words and it is short."""
    verbs = words().speech_verbs
    spans = []
    for m in re.finditer(r"[,?!]\s+", text):
        start = m.end()
        end_m = _CLAUSE.match(text, start)
        end = end_m.end() if end_m else len(text)
        clause = WORD.findall(text[start:end])
        if not clause or len(clause) > 30:
            continue
        if any(w.lower() in verbs for w in clause[:6]):
            spans.append((start, end))
    # a clause of the quote before the reporting clause is the quote's ("– ... If we use the
    # shop, it will last, says he.": "it will last" is no reporting clause)
    return [
        (a, b) for a, b in spans
        if not any(
            a < a2 and b2 == b and not any(w.lower() in verbs for w in WORD.findall(text[a:a2]))
            for a2, b2 in spans
        )
    ]


#: A dash that opens a dialogue line inside a paragraph, after the narration's sentence.
_INLINE_DASH = re.compile(r"(?<=[.!?»”\"])\s+[–—]\s+(?=\S)")


def inline_dialogue(text: str) -> list[tuple[int, int]]:
    """Dialogue inside a paragraph of narration, where a page ran the lines together
    ("Klung emphasizes that the funds are good. – We live under grants, and ..."): from the
    dash to its reporting clause ("..., says Klung."), the next such dash or the paragraph's
    end. The reporting clause and what follows it are the narration's again."""
    spans = []
    dashes = list(_INLINE_DASH.finditer(text))
    for k, m in enumerate(dashes):
        end = dashes[k + 1].start() if k + 1 < len(dashes) else len(text)
        reporting = attribution_spans(text[m.start() : end])
        if reporting:
            end = m.start() + reporting[0][0]
        spans.append((m.start(), end))
    return spans


def _narration_spans(text: str, reporting: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of a dialogue line that the reporter narrates after its reporting
    clause, opening with a name the clause gave the speaker ("– It was a bang, says Kari
    Bakken (54). Bakken had to run out of the house with her dog."; a speaker does not
    call themselves by their surname), or the reporter's again by :func:`_reporter_again`
    ("... says Kari Bakken. She tells that the dog woke her.")."""
    spans = []
    for a, b in reporting:
        names = {w for w in WORD.findall(text[a:b])[1:] if w[:1].isupper()}
        m = _NARRATED.match(text, b)
        if m is None:
            continue
        if m.group("name") in names or _reporter_again(text[:a], m.group("sentence")):
            spans.append((m.start("sentence"), m.end()))
    return spans


def _reporter_again(quote: str, sentence: str) -> bool:
    """Whether ``sentence``, right after a dialogue line's reporting clause, is the reporter's
    about the speaker: it opens with "he" or "she" and a verb of saying or thinking, or an
    intensive ("She tells that ...", "He also points out ...", "She has herself worked ..."),
    has no word of the first person and no reporting clause of its own ("He did not brake,
    she says": the quote goes on), and the quote before speaks of nobody that pronoun may
    mean ("– My husband found the bag, says Kari Lie. He says ...": he may be the husband)."""
    m = _PRONOUN_THEN_VERB.match(sentence)
    if m is None:
        return False
    verb = (m.group("verb") or "").lower()
    if not (m.group("self") or verb in words().speech_verbs or verb in _THINKS):
        return False
    if any(w.lower() in _FIRST_PERSON for w in WORD.findall(sentence)) or _OWN_TAG.search(sentence):
        return False
    same = MALE if m.group("pronoun") == "He" else FEMALE
    return not any(w.lower() in same or w.lower() in _PERSON_NOUNS for w in WORD.findall(quote))


_FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
#: The pronouns of each gender.
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
#: Nouns of a person a quote may speak of ("my husband", "the boy", "the pilot").
_PERSON_NOUNS = frozenset(
    "husband wife son daughter father mother dad mum mom brother sister boy girl man woman baby child "
    "grandfather grandmother uncle aunt pilot driver captain coach player patient doctor teacher".split()
)
_THINKS = frozenset(
    "believes thinks hopes fears admits feels understands promises warns emphasizes emphasises stresses "
    "points rejects regrets doubts expects".split()
)
#: "he"/"she", an adverb, and a verb, or an auxiliary and an intensive ("She has herself worked").
_PRONOUN_THEN_VERB = re.compile(
    r"(?P<pronoun>He|She)\s+(?:(?:also|further|nevertheless|still|now|however|therefore)\s+)?"
    r"(?:(?:has|had|is|was)\s+(?P<self>himself|herself)\b|(?P<verb>[a-z]+))"
)
#: A reporting clause in the sentence itself: ", she says", ", he adds".
_OWN_TAG = re.compile(r",\s+(?:(?:he|she)\s+[a-z]+s\b|(?:says|said|adds|added)\b)")


#: A sentence right after a reporting clause, with its first word.
_NARRATED = re.compile(r"\s+(?P<sentence>(?P<name>[A-ZÆØÅ][\w-]+)\b[^.!?–—]*[.!?]?)")


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an initial or an abbreviation ("W.", "Gov.")."""
    m = re.search(r"([^\W\d_]+)$", text[:dot])
    if not m:
        return False
    word = m.group(1)
    return (len(word) == 1 and word.isupper()) or word.lower() in words().abbreviations


def tokenize(doc: Document) -> list[Token]:
    sent_starts = [s.start for s in doc.sentences]
    tokens: list[Token] = []
    for bi, block in enumerate(doc.blocks):
        if not block.is_text:
            continue
        text = doc.text[block.start : block.end]
        title_case = block.kind in (BlockKind.TITLE, BlockKind.HEADING) and title_case_block(text)
        dialogue = block.kind is BlockKind.QUOTE
        quotes = _quote_spans(text)
        reporting = attribution_spans(text) if dialogue else []
        narration = _narration_spans(text, reporting) if dialogue else []
        inline = [] if dialogue else inline_dialogue(text)
        qi = 0
        for m in WORD.finditer(text):
            raw = m.group(0)
            start = block.start + m.start()
            possessive = False
            word = raw
            pm = _POSSESSIVE.search(raw)
            if pm and len(raw) > 2:
                word, possessive = raw[: pm.start()], True
            # what stands before the word
            j = m.start() - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            si = bisect.bisect_right(sent_starts, start) - 1
            sentence_start = si >= 0 and not any(
                c.isalpha() for c in doc.text[doc.sentences[si].start : start]
            )
            initial = (
                title_case
                or j < 0
                or sentence_start
                or (text[j] in _OPENERS and not (text[j] == "." and _abbreviation_before(text, j)))
            )
            while qi < len(quotes) and quotes[qi][1] <= m.start():
                qi += 1
            marks = qi < len(quotes) and quotes[qi][0] <= m.start() < quotes[qi][1]
            said = any(a <= m.start() < b for a, b in reporting + narration)
            quoted = (dialogue and not said) or marks or any(a <= m.start() < b for a, b in inline)
            tokens.append(
                Token(
                    # a word in mojibake as the word it was ("SÃ¸ndre" is "Søndre"), at its place
                    text=unmangled(word),
                    start=start,
                    end=start + len(word),
                    sentence=si,
                    block=bi,
                    initial=initial,
                    possessive=possessive,
                    quoted=quoted,
                    marks=marks,
                )
            )
    return tokens


# -- mentions --------------------------------------------------------------------

def _is_initial_letter(doc: Document, tok: Token) -> bool:
    """A middle initial such as the W. of George W. Bush."""
    return len(tok.text) == 1 and tok.text.isupper() and doc.text[tok.end : tok.end + 1] == "."


def _joined(doc: Document, a: Token, b: Token) -> bool:
    """Whether ``b`` follows ``a`` inside one name: only spaces, or an abbreviation's dot."""
    if a.block != b.block:
        return False
    gap = doc.text[a.end : b.start]
    if a.possessive:
        return False
    if gap == " " or gap == "\u00a0":
        return True
    if gap in (". ", ".\u00a0") and (a.lower in words().abbreviations or len(a.text) == 1):
        return True
    return False


def _name_word(tok: Token, proper: frozenset[str]) -> bool:
    if not tok.cap or tok.acronym:
        return False
    if tok.text in proper:
        return True
    low = tok.lower
    if not tok.initial:
        # capitalised inside a sentence, yet the article writes it in lower
        # case more often ("..., Based on two documents"): not a name
        return False
    if "-" in low:
        parts = [p for p in tok.text.split("-") if p]
        if len(parts) == 2 and all(words().is_first_name(p) for p in parts):
            return True  # "Per-Ivar", "Jon-Ivar": a double given name, though "per" is English
        return all(english_zipf(p) < COMMON_WORD_ZIPF for p in low.split("-") if p)
    return english_zipf(low) < COMMON_WORD_ZIPF


#: What ends the words before a run that continues an office's name ("Minister of Fisheries and").
_OFFICE_BEFORE = re.compile(r"\b(?:of|and|for)\s+(?:the\s+)?$")


def _split_title(run: list[Token], after_office: bool = False) -> tuple[list[Token], list[Token]]:
    """Titles before the name: up to the last unambiguous title, then leading titles.

    "German Foreign Minister | Annalena Baerbock", "King | Harald", but
    "Stephen King", "New York" and "General Motors" stay whole.
    """
    w = words()
    cut = 0
    for i, tok in enumerate(run[:-1]):
        if w.title(tok.text) == "title":
            cut = i + 1
    while cut < len(run) - 1:
        kind = w.title(run[cut].text)
        if kind in ("title", "ambiguous"):
            cut += 1
        elif (kind == "modifier" or run[cut].acronym) and any(
            w.title(t.text) in ("title", "ambiguous") for t in run[cut + 1 : -1]
        ):
            cut += 1
        else:
            break
    # the end of a ministry's or an office's name before a given name and a surname:
    # "Minister of Fisheries and | Oceans | Marianne Lie", "Children and | Families | Kari
    # Dalheim": after "of", "and" or "for", common English words, none a given name, up to
    # a given name that has a surname after it (a run that opens a name keeps its first
    # word: "Bent Inge Hansen", "Rose Marie Hansen")
    for k in range(cut + 1, len(run) - 1) if after_office else ():
        if w.is_first_name(run[k].text):
            if all(
                not w.is_first_name(t.text) and english_zipf(t.lower) >= COMMON_WORD_ZIPF for t in run[cut:k]
            ):
                cut = k
            break
    return run[:cut], run[cut:]


def _untranslated_role(names: list[Token]) -> bool:
    """Whether a run opens its sentence with a Norwegian word for a role, left untranslated
    before a given name and a surname ("Styrer Randi Solheim has worked ...", *styrer* =
    head of a kindergarten; "Innbytter Tuva Lien", a substitute): the role of the person."""
    first, w = names[0], words()
    return (
        len(names) >= 3
        and first.initial
        and not w.is_first_name(first.text)
        and w.is_first_name(names[1].text)
        and NORWEGIAN_ROLE.match(first.lower) is not None
    )


def _word_before_full_name(names: list[Token]) -> bool:
    """Whether a run opens its sentence with an English word that is no given name before
    a given name and a surname ("Debutant Sigrid Fjeld scored ...", "Veteran Kari Lie"):
    a role or a modifier, rare enough in English to pass for a name word, not the name."""
    first, w = names[0], words()
    return (
        len(names) >= 3
        and first.initial
        and "-" not in first.text
        and not w.is_first_name(first.text)
        and w.is_first_name(names[1].text)
        and english_zipf(first.lower) >= ROLE_WORD_ZIPF
    )


#: Verbs of saying that are plural nouns too ("Baltic states", "Price points", "Union claims").
_PLURAL_NOUNS_TOO = frozenset(
    "states points notes claims hopes fears reports answers comments remarks replies warns thinks".split()
)


def _near_a_proper(word: str, proper: frozenset[str]) -> bool:
    """Whether ``word`` is one letter from a word the article capitalises inside a sentence,
    with the same first letter ("Olson" beside "Olsen"), five letters or more."""
    from rapidfuzz.distance import OSA

    return len(word) >= 5 and any(
        p != word and p[:1] == word[:1] and abs(len(p) - len(word)) <= 1 and OSA.distance(p, word) == 1
        for p in proper
    )


def _runs(doc: Document, tokens: list[Token], proper: frozenset[str]) -> list[list[Token]]:
    w = words()
    runs: list[list[Token]] = []
    current: list[Token] = []

    def usable(i: int) -> bool:
        tok = tokens[i]
        if _name_word(tok, proper) or _is_initial_letter(doc, tok):
            return True
        # a surname that is also a word ("Theresa May", "Gordon Brown")
        if tok.cap and not tok.initial and not tok.acronym and current and _joined(doc, current[-1], tok):
            return True
        # a given name at the start of a sentence, before a surname ("George W. Bush ...")
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            tok.cap
            and w.is_first_name(tok.text)
            and nxt is not None
            and nxt.cap
            and _joined(doc, tok, nxt)
            and (_name_word(nxt, proper) or _is_initial_letter(doc, nxt))
        ):
            return True
        # a given name rendered as the English word it also is, after a role, before a surname
        # ("says daily leader Life Engen", *Liv Engen*; NC005 reports the word)
        prev = tokens[i - 1] if i > 0 else None
        if (
            tok.cap
            and not tok.initial
            and tok.lower in w.word_given_names
            and prev is not None
            and not prev.cap
            and prev.sentence == tok.sentence
            and doc.text[prev.end : tok.start] == " "
            and w.is_role(prev.text)
            and nxt is not None
            and nxt.cap
            and _joined(doc, tok, nxt)
            and _name_word(nxt, proper)
        ):
            return True
        # a surname opening its sentence before a verb of saying, a letter from one the article
        # writes inside a sentence ("Per Arne Olsen ... Olson emphasises that ..."): a name
        # however common in English (the slip of an engine that anglicises it)
        if (
            tok.initial and tok.cap and nxt is not None and nxt.lower in w.speech_verbs
            and nxt.lower not in _PLURAL_NOUNS_TOO and _near_a_proper(tok.text, proper)
        ):
            return True
        # titles at the start of a sentence ("Foreign Minister X said")
        return tok.cap and w.title(tok.text) is not None

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if usable(i):
            if current and _joined(doc, current[-1], tok):
                current.append(tok)
            else:
                if current:
                    runs.append(current)
                current = [tok]
        elif (
            current
            and tok.lower in w.particles
            and not tok.cap
            and i + 1 < len(tokens)
            and _joined(doc, current[-1], tok)
            and _joined(doc, tok, tokens[i + 1])
            and tokens[i + 1].cap
            and _name_word(tokens[i + 1], proper)
        ):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return runs


#: An age in brackets right after a name: "Håvard (13)".
_AGE_AFTER = re.compile(r"\s*\(\d{1,3}\)")


#: A Norwegian compound that names a business or an institution by what it is ("Fjellheim
#: Høyfjellshotell", "Våge Bakeri", "Sentrum Barnehage"): no person's name ends so.
_NORWEGIAN_PLACE_OF_BUSINESS = re.compile(
    r"\w{2,}(?:hotell|hotellet|kafé|kafeen|bakeri|bakeriet|butikk|butikken|senter|senteret|sykehus|sykehuset|"
    r"skole|skolen|barnehage|barnehagen|kirke|kirka|kirken|museum|museet|stadion|arena|apotek|apoteket)$"
)
#: A Norwegian street word after a name: "Thorvald Meyers gate", "Kong Oscars vei".
_STREET_AFTER = re.compile(r" (?:gate|gata|gaten|vei|veg|veien|vegen|allé|alle|plass|torg|Street|Road|Avenue)\b")


def _classify(doc: Document, tokens: list[Token], index: dict[int, int], mention: Mention) -> None:
    w = words()
    names = mention.tokens
    slots = mention.slots()
    low_last = names[-1].lower
    if low_last in w.org_heads or (
        (low_last in w.business_heads or _NORWEGIAN_PLACE_OF_BUSINESS.match(low_last))
        and not w.is_first_name(slots[0].text)
    ):
        mention.kind = "org"  # (not "The Kari Lie Gallery", "Marie Salon": a person's name first)
        return
    if _STREET_AFTER.match(doc.text, names[-1].end):
        return  # "Thorvald Meyers gate", "Olav Kyrres gate": a street named after someone
    if any(w.title(t.text) in ("title", "ambiguous") for t in mention.title):
        mention.evidence.add("title")
    # a lower-case role right before the name: "NATO chief Jens Stoltenberg"
    pos = index.get(names[0].start if not mention.title else mention.title[0].start)
    if pos is not None and pos > 0:
        prev = tokens[pos - 1]
        if (
            not prev.cap
            and prev.block == names[0].block
            and (w.title(prev.text) in ("title", "ambiguous") or prev.lower in w.role_nouns)
            and doc.text[prev.end : (mention.title or names)[0].start] == " "
        ):
            mention.role = prev.lower
            mention.evidence.add("role")
    if len(slots) >= 2 and w.is_first_name(slots[0].text):
        mention.evidence.add("first-name")
    elif len(slots) == 1 and w.is_first_name(slots[0].text) and _AGE_AFTER.match(doc.text, names[-1].end):
        mention.evidence.add("first-name")  # a given name with an age: "Håvard (13) had ..."
    elif len(slots) >= 2 and listed(mention.text) is not None:
        mention.evidence.add("figure")  # a person of the news ("Sylvi Listhaug")
    if any(_is_initial_letter(doc, t) for t in names[1:-1]):
        mention.evidence.add("initial")
    if mention.evidence:
        mention.kind = "person"


def _org_mentions(doc: Document, tokens: list[Token], proper: frozenset[str]) -> list[OrgMention]:
    """Runs of capitalised words and connectors that end in an organisation word."""
    w = words()
    out: list[OrgMention] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not (tok.cap and (tok.acronym or _name_word(tok, proper) or tok.lower in w.titles or tok.initial)):
            i += 1
            continue
        run = [tok]
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if not _joined(doc, run[-1], nxt):
                break
            if nxt.cap:
                run.append(nxt)
                j += 1
                continue
            if nxt.lower in w.org_connectors and j + 1 < n and tokens[j + 1].cap and _joined(doc, nxt, tokens[j + 1]):
                run.append(nxt)
                j += 1
                continue
            break
        # the longest prefix that ends in an organisation word
        end = max((k for k, t in enumerate(run) if t.cap and t.lower in w.org_heads), default=-1)
        if end >= 1:
            body = run[: end + 1]
            while body and (not body[0].cap or body[0].lower in ("the", "a", "an")):
                body = body[1:]
            content = [
                part
                for t in body
                for part in re.split(r"[-‐]", t.lower)
                if part and part not in w.org_connectors
            ]
            if len(body) >= 2 and len(content) >= 2:
                start, stop = body[0].start, body[-1].end
                out.append(
                    OrgMention(
                        tokens=tuple(body),
                        start=start,
                        end=stop,
                        surface=doc.text[start:stop],
                        key="".join(content),
                    )
                )
        i = j if j > i + 1 else i + 1
    return out


def proper_forms(tokens: list[Token]) -> frozenset[str]:
    """Words the article capitalises inside sentences, and not more often in lower case.

    A very common English word capitalised by mistake ("..., The cooperation
    body") is not a name unless it is a given name ("Will", "Mark").
    """
    w = words()
    inside: dict[str, int] = {}
    lower: dict[str, int] = {}
    for t in tokens:
        if t.cap and not t.initial and not t.acronym:
            inside[t.text] = inside.get(t.text, 0) + 1
        elif not t.cap:
            lower[t.text] = lower.get(t.text, 0) + 1
    out = set()
    for form, n in inside.items():
        low = form.lower()
        if lower.get(low, 0) >= n:
            continue
        if english_zipf(low) >= FUNCTION_WORD_ZIPF and not w.is_first_name(low):
            continue
        out.add(form)
    return frozenset(out)


def _analyse(doc: Document) -> Analysis:
    w = words()
    tokens = tokenize(doc)
    proper = proper_forms(tokens)
    index = {t.start: i for i, t in enumerate(tokens)}
    mentions: list[Mention] = []
    for run in _runs(doc, tokens, proper):
        title, names = _split_title(run, bool(_OFFICE_BEFORE.search(doc.text, max(0, run[0].start - 9), run[0].start)))
        # "Secretary of State Antony Blinken", "Minister for Culture Kari ...":
        # the run starts inside a title
        pos = index[run[0].start]
        if (
            not title
            and len(names) > 1
            and pos >= 2
            and tokens[pos - 1].lower in ("of", "for")
            and w.title(tokens[pos - 2].text) in ("title", "ambiguous")
            and tokens[pos - 2].cap
        ):
            while len(names) > 1 and (w.title(names[0].text) is not None or names[0].acronym):
                title, names = title + [names[0]], names[1:]
            if title:
                title = [tokens[pos - 2], tokens[pos - 1], *title]
        # drop a leading lone capital or words never part of a name
        while names and (names[0].lower in w.not_names or (len(names[0].text) == 1 and len(names) > 1)):
            if names[0].lower in w.not_names and len(names) > 1 and names[0].lower in ("may", "august", "june"):
                break
            names = names[1:]
        if not names:
            continue
        if not title and (_untranslated_role(names) or _word_before_full_name(names)):
            title, names = [names[0]], names[1:]  # "Styrer | Randi Solheim has worked ...", "Debutant | Sigrid Fjeld"
        if len(names) == 1 and (names[0].lower in w.not_names or len(names[0].text) == 1):
            continue
        if names[-1].lower in w.not_names and names[-1].lower not in ("may", "august", "june", "i") and not w.is_first_name(names[0].text):
            continue  # "New Year", "Good Friday", "Palm Sunday": a day, no one's name (not "Joe Friday")
        if all(w.title(t.text) is not None for t in names):
            continue  # "Prime Minister" alone: a title, no name
        mention = Mention(tokens=tuple(names), title=tuple(title))
        _classify(doc, tokens, index, mention)
        mentions.append(mention)
    # a mention whose last word is the surname of a person is a person too
    surnames = {m.last.text for m in mentions if m.kind == "person" and m.last is not None}
    for m in mentions:
        if m.kind == "name" and m.last is not None and m.last.text in surnames:
            m.kind = "person"
            m.evidence.add("surname")
    orgs = _org_mentions(doc, tokens, proper)
    return Analysis(doc=doc, tokens=tokens, mentions=mentions, orgs=orgs, proper_forms=proper)


#: The key of a document's analysis among its derived data (:meth:`Document.memo`).
MEMO_KEY = "names.analysis"


def analyse(doc: Document) -> Analysis:
    """The names of ``doc``, computed once and kept on it (the names and pronoun
    checks share it).  It reads the English text alone, not the source."""
    analysis: Analysis = doc.memo(MEMO_KEY, _analyse)
    return analysis
