"""The word-frequency index in the cache folder, and the lexicon's cached needles."""

from __future__ import annotations

import sqlite3

import pytest
import wordfreq

from mtqa import lexicons
from mtqa.names import frequencies as F
from mtqa.names.lexicon import LANGS, zipf_frequency

WORDS = ["og", "ikke", "hus", "the", "kommune", "xqzvw", "søndag", "ærlig", "bro"]


def _fresh(langs=("da", "en")) -> F.Frequencies:
    return F.Frequencies(langs)  # not the shared one: its own connection and fallback


def test_the_index_is_built_once_in_the_cache_folder_and_answers_as_wordfreq(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path / "cache"))
    freq = _fresh()
    assert not freq.path.exists()
    got = freq.many(WORDS)
    assert freq.path.exists() and freq.path.parent == tmp_path / "cache"
    assert freq._dicts is None  # answered from the index, not from lists in memory
    for word in WORDS:
        for lang in ("da", "en"):
            assert got.get(word, {}).get(lang, 0.0) == wordfreq.zipf_frequency(word, lang), (word, lang)
    assert "xqzvw" not in got
    assert not list((tmp_path / "cache").glob("*.tmp"))  # built in a temporary file, renamed


def test_a_cache_folder_that_cannot_be_written_costs_time_not_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("MTQA_CACHE", str(blocker))
    freq = _fresh()
    assert freq.zipfs("og") == {"da": wordfreq.zipf_frequency("og", "da"), "en": wordfreq.zipf_frequency("og", "en")}
    assert freq._dicts is not None  # the lists in memory instead


def test_a_corrupt_index_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    freq = _fresh()
    freq.path.write_bytes(b"this is not an SQLite database" * 100)
    assert freq.zipfs("the")["en"] == wordfreq.zipf_frequency("the", "en")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(freq.path).execute("SELECT 1 FROM freq").fetchall()


def test_zipf_frequency_hands_what_the_index_cannot_answer_to_wordfreq():
    for word, lang in [("bergen-bane", "nb"), ("Oslo", "nb"), ("it's", "en"), ("2024", "en"), ("haus", "de"),
                       ("maison", "fr"), ("casa", "pt")]:
        assert zipf_frequency(word, lang) == wordfreq.zipf_frequency(word, lang), (word, lang)
    assert "pt" not in LANGS


def test_every_builtin_lexicon_file_validates_with_its_patterns_compiled():
    # builtin() skips compiling (patterns compile on first use); this is where
    # a bad pattern in a shipped file is caught.
    from importlib import resources

    folder = resources.files("mtqa.lexicons")
    total = 0
    for name in lexicons.builtin_files():
        lex = lexicons.parse(folder.joinpath(name).read_bytes(), name, validate=True)
        total += len(lex)
    assert total == len(lexicons.builtin())


def test_a_bad_pattern_is_caught_when_validating_and_at_first_use_otherwise():
    text = b"""version: 1
entries:
  - id: broken
    kind: literal
    norwegian: noe
    meaning: something
    english: [something]
    renderings: ["some(thing"]
    confidence: 0.5
    severity: warning
    examples: {flag: ["some(thing"], allow: ["x"]}
    note: a broken pattern
"""
    with pytest.raises(lexicons.LexiconError, match="bad regular expression"):
        lexicons.parse(text, "user.yaml")
    lazy = lexicons.parse(text, "user.yaml", validate=False)
    with pytest.raises(Exception, match="missing"):
        _ = lazy.entries[0].renderings


def test_the_needles_of_a_lexicon_are_cached_and_a_damaged_cache_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    fresh = lexicons.combine([lexicons.builtin()])  # same entries, its own cached properties
    computed = lexicons.Lexicon(fresh.entries, fresh.sha256).anchors
    cached_file = lexicons._needles_path(fresh.sha256)
    assert cached_file.exists()
    again = lexicons.Lexicon(fresh.entries, fresh.sha256).anchors
    assert again == computed
    cached_file.write_text("[1, 2", "utf-8")  # cut short
    assert lexicons.Lexicon(fresh.entries, fresh.sha256).anchors == computed
    # the right shape, but needles too short to index: computed again, not used
    import json

    shape = [[["ab"] for _ in e.rendering_patterns] for e, _ in computed]
    cached_file.write_text(json.dumps(shape), "utf-8")
    again = lexicons.Lexicon(fresh.entries, fresh.sha256)
    assert again.anchors == computed
    assert [e.id for e in again.candidates("the front to the front")] == [
        e.id for e in fresh.candidates("the front to the front")
    ]
    sentence = "The police said the car drove from the front to the front on the E6."
    assert [e.id for e in lexicons.Lexicon(fresh.entries, fresh.sha256).candidates(sentence)] == [
        e.id for e in fresh.candidates(sentence)
    ]


def test_the_parsed_builtin_lexicon_is_cached_equal_and_a_damaged_cache_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    folder = lexicons.resources.files("mtqa.lexicons")
    parsed = lexicons.combine(
        [lexicons.parse(folder.joinpath(n).read_bytes(), n, validate=False) for n in lexicons.builtin_files()]
    )
    lexicons.builtin.cache_clear()
    try:
        first = lexicons.builtin()  # parses the files and stores their records
        (records,) = tmp_path.glob("lexicon-parsed-*.json")
        lexicons.builtin.cache_clear()
        second = lexicons.builtin()  # read back from the records
        assert first.entries == second.entries == parsed.entries
        assert first.sha256 == second.sha256 == parsed.sha256
        assert any(e.blocks for e in second.entries) and any(e.cue_patterns for e in second.entries)
        for damaged in ('[[{"id": 1}', "[" + ", ".join(['[{"id": 1}]'] * len(lexicons.builtin_files())) + "]"):
            records.write_text(damaged, "utf-8")  # cut short; records of another shape
            lexicons.builtin.cache_clear()
            assert lexicons.builtin().entries == parsed.entries
    finally:
        lexicons.builtin.cache_clear()


def test_old_lexicon_caches_are_pruned_and_recent_ones_kept(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setenv("MTQA_CACHE", str(tmp_path))
    old = tmp_path / "lexicon-needles-1-py311-0000000000000000000000aa.json"
    recent = tmp_path / "lexicon-needles-1-py311-0000000000000000000000bb.json"
    other = tmp_path / "wordfreq-0000.sqlite3"
    for path in (old, recent, other):
        path.write_text("[]", "utf-8")
    (tmp_path / (old.name + ".lock")).write_text("", "utf-8")
    long_ago = time.time() - 40 * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    fresh = lexicons.combine([lexicons.builtin()])
    _ = lexicons.Lexicon(fresh.entries, fresh.sha256).anchors  # stores this lexicon's needles
    assert lexicons._needles_path(fresh.sha256).exists()
    assert not old.exists() and not (tmp_path / (old.name + ".lock")).exists()
    assert recent.exists() and other.exists()  # unused for less than 30 days; not a lexicon file
