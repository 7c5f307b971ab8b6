"""The dictionary of Norwegian word senses and what is read from it."""

from __future__ import annotations

import pytest

from mtqa.lexicons import senses


def test_the_shipped_dictionary_has_the_frequent_lemmas_with_their_senses():
    d = senses.dictionary()
    assert len(d) >= 7_500
    assert d["politi"].pos == "n" and d["politi"].senses[0] == "police"
    assert d["og"].rank == 0  # the most frequent lemma first
    content = [h for h in d.values() if h.pos in senses.CONTENT]
    assert len(content) >= 5_000
    assert sum(bool(h.senses) for h in content) >= 0.99 * len(content)  # a few are phrase-bound only


def test_parse_keeps_plain_senses_and_drops_phrase_bound_ones():
    d = senses.parse("# comment\nrykke\tv\tjerk; pull; (rykke ut) turn out, respond; move (v)\nbad line\n")
    assert d["rykke"].senses == ("jerk", "pull", "move")


def test_wrong_sense_alternatives_give_the_usual_sense_of_the_norwegian_word():
    d = senses.parse("opplyse\tv\tinform; state; tell; illuminate; enlighten\n"
                     "lys\tn\tlight; lamp; candle\n")
    original = senses.dictionary
    try:
        senses.dictionary = lambda: d  # type: ignore[assignment]
        senses._reverse.cache_clear()
        assert senses.wrong_sense_alternatives("illuminate") == [("opplyse", "inform"), ("opplyse", "state")]
        assert senses.wrong_sense_alternatives("inform") == []  # the usual sense itself
    finally:
        senses.dictionary = original  # type: ignore[assignment]
        senses._reverse.cache_clear()


@pytest.mark.parametrize(
    "surface,lemma,alt,expected",
    [
        ("illuminates", "illuminate", "inform", "informs"),
        ("Printer", "printer", "writer", "Writer"),
        ("cuts", "cut", "reduce", "reduces"),
        ("jerked", "jerk", "respond", "responded"),
        ("rocking", "rock", "cut", "cutting"),
        ("stories", "story", "case", "cases"),
        ("went", "go", "run", None),  # an irregular form: not guessed
    ],
)
def test_inflect_like(surface, lemma, alt, expected):
    assert senses.inflect_like(surface, lemma, alt) == expected


def test_the_speech_verb_forms_made_by_rule_are_lemminflect_s():
    """ID006 reads an attribution's verb in a table made by rule, not in lemminflect's
    (which a run would have to load): the table holds each of lemminflect's third person
    and past forms of every verb it looks for, as that verb and tag, and no other."""
    from lemminflect import getAllInflections

    from mtqa.checks.senses import HEARER_VERBS, _verb_forms, _wrong_speech_senses

    verbs = _wrong_speech_senses().keys() | HEARER_VERBS.keys()
    assert {"illuminate", "mean", "tell"} <= verbs
    expected = {
        form: (verb, tag)
        for verb in verbs
        for tag in ("VBZ", "VBD")
        for form in getAllInflections(verb, upos="VERB").get(tag, ())
    }
    assert _verb_forms() == expected
    assert "says" not in _verb_forms() and "added" not in _verb_forms()


def test_a_label_head_is_found_without_inflection_tables():
    from mtqa.checks.senses import _head

    assert _head("Goals") == "goal" and _head("OBJECTIVES") == "objective" and _head("Duties") == "duty"
    assert _head("Manager") == "manager"


def test_dictionary_coverage_reads_a_gold_item_back_to_its_source(tmp_path, capsys):
    """benchmarks/dictionary_coverage.py: "campaign" for *aksjonen* is a wrong sense the
    dictionary links back to its source; "the boss" for *bos* is linked to nothing, and
    an item whose gold names no Norwegian is not counted."""
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import dictionary_coverage

    items = [
        {"id": "1", "quote": "The campaign is still ongoing.", "family": "idiom", "must": True,
         "why": "'aksjonen' = the operation"},
        {"id": "2", "quote": "the boss", "family": "idiom", "must": True, "why": "'bos' = rubbish"},
        {"id": "3", "quote": "the boss", "family": "idiom", "must": False, "why": "no source named"},
        {"id": "4", "quote": "Kari", "family": "names", "must": True, "why": "'Kari'"},
        # an apostrophe before the quoted Norwegian, curly quotes, a possessive in the quote
        {"id": "5", "quote": "the campaign", "family": "idiom", "why": "the police's ‘aksjonen’ = the operation"},
        {"id": "6", "quote": "the teacher's wallet", "family": "idiom", "why": "'herre' = gentleman"},
    ]
    (tmp_path / "a.gold.jsonl").write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    assert dictionary_coverage.main([str(tmp_path), "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"1", "2", "5", "6"}
    assert rows["1"]["wrong_sense_words"] == ["campaign"] and rows["1"]["linked"]
    assert not rows["2"]["linked"] and not rows["2"]["wrong_sense"]
    assert rows["5"]["source"] == "aksjonen" and rows["5"]["wrong_sense_words"] == ["campaign"]
    assert not rows["6"]["linked"]  # not through the "s" of "teacher's"
    assert dictionary_coverage.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| must | 2/2 | 2/2 | 1/2 | 1/2 |" in out and "left out, naming none: 1" in out
