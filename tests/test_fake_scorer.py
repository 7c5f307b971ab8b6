"""The torch-free fake scorer (tests/fake_scorer.py) drives the fluency checks,
the report's scores and the renderers without a model."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap

import pytest

import mtqa
from mtqa.renderers import render

from .conftest import CLEAN_ARTICLE, ROOT
from .fake_scorer import GARBLE_EXCESS, FakeScorer

GARBLED_ARTICLE = """Minister presents new plan

The minister said that she has You can read the documents on the ministry's website.

The city council approved the new budget on Tuesday after a long debate about school funding.

The mayor said the money would go to new teachers and to repairs of old school buildings.
"""
GARBLED_SENTENCE = "The minister said that she has You can read the documents on the ministry's website."


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    """No tiny torch model for this module: the autouse ``_reference_model`` fixture
    of conftest.py asks for one to set $MTQA_MODEL; the fake scorer never reads it."""
    return tmp_path_factory.mktemp("no-model")


def _codes(report) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in report[0].findings]


def test_a_garbled_sentence_gets_fl001_and_fl002_on_the_garbled_word(fake_scorer):
    report = fake_scorer.check(GARBLED_ARTICLE)
    assert sorted(_codes(report)) == [("FL001", GARBLED_SENTENCE), ("FL002", "You")]
    (fl002,) = [f for f in report[0].findings if f.code == "FL002"]
    assert fl002.extra["excess"] == GARBLE_EXCESS
    assert GARBLED_ARTICLE[fl002.start : fl002.end] == "You"


def test_a_garbled_word_in_a_short_article_is_flagged_too(fake_scorer):
    report = fake_scorer.check("The team ran three yards of new track in Oslo on Friday.")
    assert sorted(_codes(report)) == [
        ("FL001", "The team ran three yards of new track in Oslo on Friday."),
        ("FL002", "yards"),
    ]


def test_a_clean_article_gets_no_fluency_finding(fake_scorer):
    report = fake_scorer.check(CLEAN_ARTICLE)
    assert report[0].findings == []
    assert all(s["fluency"] > 25 for s in report[0].scores["sentences"])


def test_the_fixture_loads_no_model_and_mtqa_check_uses_the_fake(fake_scorer):
    scorer = fake_scorer.context.scorer
    assert isinstance(scorer, FakeScorer)
    assert fake_scorer.load_model() is scorer
    report = mtqa.check(GARBLED_ARTICLE, select=["FL"])  # load_scorer gives the fake
    assert "model:fake@" in report.signature and "calib:none" not in report.signature
    assert {f.code for f in report[0].findings} == {"FL001", "FL002"}


def test_the_report_json_has_document_and_sentence_fluency(fake_scorer):
    report = fake_scorer.check(GARBLED_ARTICLE)
    data = json.loads(report.to_json())
    scores = data["documents"][0]["scores"]
    assert isinstance(scores["fluency"], float) and 0 < scores["fluency"] < 100
    sentences = scores["sentences"]
    assert len(sentences) == 4  # the title and three body sentences
    for s in sentences:
        assert set(s) == {"start", "end", "text", "tokens", "nll", "slor", "fluency"}
        assert GARBLED_ARTICLE[s["start"] : s["end"]] == s["text"]
        assert s["tokens"] == len(s["text"].split()) and s["nll"] > 0
    by_text = {s["text"]: s["fluency"] for s in sentences}
    assert by_text[GARBLED_SENTENCE] == 0.0
    assert min(v for t, v in by_text.items() if t != GARBLED_SENTENCE) > 25


def test_uncalibrated_fake_gives_scores_but_no_findings():
    checker = mtqa.Checker(select=["FL"])
    checker.context = dataclasses.replace(checker.context, scorer=FakeScorer(calibrated=False))
    report = checker.check(GARBLED_ARTICLE)
    assert report[0].findings == [] and report[0].scores["fluency"] is None
    assert report.signature.endswith("calib:none")


def test_the_terminal_report_shows_the_fluency(fake_scorer):
    report = fake_scorer.check(GARBLED_ARTICLE)
    fluency = report[0].scores["fluency"]
    text = render(report, "terminal", width=200)
    assert f"fluency {fluency:.0f}/100" in text
    assert "least fluent sentences" in text and GARBLED_SENTENCE[:40] in text
    assert "FL001" in text and "FL002" in text


def test_the_html_report_shows_the_fluency(fake_scorer):
    report = fake_scorer.check(GARBLED_ARTICLE)
    fluency = report[0].scores["fluency"]
    html = render(report, "html")
    assert f"fluency <b>{fluency:.0f}/100</b>" in html
    for s in report[0].scores["sentences"]:
        assert f'data-fluency="{s["fluency"]:.1f}"' in html
    assert "FL002" in html


def test_the_fake_scorer_needs_no_torch():
    script = textwrap.dedent(
        """
        import dataclasses, sys
        sys.modules["torch"] = None
        sys.modules["transformers"] = None
        import mtqa
        from tests.fake_scorer import FakeScorer
        checker = mtqa.Checker(select=["FL"])
        checker.context = dataclasses.replace(checker.context, scorer=FakeScorer())
        report = checker.check("The minister said that she has You can read the documents on the website.")
        assert sys.modules["torch"] is None and sys.modules["transformers"] is None
        print(" ".join(sorted(f.code for f in report[0].findings)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["FL001", "FL002"]
