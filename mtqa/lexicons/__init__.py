"""The Norwegian-English lexicon of MT garbles, false friends and literal renderings.

``nb_en.yaml`` beside this file is the built-in lexicon (schema version 1,
documented at the top of that file and enforced by :func:`validate`).  Users may
add their own lexicon files in the same format (``Checker(lexicons=[...])``).

An entry matches an English sentence when one of its ``renderings`` matches and
every ``context`` cue holds; with the Norwegian source at hand, an entry whose
``source`` pattern is found in the source is reported with high confidence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from mtqa.model import MtqaError, Severity

SCHEMA_VERSION = 1
KINDS = ("idiom", "literal", "false-friend", "particle", "word-order", "compound", "institution")
BLOCK_KINDS = ("title", "heading", "body", "caption", "quote", "list_item")
CONTEXT_KEYS = ("blocks", "before", "after", "sentence", "not_sentence", "case_sensitive")
REQUIRED = ("id", "kind", "norwegian", "meaning", "english", "renderings", "source",
            "confidence", "severity", "examples", "note")
BUILTIN = "nb_en.yaml"


class LexiconError(MtqaError):
    """A lexicon file that does not follow the schema."""


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    norwegian: str
    meaning: str
    english: tuple[str, ...]
    renderings: tuple[re.Pattern[str], ...]
    source: tuple[re.Pattern[str], ...]
    confidence: float
    severity: Severity
    note: str
    flag_examples: tuple[str, ...]
    allow_examples: tuple[str, ...]
    blocks: frozenset[str] | None = None
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    sentence: re.Pattern[str] | None = None
    not_sentence: re.Pattern[str] | None = None
    origin: str = BUILTIN

    @property
    def suggestion(self) -> str:
        return self.english[0]

    def matches(self, sentence: str, block_kind: str = "body") -> Iterator[tuple[int, int]]:
        """Spans in ``sentence`` where a rendering matches and every cue holds."""
        if self.blocks is not None and block_kind not in self.blocks:
            return
        if self.sentence is not None and not self.sentence.search(sentence):
            return
        if self.not_sentence is not None and self.not_sentence.search(sentence):
            return
        for pattern in self.renderings:
            for m in pattern.finditer(sentence):
                if m.start() == m.end():
                    continue
                if self.before is not None and not self.before.search(sentence[: m.start()]):
                    continue
                if self.after is not None and not self.after.search(sentence[m.end() :]):
                    continue
                yield m.start(), m.end()

    def in_source(self, source: str) -> re.Match[str] | None:
        for pattern in self.source:
            m = pattern.search(source)
            if m:
                return m
        return None


#: Entries whose renderings are tried together by one prefilter regex.
CHUNK = 24
_UNSAFE = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)")


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    sha256: str

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def chunks(self) -> tuple[tuple[re.Pattern[str] | None, tuple[Entry, ...]], ...]:
        """The entries in groups, each with one regex that matches wherever any of
        the group's renderings could (None: try the group's entries one by one).

        Most sentences match no entry: one search per group tells so, instead
        of one per entry.  Patterns with back-references, named groups or
        global inline flags are not combined."""
        out = []
        group: list[Entry] = []
        alternatives: list[str] = []

        def close() -> None:
            if group:
                out.append((re.compile("|".join(alternatives)), tuple(group)))
                group.clear()
                alternatives.clear()

        for entry in self.entries:
            if not entry.renderings:
                continue
            if any(_UNSAFE.search(p.pattern) for p in entry.renderings):
                out.append((None, (entry,)))
                continue
            group.append(entry)
            for p in entry.renderings:
                flags = ("i" if p.flags & re.IGNORECASE else "") + ("s" if p.flags & re.DOTALL else "")
                alternatives.append(f"(?{flags}:{p.pattern})" if flags else f"(?:{p.pattern})")
            if len(group) >= CHUNK:
                close()
        close()
        return tuple(out)


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


def parse_entry(raw: dict, origin: str) -> Entry:
    if not isinstance(raw, dict):
        raise LexiconError(f"{origin}: every entry must be a mapping")
    eid = raw.get("id", "?")
    where = f"{origin}: entry {eid!r}"
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise LexiconError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED) - {"context", "code"})
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
    renderings = tuple(
        _compile(p, f"{where} rendering", flags)
        for p in _strings(raw["renderings"], f"{where} renderings", allow_empty=True)
    )
    flag_examples = _strings(examples["flag"], f"{where} examples.flag", allow_empty=not renderings)
    blocks = None
    if "blocks" in context:
        blocks = frozenset(_strings(context["blocks"], f"{where} context.blocks"))
        if blocks - set(BLOCK_KINDS):
            raise LexiconError(f"{where}: context.blocks must be among {', '.join(BLOCK_KINDS)}")
    cue = {
        key: _compile(context[key], f"{where} context.{key}", flags)
        for key in ("before", "after", "sentence", "not_sentence")
        if key in context
    }
    return Entry(
        id=eid,
        kind=raw["kind"],
        norwegian=str(raw["norwegian"]),
        meaning=str(raw["meaning"]),
        english=_strings(raw["english"], f"{where} english"),
        renderings=renderings,
        source=tuple(
            _compile(p, f"{where} source", re.IGNORECASE)
            for p in _strings(raw["source"], f"{where} source")
        ),
        confidence=float(confidence),
        severity=severity,
        note=str(raw["note"]),
        flag_examples=flag_examples,
        allow_examples=_strings(examples["allow"], f"{where} examples.allow", allow_empty=not renderings),
        blocks=blocks,
        origin=origin,
        **cue,
    )


def parse(data: bytes, origin: str) -> Lexicon:
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{origin}: not valid YAML ({exc})") from None
    if not isinstance(doc, dict) or doc.get("version") != SCHEMA_VERSION:
        raise LexiconError(f"{origin}: must be a mapping with 'version: {SCHEMA_VERSION}'")
    raw_entries = doc.get("entries")
    if not isinstance(raw_entries, list):
        raise LexiconError(f"{origin}: 'entries' must be a list")
    entries = tuple(parse_entry(raw, origin) for raw in raw_entries)
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise LexiconError(f"{origin}: entry id {entry.id!r} appears twice")
        seen.add(entry.id)
    return Lexicon(entries, hashlib.sha256(data).hexdigest())


@cache
def builtin() -> Lexicon:
    data = resources.files("mtqa.lexicons").joinpath(BUILTIN).read_bytes()
    return parse(data, BUILTIN)


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
    if len(lexicons) == 1:
        return lexicons[0]
    entries = tuple(e for lex in lexicons for e in lex.entries)
    ids = [e.id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise LexiconError(f"lexicon entry id(s) defined twice: {', '.join(dupes)}")
    digest = hashlib.sha256("".join(lex.sha256 for lex in lexicons).encode()).hexdigest()
    return Lexicon(entries, digest)
