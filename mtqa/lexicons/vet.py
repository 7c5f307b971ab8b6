"""Vetting a lexicon file before it is used: what ``mtqa lexicon check`` reports.

A user's lexicon file (``Checker(lexicons=[...])``, ``--lexicon``) fails at check
time only on a schema error; an entry whose examples do not hold, or that would
report the very English it suggests, or that fires on text known to be right, is
found here instead:

- :func:`problems`: the schema aside, each entry's flag examples must match (in
  the first block kind the entry allows) and its allow examples must not (as body
  text), each read as an article of one sentence, as the built-in lexicon's tests
  read them; it must have both kinds where it has renderings, it must not report
  its own English, and its id must not be one of the built-in lexicon's or of
  another file checked with it; a file must hold an entry;
- :func:`matches_in`: every finding of the file's entries on articles the user
  knows to be right (human-written English): each one is a false alarm to narrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mtqa.lexicons import Entry, Lexicon, builtin
from mtqa.model import Document


@dataclass(frozen=True)
class Problem:
    entry: str
    message: str


@dataclass(frozen=True)
class Match:
    """A finding of an entry on text known to be right: a false alarm.  ``path``,
    ``line`` and ``column`` as ``mtqa check`` gives them (a JSONL corpus: the record's
    line in the file)."""

    entry: str
    document: str
    path: str | None
    line: int
    column: int
    text: str
    sentence: str


def is_builtin_file(path: str | Path) -> bool:
    """Whether ``path`` is one of the built-in lexicon's files (whose ids are its own)."""
    return Path(path).resolve().parent == Path(__file__).resolve().parent


def problems(lexicon: Lexicon, *, builtin_file: bool = False, others: Iterable[str] = ()) -> list[Problem]:
    """What is wrong with the entries of ``lexicon`` (empty: nothing).

    ``builtin_file``: the file is one of the built-in lexicon's, whose ids are its own.
    ``others``: the ids of the other files used with it (``--lexicon`` twice)."""
    builtin_ids = set() if builtin_file else {e.id for e in builtin().entries}
    other_ids = set(others)
    out: list[Problem] = []
    if not lexicon.entries:
        out.append(Problem("-", "the file holds no entry"))
    for entry in lexicon.entries:
        out.extend(Problem(entry.id, message) for message in _entry_problems(entry, builtin_ids, other_ids))
    return out


def _entry_problems(entry: Entry, builtin_ids: set[str], other_ids: set[str]) -> Iterator[str]:
    if entry.id in builtin_ids:
        yield "its id is already a built-in entry's: choose another"
    if entry.id in other_ids:
        yield "its id is also in another lexicon file checked with it: used together they fail; choose another"
    if entry.renderings and not (entry.flag_examples and entry.allow_examples):
        yield "needs at least one flag and one allow example"
    kind = sorted(entry.blocks)[0] if entry.blocks else "body"
    for text in entry.flag_examples:
        if next(entry.iter_matches(text, kind), None) is None:
            yield f"flag example not matched: {text!r}"
    for text in entry.allow_examples:
        found = next(entry.iter_matches(text, "body"), None)
        if found is not None:
            yield f"allow example matched ({found.group()!r}): {text!r}"
    for english in entry.reports_its_english():
        yield f"reports its own English: {english!r}"


def matches_in(lexicon: Lexicon, documents: Iterable[Document]) -> Iterator[Match]:
    """Every finding the entries of ``lexicon`` make on ``documents`` (read as mtqa
    reads them: the built-in lexicon with this one, the file's entries in place of the
    built-in ones of the same ids, each span given to the most
    specific match, the cues in the sentence, the sentence before and the article)."""
    from mtqa.checks.base import position
    from mtqa.checks.idioms import find_matches

    own = {id(e) for e in lexicon.entries}  # the file's entries, not a built-in one of the same id
    # the file's version of an entry stands in for the built-in one of its id (a built-in
    # file vetted, or an edited copy of one): else the built-in one takes each span first
    ids = {e.id for e in lexicon.entries}
    kept = tuple(e for e in builtin().entries if e.id not in ids)
    both = Lexicon((*kept, *lexicon.entries), f"{builtin().sha256}+{lexicon.sha256}")
    codes = {"ID001", "ID002", "ID003"}
    for doc in documents:
        for m in find_matches(doc, both, codes):
            if id(m.entry) in own:
                sentence = doc.sentence_at(m.start)
                line, column = position(doc, m.start)
                yield Match(
                    m.entry.id,
                    doc.id,
                    doc.path,
                    line,
                    column,
                    doc.text[m.start : m.end],
                    doc.text[sentence.start : sentence.end] if sentence else "",
                )
