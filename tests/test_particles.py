"""ID010: a verb's particle judged by the reference model (mtqa/checks/particles.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import mtqa
from mtqa.checks.base import CheckContext
from mtqa.checks.particles import MIN_GAIN, ParticleByModel

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
