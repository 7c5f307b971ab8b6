"""The Norwegian-English lexicon: schema, and every entry's own examples."""

from __future__ import annotations

from collections import Counter

import pytest

import mtqa
from mtqa import lexicons
from mtqa.checks.idioms import KIND_CODES
from mtqa.lexicons import LexiconError, parse

LEXICON = lexicons.builtin()


def test_the_builtin_lexicon_is_valid_and_large():
    assert len(LEXICON) >= 250
    kinds = Counter(e.kind for e in LEXICON.entries)
    assert set(kinds) == set(lexicons.KINDS), kinds
    assert all(e.note and e.meaning and e.english for e in LEXICON.entries)


def _examples():
    for entry in LEXICON.entries:
        kind = sorted(entry.blocks)[0] if entry.blocks else "body"
        for text in entry.flag_examples:
            yield pytest.param(entry, text, kind, True, id=f"{entry.id}-flag")
        for text in entry.allow_examples:
            yield pytest.param(entry, text, "body", False, id=f"{entry.id}-allow")


@pytest.mark.parametrize("entry,text,kind,flagged", list(_examples()))
def test_entry_examples(entry, text, kind, flagged):
    """Every entry fires on its flag examples and not on its look-alikes."""
    assert bool(list(entry.matches(text, kind))) is flagged


def test_every_entry_with_renderings_has_a_flag_and_an_allow_example():
    for entry in LEXICON.entries:
        if entry.renderings:
            assert entry.flag_examples and entry.allow_examples, entry.id


def test_every_kind_maps_to_a_check_code():
    assert set(KIND_CODES) == set(lexicons.KINDS)
    codes = {c.code for c in mtqa.list_checks()}
    assert set(KIND_CODES.values()) <= codes


GOOD = b"""version: 1
entries:
  - id: tre-spor
    kind: idiom
    norwegian: tre spor
    meaning: three tracks
    english: [three tracks]
    renderings: ['\\bthree yards\\b']
    context: {blocks: [heading]}
    source: ['\\btre spor\\b']
    confidence: 0.9
    severity: error
    examples: {flag: [three yards], allow: [He ran three yards.]}
    note: test
"""


@pytest.mark.parametrize(
    "change,message",
    [
        ((b"kind: idiom", b"kind: proverb"), "kind must be one of"),
        ((b"severity: error", b"severity: fatal"), "unknown severity"),
        ((b"['\\bthree yards\\b']", b"['three (yards']"), "bad regular expression"),
        ((b"    note: test\n", b""), "missing note"),
        ((b"confidence: 0.9", b"confidence: 2"), "confidence must be"),
        ((b"context: {blocks: [heading]}", b"context: {blocks: [sidebar]}"), "context.blocks"),
        ((b"version: 1", b"version: 7"), "version: 1"),
        ((b"id: tre-spor", b"id: Tre Spor"), "id must be"),
    ],
)
def test_schema_errors_name_the_entry_and_the_field(change, message):
    parse(GOOD, "good.yaml")  # the unchanged file is valid
    bad = GOOD.replace(*change)
    assert bad != GOOD
    with pytest.raises(LexiconError, match=message):
        parse(bad, "bad.yaml")


def test_a_user_lexicon_adds_entries(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_bytes(GOOD.replace(b"tre-spor", b"my-tre-spor"))
    combined = lexicons.load([path])
    assert len(combined) == len(LEXICON) + 1
    with pytest.raises(LexiconError, match="cannot be read"):
        lexicons.load([tmp_path / "missing.yaml"])
