"""The lexicon engine on whole articles: the seed's garbles, and the Norwegian source."""

from __future__ import annotations

import json

import mtqa

from .conftest import FIXTURES, SEED

ARTICLE = """NATO prepares its answer

The alliance is working on its response to Russia, sources say.

three yards

Internally within NATO, there are currently three actions that are emerging in response.
"""


def _idioms(report):
    return [f for f in report.findings if f.family == "idiom"]


def test_must_idiom_items_of_the_seed_are_found_with_the_right_suggestion():
    report = mtqa.check(SEED, select=["idiom"], fluency=False)
    found = {f.text: f for f in _idioms(report)}
    gold = [
        json.loads(line)
        for line in (FIXTURES / "gold" / "000_b3dce5b5bb70e21c.gold.jsonl").read_text("utf-8").splitlines()
    ]
    text = SEED.read_text("utf-8")
    for item in (g for g in gold if g["family"] == "idiom" and g["must"]):
        start = -1
        for _ in range(item["occurrence"] + 1):
            start = text.index(item["quote"], start + 1)
        hits = [f for f in _idioms(report) if f.start < start + len(item["quote"]) and start < f.end]
        assert hits, item["quote"]
        assert any(item["suggestion"].lower() in (h.suggestion or "").lower() for h in hits), (
            item["quote"], [h.suggestion for h in hits])
    assert found["three yards"].code == "ID001"
    assert "tre spor" in found["three yards"].message


def test_the_source_confirms_an_entry():
    doc = mtqa.document_from_text(ARTICLE, source="NATO forbereder svaret\n\nTre spor\n\nInternt i NATO ...")
    (finding,) = _idioms(mtqa.check(doc, select=["idiom"], fluency=False))
    assert finding.text == "three yards"
    assert finding.confidence >= 0.95
    assert finding.extra["source_text"].lower() == "tre spor"
    assert "the source has 'Tre spor'" in finding.message


def test_a_source_without_the_expression_silences_the_entry():
    doc = mtqa.document_from_text(ARTICLE, source="NATO forbereder svaret\n\nTre yards\n\nInternt i NATO ...")
    assert _idioms(mtqa.check(doc, select=["idiom"], fluency=False)) == []


def test_a_user_lexicon_is_used(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(
        """version: 1
entries:
  - id: my-dugnad
    kind: literal
    norwegian: dugnad
    meaning: voluntary community work
    english: [voluntary work]
    renderings: ['\\bcommunity effort day\\b']
    source: ['\\bdugnad']
    confidence: 0.8
    severity: warning
    examples: {flag: [It was a community effort day.], allow: [It was a community effort.]}
    note: test entry
""",
        encoding="utf-8",
    )
    text = "Town cleans up\n\nThe whole street joined the community effort day on Saturday.\n"
    assert not _idioms(mtqa.check(text, select=["idiom"], fluency=False))
    report = mtqa.Checker(select=["idiom"], fluency=False, lexicons=[lexicon]).check(text)
    assert [f.extra["lexicon_entry"] for f in _idioms(report)] == ["my-dugnad"]
