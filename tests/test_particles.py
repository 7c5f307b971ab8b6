"""ID010 and ID011: a verb's particle or reflexive pronoun judged by the reference model (mtqa/checks/particles.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import mtqa
from mtqa.checks.base import CheckContext
from mtqa.checks.particles import MIN_GAIN, MIN_GAIN_REFLEXIVE, ParticleByModel, ReflexiveByModel

SENTENCE = "The council rented in nurses for the summer."


class _WordScorer:
    """Every word costs ``cost`` nats, so a sentence without its particle gains ``cost``."""

    prefix_id = 0

    def __init__(self, cost: float, thresholds: dict | None) -> None:
        self.cost = cost
        self.calibration = None if thresholds is None else SimpleNamespace(thresholds=thresholds)

    def encode(self, text: str) -> list[int]:
        return [1] * len(text.split())

    def token_logprobs(self, sequences, scored_from=None, max_padding=None):
        return [[-self.cost] * (len(ids) - 1) for ids in sequences]


def _run(scorer) -> list:
    doc = mtqa.document_from_text(SENTENCE)
    return list(ParticleByModel().run(doc, CheckContext(scorer=scorer)))


def test_a_gain_at_the_threshold_is_reported_and_one_below_it_is_not():
    (found,) = _run(_WordScorer(MIN_GAIN, {}))
    assert found.text == "rented in" and found.extra["particle_gain"] == MIN_GAIN
    assert _run(_WordScorer(MIN_GAIN - 0.5, {})) == []


def test_the_calibration_may_set_its_own_threshold():
    assert [f.text for f in _run(_WordScorer(5.0, {"id010_min_gain": 4.0}))] == ["rented in"]


def test_a_model_without_calibration_reports_nothing():
    assert _run(_WordScorer(50.0, None)) == []


@pytest.mark.model
def test_a_span_an_entry_names_is_reported_once_with_the_models_figure():
    text = "The hospital is now renting in surgeons from Sweden to take again the backlog."
    report = mtqa.check(mtqa.document_from_text(text), select=["idiom"])
    over = [f for f in report.findings if f.start <= text.index("renting") < f.end]
    assert len(over) == 1, [f.to_dict() for f in over]
    assert over[0].code != "ID010" and over[0].extra["particle_gain"] >= MIN_GAIN


def _run_reflexive(scorer, text: str) -> list:
    return list(ReflexiveByModel().run(mtqa.document_from_text(text), CheckContext(scorer=scorer)))


def test_a_reflexive_pronoun_is_judged_by_its_own_threshold():
    text = "Around 80 people collected themselves in front of the library."
    (found,) = _run_reflexive(_WordScorer(MIN_GAIN_REFLEXIVE, {}), text)
    assert found.code == "ID011" and found.text == "collected themselves"
    assert found.extra["reflexive_gain"] == MIN_GAIN_REFLEXIVE
    assert _run_reflexive(_WordScorer(MIN_GAIN_REFLEXIVE - 0.5, {}), text) == []
    assert [f.text for f in _run_reflexive(_WordScorer(5.0, {"id011_min_gain": 4.0}), text)] == [
        "collected themselves"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "She has herself worked 22 years at the yard.",  # after an auxiliary
        "He took an avalanche course herself last winter.",  # a noun, not a verb
        "They made the calls themselves.",  # after a determiner
        "He says himself that he must start again.",  # a speech verb
        "Opdahl was visibly moved himself.",  # a participle after 'be'
    ],
)
def test_an_emphatic_reflexive_is_not_a_candidate(text):
    assert _run_reflexive(_WordScorer(50.0, {}), text) == []


def test_the_verbs_of_a_noun_and_verb_word_need_a_subject_or_an_auxiliary_before_them():
    assert [f.text for f in _run_reflexive(_WordScorer(50.0, {}), "We must rust ourselves for a wetter climate.")] == [
        "rust ourselves"
    ]
    assert _run_reflexive(_WordScorer(50.0, {}), "The old rust itself is harmless.") == []
