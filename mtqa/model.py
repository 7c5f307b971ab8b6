"""The data model shared by loaders, checks, the report and every renderer.

Every span in mtqa is a pair of Unicode code-point offsets ``[start, end)`` into
``Document.text``: the document exactly as decoded from its file (BOM removed,
line ends as in the file), the extracted article text of an HTML page, or the
``target`` of a JSONL record.
"""

from __future__ import annotations

import bisect
import enum
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """One severity scale for the whole product.

    ``error``: a reader is misinformed or the text is not publishable.
    ``warning``: probably wrong, worth a look.  ``info``: a note.
    """

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r}: use one of info, warning, error"
            ) from None


FAMILIES = (
    "names",
    "pronoun",
    "idiom",
    "untranslated",
    "grammar",
    "boilerplate",
    "fluency",
    "encoding",
    "accuracy",
    "reference",
    "input",
)


class BlockKind(str, enum.Enum):
    """What a block of an article is."""

    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    CAPTION = "caption"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    FURNITURE = "furniture"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Block:
    """A structural unit of an article: a title, heading, paragraph, caption, ...

    ``start``/``end`` cover the block's content (markup such as ``# `` or a
    dialogue dash excluded).  ``reason`` says why a block is furniture.
    """

    kind: BlockKind
    start: int
    end: int
    reason: str | None = None
    #: 1-based line in the original file where the block starts, when the
    #: document text is not the file itself (HTML).
    source_line: int | None = None

    @property
    def is_text(self) -> bool:
        """True for blocks that belong to the article (not page furniture)."""
        return self.kind is not BlockKind.FURNITURE


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks


#: A typographic apostrophe inside a word ("woman’s", "don’t"), or after a plural's s
#: ("the Workers’ Party").
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_PLURAL_APOSTROPHE = re.compile(r"(?<=\ws)’(?=\s+\w)")


def fold_apostrophes(text: str) -> str:
    """``text`` with its typographic apostrophes written ``'``, so that a pattern
    written with ``'`` ("old woman's advice", "Bergen's Tidings") matches either
    spelling; the length and every offset stay the same.  One inside a word always;
    one after a plural's s ("Workers’ Paper") where the text opens no quotation with
    ‘, so that it cannot be a closing quote (patterns that end a quotation name it)."""
    if "’" not in text:
        return text
    text = _APOSTROPHE.sub("'", text)
    return text if "‘" in text else _PLURAL_APOSTROPHE.sub("'", text)


_folded = functools.lru_cache(maxsize=4)(fold_apostrophes)

#: What :func:`unfold_apostrophes` writes back: ``'`` inside a word, and after a plural's s.
_ASCII_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_ASCII_PLURAL_APOSTROPHE = re.compile(r"(?<=s)'(?!\w)")


def unfold_apostrophes(written: str, like: str) -> str:
    """The inverse of :func:`fold_apostrophes` for text written for a span: ``written``
    (a suggestion spelt with ``'``) in the typography of ``like`` (the article's words
    it replaces): where ``like`` writes ``’``, so does ``written``, inside a word
    ("don’t") and after a plural's s ("old wives’ remedy")."""
    if "’" not in like:
        return written
    return _ASCII_PLURAL_APOSTROPHE.sub("’", _ASCII_APOSTROPHE.sub("’", written))


#: How a Document made without blocks gets them: :func:`mtqa.structure.segment`,
#: which registers itself here when imported (``import mtqa`` imports it), so that
#: this module, the data model, imports nothing of the project.
_segmenter: Callable[[str, str], tuple[list[Block], list[Sentence]]] | None = None


def register_segmenter(segment: Callable[[str, str], tuple[list[Block], list[Sentence]]]) -> None:
    global _segmenter
    _segmenter = segment


@dataclass
class Document:
    """One article: its text, optional source/reference, structure and origin."""

    id: str
    text: str
    path: str | None = None
    source: str | None = None
    reference: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    #: Which loader read it: text, markdown, html, jsonl, string.
    format: str = "text"
    #: For JSONL records, the record's 1-based line in the file.
    record_line: int | None = None
    #: The encoding the file was decoded with, and a warning when it was a guess.
    encoding: str = "utf-8"
    encoding_warning: str | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    _line_starts: list[int] | None = field(default=None, repr=False)
    _sentence_starts: list[int] | None = field(default=None, repr=False)
    #: Data derived from the document, computed once (:meth:`memo`): the
    #: alignment, the reference segments and their metric statistics, ...
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.blocks:
            if _segmenter is None:  # pragma: no cover - mtqa/__init__ imports mtqa.structure
                raise MtqaError("no segmenter: import mtqa (mtqa.structure registers it)")
            self.blocks, self.sentences = _segmenter(self.text, self.format)

    # -- derived data --------------------------------------------------
    def memo(self, key: str, compute: Callable[[Document], Any]) -> Any:
        """``compute(self)``, computed once and kept on the document (it travels
        with it to a worker process and back)."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]

    def folded_text(self) -> str:
        """The text with typographic apostrophes inside words written ``'``
        (:func:`fold_apostrophes`): offsets are the text's own, for the checks whose
        patterns and word lists spell "Bergen's Tidings" with ``'``.  Not kept on the
        document (derived data travels with it), but the last few texts' are cached."""
        return _folded(self.text)

    def forget(self, *keys: str) -> None:
        """Drop derived data (after the source or reference changed)."""
        for key in keys:
            self._derived.pop(key, None)

    # -- positions -----------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset`` in ``text``."""
        if self._line_starts is None:
            # "\r\n", "\n" and a lone "\r" each end a line.
            self._line_starts = [0] + [
                m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)
            ]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end or block.start == offset == block.end:
                return block
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds ``offset``: a binary search, as sentences are in text
        order and do not overlap (an empty one may share its start with the next)."""
        starts = self._sentence_starts
        if starts is None or len(starts) != len(self.sentences):
            starts = self._sentence_starts = [s.start for s in self.sentences]
        hi = bisect.bisect_right(starts, offset)
        lo = bisect.bisect_left(starts, starts[hi - 1]) if hi else 0
        for sentence in self.sentences[lo:hi]:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    # -- views for checks ------------------------------------------------
    def text_blocks(self) -> list[Block]:
        """Blocks that are article text, furniture excluded."""
        return [b for b in self.blocks if b.is_text]

    def text_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if self.blocks[s.block].is_text]

    def topic_window(self, sentences: list[Sentence], at: int) -> str:
        """The text around ``sentences[at]`` where a lexicon entry's topic cue
        (``context.sentence``) may also be found: the article's title, the two sentences
        before it and the two after it ("" for a one-sentence article without a title).
        A news sentence often leaves its topic to the ones before ("The fire is under
        control. Extinction is in progress."; "... stabbed the victim. The verdict was
        unanimous. He said he acted in emergency guard."), to the headline, or names it
        only in the next sentence ("Dog patrol was inserted. The police searched the area
        until midnight."); ``sentences`` are the text sentences, so furniture between two
        sentences does not count. The exclusion cue (``context.not_sentence``) stays with
        the sentence itself."""
        lo = max(0, at - 2)
        title = self.title
        near = [self.text[s.start : s.end] for s in sentences[lo:at] + sentences[at + 1 : at + 3]]
        return "\n".join(([title] if title and title not in near else []) + near)

    def article_text(self) -> str:
        """The article's text sentences, one a line, furniture left out: where a lexicon
        entry's article cues are looked for (a link to another story is about something else)."""
        return "\n".join(self.text[s.start : s.end] for s in self.text_sentences())

    @property
    def title(self) -> str | None:
        for block in self.blocks:
            if block.kind is BlockKind.TITLE:
                return self.text[block.start : block.end]
        return None

    @property
    def word_count(self) -> int:
        return sum(len(self.text[b.start : b.end].split()) for b in self.text_blocks())

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256(self.text.encode("utf-8"))
        for extra in (self.source, self.reference):
            h.update(b"\0" + (extra or "").encode("utf-8"))
        return h.hexdigest()


#: MQM-style weights (as WMT / Google MQM scoring): minor 1, major 5, non-translation 25.
PENALTY_WEIGHTS = {Severity.INFO: 0.0, Severity.WARNING: 1.0, Severity.ERROR: 5.0}
NON_TRANSLATION = 25.0
#: Codes whose findings are a sentence, paragraph or unit left untranslated.
NON_TRANSLATION_CODES = frozenset({"UT002", "UT003", "UT005"})


def finding_penalty(finding: Finding) -> float:
    if finding.code in NON_TRANSLATION_CODES:
        return NON_TRANSLATION
    return PENALTY_WEIGHTS[finding.severity]


def penalty_per_1000(findings: Iterable[Finding], words: int) -> float:
    """MQM-style penalty points of ``findings`` per 1,000 words."""
    points = sum(finding_penalty(f) for f in findings)
    return round(points * 1000.0 / max(words, 1), 1)


@dataclass
class Finding:
    """One defect found in a document.  ``to_dict()`` is the wire contract."""

    code: str
    name: str
    family: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    suggestion: str | None = None
    confidence: float = 1.0
    line: int = 0
    column: int = 0
    sentence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.start, self.end, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": str(self.severity),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "suggestion": self.suggestion,
            "confidence": round(float(self.confidence), 3),
            "sentence": self.sentence,
        }
        if self.extra:
            d["extra"] = self.extra
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """The finding back from :meth:`to_dict` (a results file, a worker process)."""
        return cls(
            code=d["code"],
            name=d["name"],
            family=d["family"],
            severity=Severity.parse(d["severity"]),
            message=d["message"],
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            suggestion=d.get("suggestion"),
            confidence=float(d.get("confidence", 1.0)),
            line=int(d.get("line", 0)),
            column=int(d.get("column", 0)),
            sentence=d.get("sentence"),
            extra=dict(d.get("extra") or {}),
        )


class MtqaError(Exception):
    """An error a user can act on: bad input, bad usage, a missing resource.

    The CLI prints its message on one line and exits with code 2.
    """


class InputError(MtqaError):
    """A document or path could not be read."""
